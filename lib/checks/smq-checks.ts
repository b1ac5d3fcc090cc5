/**
 * `SmqChecks`: the SMQ rule pack, applied as an aspect. The idiom is cdk-nag's (https://github.com/cdklabs/cdk-nag,
 * `src/nag-pack.ts`): an aspect visits the app, each rule that trips adds an error or warning annotation with the rule
 * id to the construct at fault, and a suppression needs a reason. Here the rules read the rendered template of each
 * stack (so `checkTemplate` runs them on any template too), a suppression is listed in a report
 * (`<outdir>/smq-checks.json`) instead of disappearing, and one summary line is printed per app.
 *
 * When the rules run: the aspect only registers each stack it visits. ROS CDK 1.x invokes aspects first in synth, then
 * prepares the constructs, then validates them, then writes the templates; the rules run in the validation phase, on
 * each stack as it is then (every construct prepared, every lazy value final), and the report is written before the
 * templates are. A synth with `skipValidation` runs no rules. ROS CDK 1.x has no `Aspects.of` or `Annotations.of`: the
 * aspect is added with `constructs.Node.of(scope).applyAspect`, which core's synth invokes, and a finding is
 * `node.addError` / `node.addWarning` (metadata `aliyun:ros:error` / `aliyun:ros:warning`).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ros from '@alicloud/ros-cdk-core';
import * as constructs from 'constructs';
import { describeConstruct, isConstruct } from '../core/util';
import { invalid, ValidationError } from '../core/validation';
import { allRules, CheckLevel, CheckRule, evaluate, RuleDefinition, RuleHit, ruleById } from './rules';
import { compare, isObject, TemplateModel } from './template-model';

/** Options of {@link SmqChecks}. */
export interface SmqChecksOptions {
  /**
   * Write the report, every finding and suppression, to `smq-checks.json` in the app's output directory (`cdk.out`).
   *
   * @default true
   */
  readonly writeReport?: boolean;

  /**
   * Print one summary line on synth: `smq-checks: 2 errors, 3 warnings, 1 suppressed (cdk.out/smq-checks.json)`.
   *
   * @default true
   */
  readonly printSummary?: boolean;
}

/** One finding of the rule pack. */
export interface CheckFinding {
  /** The rule that found it: `SMQ-001` and so on. */
  readonly ruleId: string;
  /** Error or warning. */
  readonly level: CheckLevel;
  /**
   * Where: the path of the construct that owns the offending resource (the stack's, for a finding about the whole
   * stack); for `checkTemplate`, `<stack name>/<logical id>`.
   */
  readonly path: string;
  /** The logical id of the offending resource. @default - none: the finding is about the whole stack */
  readonly logicalId?: string;
  /** The stack's name. */
  readonly stack: string;
  /** `[SMQ-xxx] <what> at <path>: <why it matters>. Fix: <how>.` */
  readonly message: string;
}

/** A finding that a suppression accepted, with its reason. */
export interface CheckSuppression extends CheckFinding {
  /** Why the finding is accepted, as given to `SmqChecks.suppress`. */
  readonly reason: string;
  /** The path of the construct the suppression was added to. */
  readonly suppressedAt: string;
}

/** The counts of a report. */
export interface ChecksSummary {
  /** Error findings not suppressed. */
  readonly errors: number;
  /** Warning findings not suppressed. */
  readonly warnings: number;
  /** Findings accepted by a suppression. */
  readonly suppressed: number;
}

/** The content of `smq-checks.json`. */
export interface ChecksReport {
  /** The report format's version: 1. */
  readonly version: number;
  /** The counts. */
  readonly summary: ChecksSummary;
  /** The names of the stacks checked, in construct-path order. */
  readonly stacks: string[];
  /** The findings not suppressed, ordered by stack, path, rule id, logical id and message. */
  readonly findings: CheckFinding[];
  /** The findings accepted by a suppression, in the same order. */
  readonly suppressions: CheckSuppression[];
}

