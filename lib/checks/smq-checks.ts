/**
 * `SmqChecks`: the SMQ rule pack, applied as an aspect. The idiom is cdk-nag's (https://github.com/cdklabs/cdk-nag,
 * `src/nag-pack.ts`): an aspect visits the app, each rule that trips adds an error or warning annotation with the rule
 * id to the construct at fault, and a suppression needs a reason. Here the rules read the rendered template of each
 * stack (so `checkTemplate` runs them on any template too), a suppression is listed in a report
 * (`<outdir>/smq-checks.json`) instead of disappearing, and one summary line is printed per app.
 *
 * When the rules run: `applyTo` and the aspect only register the scopes and stacks to check, with the app's run (a
 * hidden construct on the app). ROS CDK 1.x synthesizes each nested stage first (aspects, prepare, validation,
 * templates), then invokes the app's aspects, prepares, validates, and writes the app's templates; aspects do not cross
 * into a stage. The rules run in a validation phase, on each stack as it is then (every construct prepared, every lazy
 * value final): a stage the checks were applied to is checked in its own validation, the rest in the app's, which
 * writes the one report before the app's templates are written. A synth with `skipValidation` runs no rules. ROS CDK 1.x has no `Aspects.of` or `Annotations.of`: the
 * aspect is added with `constructs.Node.of(scope).applyAspect`, which core's synth invokes, and a finding is
 * `node.addError` / `node.addWarning` (metadata `aliyun:ros:error` / `aliyun:ros:warning`).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ros from '@alicloud/ros-cdk-core';
import * as constructs from 'constructs';
import { describeConstruct, isConstruct } from '../core/util';
import { invalid, ValidationError } from '../core/validation';
import { allRules, CheckLevel, CheckRule, evaluate, namedReferences, ownedChannels, RuleDefinition, RuleHit, ruleById } from './rules';
import { compare, isObject, literal, member, StackEnv, TemplateModel } from './template-model';

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
  /**
   * The suppressions that accepted no finding: on a construct of a checked stack (or a scope of one) whose rule found
   * nothing there, or found only what a nearer suppression accepted. Ordered by path and rule id.
   */
  readonly unusedSuppressions: UnusedSuppression[];
}

/** A suppression that accepted no finding. */
export interface UnusedSuppression {
  /** The rule it suppresses. */
  readonly ruleId: string;
  /** Its reason. */
  readonly reason: string;
  /** The path of the construct it was added to (`''` for the app). */
  readonly suppressedAt: string;
}

/** The id of the hidden constructs of the checks (the app's run, a stage's pass); the dot keeps it apart from any stack. */
const RUN_ID = 'ros-cdk-smq.checks';
/** Where a construct keeps its suppressions (rule id -> reason); shared by every copy of this library. */
const SUPPRESSIONS = Symbol.for('ros-cdk-smq.checks.suppressions');
const ERROR_TYPE = 'aliyun:ros:error';
const WARNING_TYPE = 'aliyun:ros:warning';
/**
 * Characters that show nothing: white space, control and format characters (zero-width space and joiners, bidi marks,
 * the BOM), separators, marks without a base, and the fillers that render blank.
 */
const INVISIBLE = /[\s\p{Cc}\p{Cf}\p{Z}\p{M}\u115F\u1160\u3164\uFFA0\u2800]/gu;