/** The id of the hidden construct that runs the rules for a stage; the dot keeps it apart from any stack. */
const RUN_ID = 'ros-cdk-smq.checks';
/** Where a construct keeps its suppressions (rule id -> reason); shared by every copy of this library. */
const SUPPRESSIONS = Symbol.for('ros-cdk-smq.checks.suppressions');
const ERROR_TYPE = 'aliyun:ros:error';
const WARNING_TYPE = 'aliyun:ros:warning';

/**
 * The SMQ rule pack: a reviewer of SMQ wiring, run on every synth. Apply it to an app (or a stage or stack) with
 * `SmqChecks.applyTo(app)`; each finding is an error or warning annotation on the construct that owns the offending
 * resource, with the rule id, the path, why it matters and how to fix it. `SmqChecks.suppress(construct, ruleId,
 * reason)` accepts a finding, with a reason, on that construct and everything under it. The rules are listed by
 * `SmqChecks.rules()` and in lib/checks/RULES.md.
 *
 * It is also an aspect: `constructs.Node.of(app).applyAspect(new SmqChecks())` does what `applyTo` does.
 */
export class SmqChecks implements constructs.IAspect {
  /** The file name of the report in the app's output directory. */
  public static readonly REPORT_FILE = 'smq-checks.json';

  /**
   * Checks every stack under `scope` on synth: adds the aspect to `scope`. The annotations, the report and the summary
   * come with the synth (`app.synth()`, or `Template.fromStack` in a test).
   *
   * @param scope an app, a stage or a stack
   * @param options where the findings go besides the annotations
   * @returns the aspect
   */
  public static applyTo(scope: ros.IConstruct, options: SmqChecksOptions = {}): SmqChecks {
    if (!isConstruct(scope)) {
      throw new ValidationError('', 'SmqChecks.applyTo(scope)', scope, 'must be an app, a stage or a stack');
    }
    if (!ros.Stage.isStage(scope) && !ros.Stack.isStack(scope)) {
      throw invalid(scope, 'SmqChecks.applyTo(scope)', scope.node.path, 'must be an app, a stage or a stack: the rules read whole stacks');
    }
    const aspect = new SmqChecks(options);
    constructs.Node.of(scope).applyAspect(aspect);
    return aspect;
  }

  /**
   * Accepts the findings of one rule on `construct` and every construct under it (a stack, or the app, for all of
   * theirs). The findings are left out of the annotations and listed, with the reason, in the report.
   *
   * @param construct the construct that owns the offending resource, or one of its scopes
   * @param ruleId the rule: `SMQ-001` and so on
   * @param reason why the finding is accepted: a non-empty text, shown in the report
   */
  public static suppress(construct: ros.IConstruct, ruleId: string, reason: string): void {
    if (!isConstruct(construct)) {
      throw new ValidationError('', 'SmqChecks.suppress(construct)', describeConstruct(construct), 'must be a construct');
    }
    if (typeof ruleId !== 'string' || ruleById(ruleId) === undefined) {
      const ids = allRules().map((r) => r.id);
      throw invalid(construct, 'SmqChecks.suppress(ruleId)', ruleId, `must be a rule id of the pack, ${ids[0]} to ${ids[ids.length - 1]}`);
    }
    if (typeof reason !== 'string' || reason.trim() === '') {
      throw invalid(construct, 'SmqChecks.suppress(reason)', reason, 'must say why the finding is accepted (a non-empty text)');
    }
    const holder = construct as unknown as { [SUPPRESSIONS]?: Map<string, string> };
    if (holder[SUPPRESSIONS] === undefined) {
      Object.defineProperty(holder, SUPPRESSIONS, { value: new Map<string, string>(), enumerable: false });
    }
    holder[SUPPRESSIONS]!.set(ruleId, reason.trim());
  }

  /**
   * Runs the rules on a synthesized ROS template (the JSON of `cdk.out/<stack>.template.json`, or any other) and
   * returns the findings, ordered as in the report. Suppressions apply to constructs, so none apply here.
   *
   * @param template the template, as an object
   * @param stackName the stack's name, used in each finding's path (`<stack name>/<logical id>`)
   */
  public static checkTemplate(template: { [key: string]: any }, stackName: string): CheckFinding[] {
    if (!isObject(template) || (template.Resources !== undefined && !isObject(template.Resources))) {
      throw new ValidationError('', 'SmqChecks.checkTemplate(template)', template, 'must be a ROS template: an object with a Resources section');
    }
    if (typeof stackName !== 'string' || stackName === '') {
      throw new ValidationError('', 'SmqChecks.checkTemplate(stackName)', stackName, 'must be a non-empty text: it names the stack in each finding');
    }
    return evaluate(new TemplateModel(template))
      .map(({ rule, hit }) => finding(rule, hit, hit.logicalId === undefined ? stackName : `${stackName}/${hit.logicalId}`, stackName))
      .sort(byPlace);
  }

  /** The rules of the pack, in id order. */
  public static rules(): CheckRule[] {
    return allRules().map((r) => ({ id: r.id, level: r.level, title: r.title, why: r.why, fix: r.fix, note: r.note, references: [...r.references] }));
  }

  private readonly options: SmqChecksOptions;

  /** @param options where the findings go besides the annotations */
  constructor(options: SmqChecksOptions = {}) {
    this.options = { ...(isObject(options) ? options : {}) };
  }

  /** Registers each stack it visits; the rules run when the app is validated in synth. */
  public visit(node: constructs.IConstruct): void {
    if (ros.Stack.isStack(node)) {
      ChecksRun.of(node).register(node, this.options);
    }
  }
}

/** The finding of a hit at `path`. */
function finding(rule: RuleDefinition, hit: RuleHit, where: string, stack: string): CheckFinding {
  const message = `[${rule.id}] ${hit.what} at ${where}: ${hit.why ?? rule.why}. Fix: ${rule.fix}.`;
  const level = hit.level ?? rule.level;
  // a finding about the whole stack has no logicalId key at all (the report's JSON then has none either)
  return hit.logicalId === undefined
    ? { ruleId: rule.id, level, path: where, stack, message }
    : { ruleId: rule.id, level, path: where, logicalId: hit.logicalId, stack, message };
}

function byPlace(a: CheckFinding, b: CheckFinding): number {
  return compare(a.stack, b.stack) || compare(a.path, b.path) || compare(a.ruleId, b.ruleId)
    || compare(a.logicalId ?? '', b.logicalId ?? '') || compare(a.message, b.message);
}

/** The construct that owns a resource: the construct it was made in, unless that is the stack. */
function ownerOf(element: ros.IConstruct): ros.IConstruct {
  const parent = element.node.scope as ros.IConstruct | undefined;
  return parent === undefined || ros.Stack.isStack(parent) || ros.Stage.isStage(parent) ? element : parent;
}

/** The nearest suppression of `ruleId` on `target` or one of its scopes. */
function suppressionOf(target: ros.IConstruct, ruleId: string): { reason: string; at: string } | undefined {
  const scopes = target.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const reason = (scopes[i] as unknown as { [SUPPRESSIONS]?: Map<string, string> })[SUPPRESSIONS]?.get(ruleId);
    if (reason !== undefined) {
      return { reason, at: scopes[i].node.path };
    }
  }
  return undefined;
}

/** The stack's template as synth renders it, and the element that made each resource. */
function renderStack(stack: ros.Stack): { template: { [section: string]: { [key: string]: unknown } }; owners: Map<string, ros.IConstruct> } {
  const template: { [section: string]: { [key: string]: unknown } } = {};
  const owners = new Map<string, ros.IConstruct>();
  for (const c of stack.node.findAll()) {
    if (!ros.RosElement.isRosElement(c) || ros.Stack.of(c) !== stack) {
      continue;
    }
    const fragment = stack.resolve(c._toRosTemplate());
    if (!isObject(fragment)) {
      continue;
    }
    for (const [section, entries] of Object.entries(fragment)) {
      if (!isObject(entries)) {
        continue;
      }
      template[section] = { ...(template[section] ?? {}), ...entries };
      if (section === 'Resources') {
        for (const id of Object.keys(entries)) {
          owners.set(id, c);
        }
      }
    }
  }
  return { template, owners };
}