/**
 * The SMQ rule pack: a reviewer of SMQ wiring, run on every synth. Apply it to an app (or a stage or stack) with
 * `SmqChecks.applyTo(app)`; each finding is an error or warning annotation on the construct that owns the offending
 * resource, with the rule id, the path, why it matters and how to fix it. `SmqChecks.suppress(construct, ruleId,
 * reason)` accepts a finding, with a reason, on that construct and everything under it. The rules are listed by
 * `SmqChecks.rules()` and in lib/checks/RULES.md.
 *
 * One run per app checks every stack under the scopes it was applied to, stacks in a `ros.Stage` too, and joins the
 * stacks: a topic subscribed, or a queue used as a dead-letter queue or read, from another stack of the app by literal
 * name (or through a cross-stack reference) is not reported as unused. One report (`<app outdir>/smq-checks.json`) and
 * one summary line per app. ROS CDK synthesizes a nested stage before its app: a stage the checks were applied to
 * (`applyTo(stage)`) is checked then, so that its annotations are in its own cloud assembly (and its stacks are
 * joined with the stage's stacks only); the stacks of a stage reached only through `applyTo(app)` are checked with the
 * app's, after the stage's assembly is written: their findings are in the report, the summary and the construct tree
 * (`Annotations.fromStack`), not in the stage's manifest. The report and the summary come with the app's synth.
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
    // registered now too: the aspect of an app never visits the stacks of its stages
    ChecksRun.of(scope).addScope(scope, aspect.options);
    return aspect;
  }

  /**
   * Accepts the findings of one rule on `construct` and every construct under it (a stack, or the app, for all of
   * theirs). The findings are left out of the annotations and listed, with the reason, in the report; a suppression
   * that accepted nothing is listed under `unusedSuppressions`. Call it before the synth: once the checks of the
   * construct's stacks have run, it throws.
   *
   * @param construct the construct that owns the offending resource, or one of its scopes
   * @param ruleId the rule: `SMQ-001` and so on
   * @param reason why the finding is accepted: a text with visible characters, shown in the report
   */
  public static suppress(construct: ros.IConstruct, ruleId: string, reason: string): void {
    if (!isConstruct(construct)) {
      throw new ValidationError('', 'SmqChecks.suppress(construct)', describeConstruct(construct), 'must be a construct');
    }
    if (typeof ruleId !== 'string' || ruleById(ruleId) === undefined) {
      const ids = allRules().map((r) => r.id);
      throw invalid(construct, 'SmqChecks.suppress(ruleId)', ruleId, `must be a rule id of the pack, ${ids[0]} to ${ids[ids.length - 1]}`);
    }
    if (typeof reason !== 'string' || reason.replace(INVISIBLE, '') === '') {
      throw invalid(construct, 'SmqChecks.suppress(reason)', reason, 'must say why the finding is accepted (a text with visible characters)');
    }
    if (ChecksRun.find(construct)?.hasChecked(construct) === true) {
      throw invalid(construct, 'SmqChecks.suppress', construct.node.path,
        'must be called before the synth: the checks of the construct\'s stacks have run and their findings are reported');
    }
    const holder = construct as unknown as { [SUPPRESSIONS]?: Map<string, string> };
    if (holder[SUPPRESSIONS] === undefined) {
      Object.defineProperty(holder, SUPPRESSIONS, { value: new Map<string, string>(), enumerable: false });
    }
    holder[SUPPRESSIONS]!.set(ruleId, reason.trim());
  }

  /**
   * Runs the rules on a synthesized ROS template (the JSON of `cdk.out/<stack>.template.json`, or any other) and
   * returns the findings, ordered as in the report. Suppressions apply to constructs, so none apply here; the
   * template is checked on its own (no other stack subscribes to its topics).
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

  /** Registers each stack (and the stage) it visits; the rules run when the app, or the stage, is validated in synth. */
  public visit(node: constructs.IConstruct): void {
    if (ros.Stack.isStack(node) || ros.Stage.isStage(node)) {
      ChecksRun.of(node).addScope(node, this.options);
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

function suppressionsOf(c: ros.IConstruct): Map<string, string> | undefined {
  return (c as unknown as { [SUPPRESSIONS]?: Map<string, string> })[SUPPRESSIONS];
}

/** The nearest suppression of `ruleId` on `target` or one of its scopes. */
function suppressionOf(target: ros.IConstruct, ruleId: string): { reason: string; at: string } | undefined {
  const scopes = target.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const reason = suppressionsOf(scopes[i])?.get(ruleId);
    if (reason !== undefined) {
      return { reason, at: scopes[i].node.path };
    }
  }
  return undefined;
}

/** True when `c` is `scope` or under it. */
function within(c: ros.IConstruct, scope: ros.IConstruct): boolean {
  return c === scope || c.node.scopes.includes(scope);
}

/** The stacks at or under `scope`, stages and nested stacks included, in construct-path order. */
function stacksUnder(scope: ros.IConstruct): ros.Stack[] {
  return scope.node.findAll().filter((c): c is ros.Stack => ros.Stack.isStack(c)).sort((a, b) => compare(a.node.path, b.node.path));
}

/** The stack's literal region and account. */
function envOf(stack: ros.Stack): StackEnv {
  const literalOf = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' && !ros.Token.isUnresolved(value) ? value : undefined);
  const region = literalOf((stack as { region?: unknown }).region);
  const account = literalOf((stack as { account?: unknown }).account);
  return { ...(region === undefined ? {} : { region }), ...(account === undefined ? {} : { account }) };
}

type Template = { [section: string]: { [key: string]: unknown } };

/** The stack's template as synth renders it, and the element that made each resource. */
function renderStack(stack: ros.Stack): { template: Template; owners: Map<string, ros.IConstruct> } {
  const template: Template = {};
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

/**
 * The literal values that the templates export (`Outputs.<key>.Export.Name`): a literal text, or the literal name of
 * the exporting template's queue or topic whose `QueueName` / `TopicName` the output gives. A cross-stack reference
 * (`Fn::ImportValue`) to one of them then reads as that name.
 */
function exportedNames(templates: readonly Template[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const template of templates) {
    const model = new TemplateModel(template);
    for (const output of Object.values(template.Outputs ?? {})) {
      const exportName = isObject(output) ? literal(member(output, 'Export', 'Name')) : undefined;
      if (exportName === undefined || !isObject(output)) {
        continue;
      }
      const value = output.Value;
      const att = isObject(value) ? value['Fn::GetAtt'] : undefined;
      const target = Array.isArray(att) && typeof att[0] === 'string' ? model.resource(att[0]) : undefined;
      const text = typeof value === 'string' ? value
        : target !== undefined && (att as unknown[])[1] === (target.type === 'ALIYUN::MNS::Queue' ? 'QueueName' : 'TopicName') ? model.channelName(target) : undefined;
      if (text !== undefined) {
        out.set(exportName, text);
      }
    }
  }
  return out;
}

/** The template with each `Fn::ImportValue` of a known export replaced by the exported text. */
function withImports(value: unknown, exports: Map<string, string>): any {
  if (Array.isArray(value)) {
    return value.map((v) => withImports(v, exports));
  }
  if (!isObject(value)) {
    return value;
  }
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'Fn::ImportValue' && typeof value['Fn::ImportValue'] === 'string' && exports.has(value['Fn::ImportValue'])) {
    return exports.get(value['Fn::ImportValue']);
  }
  return Object.fromEntries(keys.map((k) => [k, withImports(value[k], exports)]));
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
 * The checks of one app: the scopes they were applied to, the stacks checked so far with their findings, and the
 * report. Hidden on the app (the root of the tree); it renders nothing. It checks, when the app is validated, every
 * stack under those scopes that a stage's pass did not check, and then writes the one report and prints the one
 * summary line.
 */
class ChecksRun extends ros.Construct {
  /** The run of `c`'s app, if there is one. */
  public static find(c: ros.IConstruct): ChecksRun | undefined {
    const found = c.node.root.node.tryFindChild(RUN_ID);
    return found instanceof ChecksRun ? found : undefined;
  }

  /** The run of `c`'s app, made on first use. */
  public static of(c: ros.IConstruct): ChecksRun {
    return ChecksRun.find(c) ?? new ChecksRun(c.node.root as ros.Construct, RUN_ID);
  }

  private readonly scopes = new Set<ros.IConstruct>();
  private readonly checked = new Set<ros.Stack>();
  private readonly findings: CheckFinding[] = [];
  private readonly suppressions: CheckSuppression[] = [];
  private writeReport = false;
  private printSummary = false;
  private done = false;

  /** Checks every stack at or under `scope`; a nested stage of it gets its own pass, when it is validated. */
  public addScope(scope: ros.IConstruct, options: SmqChecksOptions): void {
    this.scopes.add(scope);
    this.writeReport = this.writeReport || options.writeReport !== false;
    this.printSummary = this.printSummary || options.printSummary !== false;
    const stage = ros.Stage.isStage(scope) ? scope : ros.Stage.of(scope);
    if (stage !== undefined && stage !== this.node.scope && !(stage.node.tryFindChild(RUN_ID) instanceof StagePass)) {
      new StagePass(stage, RUN_ID);
    }
  }

  /** True when the checks of `c`, or of a stack under it, have run (or the report is written). */
  public hasChecked(c: ros.IConstruct): boolean {
    return this.done || [...this.checked].some((stack) => within(stack, c) || within(c, stack));
  }

  /**
   * Checks the stacks under `stage` that are due and not checked yet, each joined with every stack under `stage`
   * (all of them prepared by now: ROS CDK synthesizes a stage's nested stages before it).
   */
  public pass(stage: ros.IConstruct): void {
    const context = stacksUnder(stage);
    const scopes = [...this.scopes];
    const due = context.filter((s) => !this.checked.has(s) && scopes.some((scope) => within(s, scope)));
    if (due.length === 0) {
      return;
    }
    const rendered = new Map<ros.Stack, ReturnType<typeof renderStack>>();
    for (const s of context) {
      try {
        rendered.set(s, renderStack(s));
      } catch (e) {
        // a stack that is only read for the join and does not render is left out of it; a stack to check must render
        if (due.includes(s)) {
          throw e;
        }
      }
    }
    const exports = exportedNames([...rendered.values()].map((r) => r.template));
    const templates = new Map([...rendered].map(([s, r]) => [s, withImports(r.template, exports) as Template]));
    const joined = [...templates.keys()].map((s) => {
      const model = new TemplateModel(templates.get(s)!, { env: envOf(s) });
      return { stack: s, refs: namedReferences(model).map((r) => ({ ...r, stack: s.stackName })), owned: ownedChannels(model) };
    });
    for (const stack of due) {
      const others = joined.filter((j) => j.stack !== stack);
      const model = new TemplateModel(templates.get(stack)!, {
        env: envOf(stack), external: others.flatMap((j) => j.refs), otherChannels: others.flatMap((j) => j.owned),
      });
      const owners = rendered.get(stack)!.owners;
      for (const { rule, hit } of evaluate(model)) {
        const element = hit.logicalId === undefined ? undefined : owners.get(hit.logicalId);
        const owner = element === undefined ? stack : ownerOf(element);
        const found = finding(rule, hit, owner.node.path, stack.stackName);
        const suppression = suppressionOf(element ?? stack, rule.id);
        if (suppression !== undefined) {
          this.suppressions.push({ ...found, reason: suppression.reason, suppressedAt: suppression.at });
        } else {
          this.findings.push(found);
          addOnce(owner, found.level, found.message);
        }
      }
      this.checked.add(stack);
    }
  }

  protected override validate(): string[] {
    if (!this.done) {
      this.pass(this.node.root);
      this.done = true;
      this.report();
    }
    return [];
  }

  /** The suppressions on the checked stacks, their constructs and their scopes, that accepted nothing. */
  private unused(): UnusedSuppression[] {
    const used = new Set(this.suppressions.map((s) => `${s.suppressedAt}\u0000${s.ruleId}`));
    const checked = [...this.checked];
    const out: UnusedSuppression[] = [];
    for (const c of this.node.root.node.findAll()) {
      const entries = suppressionsOf(c);
      if (entries === undefined || !checked.some((stack) => within(c, stack) || within(stack, c))) {
        continue;
      }
      for (const [ruleId, reason] of entries) {
        if (!used.has(`${c.node.path}\u0000${ruleId}`)) {
          out.push({ ruleId, reason, suppressedAt: c.node.path });
        }
      }
    }
    return out.sort((a, b) => compare(a.suppressedAt, b.suppressedAt) || compare(a.ruleId, b.ruleId));
  }

  private report(): void {
    const findings = [...this.findings].sort(byPlace);
    const suppressions = [...this.suppressions].sort(byPlace);
    const stacks = [...this.checked].sort((a, b) => compare(a.node.path, b.node.path));
    const summary: ChecksSummary = {
      errors: findings.filter((f) => f.level === CheckLevel.ERROR).length,
      warnings: findings.filter((f) => f.level === CheckLevel.WARNING).length,
      suppressed: suppressions.length,
    };
    const report: ChecksReport = {
      version: 1, summary, stacks: stacks.map((s) => s.stackName), findings, suppressions, unusedSuppressions: this.unused(),
    };
    const app = ros.Stage.isStage(this.node.root) ? this.node.root : undefined;
    let file: string | undefined;
    if (this.writeReport && app !== undefined) {
      file = path.join(app.outdir, SmqChecks.REPORT_FILE);
      fs.mkdirSync(app.outdir, { recursive: true });
      fs.writeFileSync(file, `${JSON.stringify(report, undefined, 2)}\n`);
    }
    if (this.printSummary) {
      const shown = file === undefined ? undefined : path.relative(process.cwd(), file);
      const where = shown === undefined ? '' : ` (${shown.startsWith('..') || path.isAbsolute(shown) ? file : shown})`;
      const unused = report.unusedSuppressions.length === 0 ? '' : `, ${report.unusedSuppressions.length} unused suppression${report.unusedSuppressions.length === 1 ? '' : 's'}`;
      console.log(`smq-checks: ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${summary.suppressed} suppressed${unused}${where}`);
    }
  }
}

/**
 * The pass of a nested stage the checks were applied to: checks the stage's stacks when the stage is validated (ROS
 * CDK synthesizes it before its app), so that the annotations are in the stage's cloud assembly; the app's run
 * reports them. Hidden on the stage; it renders nothing.
 */
class StagePass extends ros.Construct {
  private done = false;

  protected override validate(): string[] {
    if (!this.done) {
      this.done = true;
      ChecksRun.of(this).pass(this.node.scope as ros.IConstruct);
    }
    return [];
  }
}