function addOnce(target: ros.IConstruct, level: CheckLevel, message: string): void {
  const type = level === CheckLevel.ERROR ? ERROR_TYPE : WARNING_TYPE;
  if (target.node.metadata.some((m) => m.type === type && m.data === message)) {
    return;
  }
  if (level === CheckLevel.ERROR) {
    target.node.addError(message);
  } else {
    target.node.addWarning(message);
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The rules' run for one stage (the app): the stacks the aspect registered, checked once when the stage is validated,
 * and the report. Hidden on the stage; it renders nothing.
 */
class ChecksRun extends ros.Construct {
  /** The run of `stack`'s stage, made on first use. */
  public static of(stack: ros.Stack): ChecksRun {
    const stage: ros.IConstruct = ros.Stage.of(stack) ?? stack.node.root;
    const found = stage.node.tryFindChild(RUN_ID);
    return found instanceof ChecksRun ? found : new ChecksRun(stage as ros.Construct, RUN_ID);
  }

  private readonly stacks = new Set<ros.Stack>();
  private writeReport = false;
  private printSummary = false;
  private done = false;

  /** Checks `stack` in this run. */
  public register(stack: ros.Stack, options: SmqChecksOptions): void {
    this.stacks.add(stack);
    this.writeReport = this.writeReport || options.writeReport !== false;
    this.printSummary = this.printSummary || options.printSummary !== false;
  }

  protected override validate(): string[] {
    if (!this.done) {
      this.done = true;
      this.run();
    }
    return [];
  }

  private run(): void {
    const findings: CheckFinding[] = [];
    const suppressions: CheckSuppression[] = [];
    const stacks = [...this.stacks].sort((a, b) => compare(a.node.path, b.node.path));
    for (const stack of stacks) {
      const { template, owners } = renderStack(stack);
      for (const { rule, hit } of evaluate(new TemplateModel(template))) {
        const element = hit.logicalId === undefined ? undefined : owners.get(hit.logicalId);
        const owner = element === undefined ? stack : ownerOf(element);
        const found = finding(rule, hit, owner.node.path, stack.stackName);
        const suppression = suppressionOf(element ?? stack, rule.id);
        if (suppression !== undefined) {
          suppressions.push({ ...found, reason: suppression.reason, suppressedAt: suppression.at });
        } else {
          findings.push(found);
          addOnce(owner, found.level, found.message);
        }
      }
    }
    findings.sort(byPlace);
    suppressions.sort(byPlace);
    const summary: ChecksSummary = {
      errors: findings.filter((f) => f.level === CheckLevel.ERROR).length,
      warnings: findings.filter((f) => f.level === CheckLevel.WARNING).length,
      suppressed: suppressions.length,
    };
    const report: ChecksReport = { version: 1, summary, stacks: stacks.map((s) => s.stackName), findings, suppressions };
    const stage = ros.Stage.of(this);
    let file: string | undefined;
    if (this.writeReport && stage !== undefined) {
      file = path.join(stage.outdir, SmqChecks.REPORT_FILE);
      fs.mkdirSync(stage.outdir, { recursive: true });
      fs.writeFileSync(file, `${JSON.stringify(report, undefined, 2)}\n`);
    }
    if (this.printSummary) {
      const shown = file === undefined ? undefined : path.relative(process.cwd(), file);
      const where = shown === undefined ? '' : ` (${shown.startsWith('..') || path.isAbsolute(shown) ? file : shown})`;
      console.log(`smq-checks: ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${summary.suppressed} suppressed${where}`);
    }
  }
}
