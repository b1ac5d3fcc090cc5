/**
 * SmqChecks itself: the aspect, the annotations on the construct that owns the offending resource, suppressions, the
 * report in the app's output directory, the summary line, checkTemplate, and bad input.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ros from '@alicloud/ros-cdk-core';
import * as constructs from 'constructs';
import * as fc3 from '@alicloud/ros-cdk-fc3';
import { consumers, smq, ValidationError } from '../../lib';
import { Annotations } from '../../lib/assertions';
import { CheckLevel, SmqChecks } from '../../lib/checks';
import { expectInvalid, warnings } from '../util';
import { checked, head, readReport, tail, tempDir } from './checks-util';

/** A stack with one finding of each level and one to suppress: a lonely topic, a queue without a DLQ, an http:// subscription. */
function wiring(stack: ros.Stack): { jobs: smq.Queue; lonely: smq.Topic; orders: smq.Topic } {
  const jobs = new smq.Queue(stack, 'Jobs');
  const lonely = new smq.Topic(stack, 'Lonely');
  const orders = new smq.Topic(stack, 'Orders');
  orders.addSubscription(new consumers.UrlSubscription('http://hooks.example.com/orders', {
    allowInsecureHttp: true, subscriptionName: 'hook', deadLetterQueue: new smq.Queue(stack, 'Undelivered'),
  }));
  return { jobs, lonely, orders };
}

function subscriptionPath(stack: ros.Stack): string {
  return stack.node.findAll().find((c) => c instanceof smq.Subscription)!.node.path;
}

describe('SmqChecks', () => {
  test('annotates the construct that owns each offending resource, and writes every finding to the report', () => {
    const c = checked((stack) => {
      wiring(stack);
    });
    const sub = subscriptionPath(c.stack);
    expect(sub).toMatch(/^Shop\/Orders\/OrdersToUrl[0-9a-f]{8}$/);
    const queueMessage = '[SMQ-001] Queue \'Shop-Jobs\' has no dead-letter queue at Shop/Jobs: a message its consumer keeps failing on is received '
      + 'again after every visibility timeout until its retention period ends, and is then deleted without a trace. Fix: give the queue a '
      + 'dead-letter queue: smq.Queue deadLetterQueue: { maxReceiveCount: 5 }, or DlqPolicy { DeadLetterTargetQueue, Enabled: true, '
      + 'MaxReceiveCount } in a template.';
    const annotations = Annotations.fromStack(c.stack);
    annotations.hasWarning('Shop/Jobs', queueMessage);
    annotations.hasWarning('Shop/Lonely', head('SMQ-007', 'Topic \'Shop-Lonely\' has no subscription and no trigger', 'Shop/Lonely') + tail('SMQ-007'));
    annotations.hasError(sub, head('SMQ-004', 'Subscription \'hook\' pushes to the plain HTTP endpoint \'http://hooks.example.com/orders\'', sub) + tail('SMQ-004'));
    // the L1s themselves carry nothing: the annotation is on the construct that made them
    expect(annotations.all.filter((m) => /^\[SMQ-/.test(m.message)).map((m) => [m.level, m.constructPath])).toEqual([
      ['warning', 'Shop/Jobs'],
      ['warning', 'Shop/Lonely'],
      ['error', sub],
    ]);
    expect(c.report).toEqual({
      version: 1,
      summary: { errors: 1, warnings: 2, suppressed: 0 },
      stacks: ['Shop'],
      findings: [
        { ruleId: 'SMQ-001', level: 'warning', path: 'Shop/Jobs', logicalId: 'Jobs', stack: 'Shop', message: queueMessage },
        { ruleId: 'SMQ-007', level: 'warning', path: 'Shop/Lonely', logicalId: 'Lonely', stack: 'Shop', message: expect.stringMatching(/^\[SMQ-007\] /) },
        { ruleId: 'SMQ-004', level: 'error', path: sub, logicalId: path.basename(sub), stack: 'Shop', message: expect.stringMatching(/^\[SMQ-004\] /) },
      ],
      suppressions: [],
      unusedSuppressions: [],
    });
    expect(c.report).toMatchSnapshot();
  });

  test('the report is the same, byte for byte, for the same app built twice', () => {
    const texts = [0, 1].map(() => {
      const c = checked((stack) => {
        wiring(stack);
      });
      return fs.readFileSync(path.join(c.outdir, SmqChecks.REPORT_FILE), 'utf8');
    });
    expect(texts[0]).toEqual(texts[1]);
    expect(texts[0].endsWith('}\n')).toBe(true);
  });

  test('prints one summary line per app, with the counts and where the report is', () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const outdir = tempDir();
      const app = new ros.App({ outdir });
      wiring(new ros.Stack(app, 'A'));
      wiring(new ros.Stack(app, 'B'));
      SmqChecks.applyTo(app);
      SmqChecks.applyTo(app);
      app.synth();
      const lines = log.mock.calls.map((call) => String(call[0])).filter((line) => line.startsWith('smq-checks:'));
      const shown = path.relative(process.cwd(), path.join(outdir, SmqChecks.REPORT_FILE));
      const where = shown.startsWith('..') ? path.join(outdir, SmqChecks.REPORT_FILE) : shown;
      expect(lines).toEqual([`smq-checks: 2 errors, 4 warnings, 0 suppressed (${where})`]);
    } finally {
      log.mockRestore();
    }
  });

  test('the summary says "1 error", "1 warning"; with printSummary false nothing is printed, with writeReport false no file is written', () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const outdir = tempDir();
      const app = new ros.App({ outdir });
      const stack = new ros.Stack(app, 'One');
      new smq.Queue(stack, 'Jobs');
      new smq.Topic(stack, 'Orders').addSubscription(new consumers.UrlSubscription('http://hooks.example.com/x', { allowInsecureHttp: true, deadLetterQueue: new smq.Queue(stack, 'Dead') }));
      SmqChecks.applyTo(app, { writeReport: false });
      app.synth();
      expect(log.mock.calls.map((call) => call[0])).toEqual(['smq-checks: 1 error, 1 warning, 0 suppressed']);
      expect(fs.existsSync(path.join(outdir, SmqChecks.REPORT_FILE))).toBe(false);

      log.mockClear();
      const quiet = checked((s) => {
        new smq.Queue(s, 'Jobs');
      }, 'Quiet', { printSummary: false });
      expect(log).not.toHaveBeenCalled();
      expect(quiet.report.summary).toEqual({ errors: 0, warnings: 1, suppressed: 0 });
    } finally {
      log.mockRestore();
    }
  });

  test('two stacks with the same ids: each finding names its stack, ordered by stack; applied twice, no annotation is doubled', () => {
    const outdir = tempDir();
    const app = new ros.App({ outdir });
    const b = new ros.Stack(app, 'Beta');
    const a = new ros.Stack(app, 'Alpha');
    new smq.Queue(b, 'Jobs');
    new smq.Queue(a, 'Jobs');
    SmqChecks.applyTo(app, { printSummary: false });
    SmqChecks.applyTo(a, { printSummary: false });
    app.synth();
    const report = readReport(outdir);
    expect(report.stacks).toEqual(['Alpha', 'Beta']);
    expect(report.findings.map((f) => [f.stack, f.path, f.logicalId])).toEqual([['Alpha', 'Alpha/Jobs', 'Jobs'], ['Beta', 'Beta/Jobs', 'Jobs']]);
    expect(warnings(a).filter((w) => w.includes('[SMQ-001]'))).toHaveLength(1);
  });

  test('applied to one stack, only that stack is checked', () => {
    const outdir = tempDir();
    const app = new ros.App({ outdir });
    const checkedStack = new ros.Stack(app, 'Checked');
    const other = new ros.Stack(app, 'Other');
    new smq.Queue(checkedStack, 'Jobs');
    new smq.Queue(other, 'Jobs');
    SmqChecks.applyTo(checkedStack, { printSummary: false });
    app.synth();
    expect(readReport(outdir).findings.map((f) => f.path)).toEqual(['Checked/Jobs']);
    expect(warnings(other)).toEqual([]);
  });

  test('also works as a plain aspect, and on a nested stack (its own resources, its own name)', () => {
    const outdir = tempDir();
    const app = new ros.App({ outdir });
    const parent = new ros.Stack(app, 'Parent');
    const nested = new ros.NestedStack(parent, 'Inner');
    new smq.Topic(nested, 'Orders');
    constructs.Node.of(app).applyAspect(new SmqChecks({ printSummary: false }));
    app.synth();
    expect(readReport(outdir).findings.map((f) => [f.ruleId, f.path, f.stack])).toEqual([['SMQ-007', 'Parent/Inner/Orders', nested.stackName]]);
  });

  test('a stack built only of passing wirings gives an empty report', () => {
    const c = checked((stack) => {
      const jobs = new smq.Queue(stack, 'Jobs', { deadLetterQueue: { maxReceiveCount: 5 } });
      new smq.Topic(stack, 'Orders').addSubscription(new consumers.QueueSubscription(jobs));
    });
    expect(c.report).toEqual({ version: 1, summary: { errors: 0, warnings: 0, suppressed: 0 }, stacks: ['Shop'], findings: [], suppressions: [], unusedSuppressions: [] });
  });
});

describe('SmqChecks.suppress', () => {
  test('a suppressed finding is not annotated and is listed in the report with its reason and where it was suppressed', () => {
    const c = checked((stack) => {
      const { jobs, lonely } = wiring(stack);
      SmqChecks.suppress(jobs, 'SMQ-001', '  the consumer deletes what it cannot parse  ');
      SmqChecks.suppress(stack, 'SMQ-007', 'another stack subscribes to it');
      SmqChecks.suppress(lonely, 'SMQ-001', 'not a queue: suppresses nothing');
    });
    const annotations = Annotations.fromStack(c.stack);
    expect(annotations.all.filter((m) => /^\[SMQ-/.test(m.message)).map((m) => m.message.slice(0, 9))).toEqual(['[SMQ-004]']);
    expect(c.report.summary).toEqual({ errors: 1, warnings: 0, suppressed: 2 });
    expect(c.report.unusedSuppressions).toEqual([{ ruleId: 'SMQ-001', reason: 'not a queue: suppresses nothing', suppressedAt: 'Shop/Lonely' }]);
    expect(c.report.suppressions).toEqual([
      {
        ruleId: 'SMQ-001', level: CheckLevel.WARNING, path: 'Shop/Jobs', logicalId: 'Jobs', stack: 'Shop',
        message: head('SMQ-001', 'Queue \'Shop-Jobs\' has no dead-letter queue', 'Shop/Jobs') + tail('SMQ-001'),
        reason: 'the consumer deletes what it cannot parse', suppressedAt: 'Shop/Jobs',
      },
      {
        ruleId: 'SMQ-007', level: CheckLevel.WARNING, path: 'Shop/Lonely', logicalId: 'Lonely', stack: 'Shop',
        message: head('SMQ-007', 'Topic \'Shop-Lonely\' has no subscription and no trigger', 'Shop/Lonely') + tail('SMQ-007'),
        reason: 'another stack subscribes to it', suppressedAt: 'Shop',
      },
    ]);
  });

  test('on the app it covers every stack; on the L1 it covers the L1; the nearest reason wins', () => {
    const c = checked((stack, app) => {
      const { jobs } = wiring(stack);
      SmqChecks.suppress(app, 'SMQ-004', 'a test endpoint');
      SmqChecks.suppress(app, 'SMQ-001', 'app-wide');
      SmqChecks.suppress(jobs.rosQueue, 'SMQ-001', 'on the L1');
      SmqChecks.suppress(stack, 'SMQ-007', 'first reason');
      SmqChecks.suppress(stack, 'SMQ-007', 'second reason');
    });
    expect(c.report.findings).toEqual([]);
    expect(c.report.suppressions.map((s) => [s.ruleId, s.reason, s.suppressedAt])).toEqual([
      ['SMQ-001', 'on the L1', 'Shop/Jobs/Jobs'],
      ['SMQ-007', 'second reason', 'Shop'],
      ['SMQ-004', 'a test endpoint', ''],
    ]);
    // the app-wide SMQ-001 accepted nothing: the L1's own suppression is nearer
    expect(c.report.unusedSuppressions).toEqual([{ ruleId: 'SMQ-001', reason: 'app-wide', suppressedAt: '' }]);
  });

  test('refuses an unknown rule id, an empty reason and a non-construct', () => {
    const { stack } = checked(() => undefined);
    const queue = new smq.Queue(stack, 'Late');
    expectInvalid(() => SmqChecks.suppress(queue, 'SMQ-999', 'why'),
      'Shop/Late: SmqChecks.suppress(ruleId) must be a rule id of the pack, SMQ-001 to SMQ-013, got "SMQ-999"');
    expectInvalid(() => SmqChecks.suppress(queue, 'smq-001', 'why'),
      'Shop/Late: SmqChecks.suppress(ruleId) must be a rule id of the pack, SMQ-001 to SMQ-013, got "smq-001"');
    expectInvalid(() => SmqChecks.suppress(queue, 'SMQ-001', ''),
      'Shop/Late: SmqChecks.suppress(reason) must say why the finding is accepted (a text with visible characters), got ""');
    expectInvalid(() => SmqChecks.suppress(queue, 'SMQ-001', '   '),
      'Shop/Late: SmqChecks.suppress(reason) must say why the finding is accepted (a text with visible characters), got "   "');
    expectInvalid(() => SmqChecks.suppress(queue, 'SMQ-001', undefined as any),
      'Shop/Late: SmqChecks.suppress(reason) must say why the finding is accepted (a text with visible characters), got undefined');
    expectInvalid(() => SmqChecks.suppress({} as any, 'SMQ-001', 'why'), 'SmqChecks.suppress(construct) must be a construct, got {}');
  });
});

describe('SmqChecks.applyTo', () => {
  test('refuses a construct that is neither an app, a stage nor a stack', () => {
    const { stack } = checked(() => undefined);
    const queue = new smq.Queue(stack, 'Jobs');
    expectInvalid(() => SmqChecks.applyTo(queue), 'Shop/Jobs: SmqChecks.applyTo(scope) must be an app, a stage or a stack: the rules read whole stacks, got "Shop/Jobs"');
    expectInvalid(() => SmqChecks.applyTo(undefined as any), 'SmqChecks.applyTo(scope) must be an app, a stage or a stack, got undefined');
  });
});

describe('SmqChecks.checkTemplate', () => {
  test('finds on a synthesized template what the aspect finds on the stack', () => {
    const c = checked((stack) => {
      wiring(stack);
      const fn = new fc3.Function(stack, 'Worker', {
        functionName: 'worker', runtime: 'nodejs20', handler: 'index.handler', code: { zipFile: 'x' }, timeout: 90,
      });
      new consumers.QueueTrigger(stack, 'Consume', { queue: new smq.Queue(stack, 'Work'), fn: consumers.TriggerFunction.fc3(fn) });
    });
    const template = JSON.parse(fs.readFileSync(path.join(c.outdir, 'Shop.template.json'), 'utf8'));
    const fromTemplate = SmqChecks.checkTemplate(template, 'Shop');
    const key = (f: { ruleId: string; level: string; logicalId?: string }): string => `${f.ruleId} ${f.level} ${f.logicalId}`;
    expect(fromTemplate.map(key).sort()).toEqual(c.report.findings.map(key).sort());
    expect(fromTemplate.map(key).sort()).toEqual(['SMQ-001 warning Jobs', 'SMQ-001 warning Work', 'SMQ-003 warning Work', 'SMQ-004 error ' + path.basename(subscriptionPath(c.stack)), 'SMQ-007 warning Lonely']);
    expect(fromTemplate.find((f) => f.ruleId === 'SMQ-001')!.path).toEqual('Shop/Jobs');
  });

  test('refuses what is not a template, and an empty stack name', () => {
    const fail = (template: any, stackName: any, message: string): void => {
      let error: unknown;
      try {
        SmqChecks.checkTemplate(template, stackName);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as Error).message).toEqual(message);
    };
    fail('{}', 'S', 'SmqChecks.checkTemplate(template) must be a ROS template: an object with a Resources section, got "{}"');
    fail({ Resources: [] }, 'S', 'SmqChecks.checkTemplate(template) must be a ROS template: an object with a Resources section, got {"Resources":[]}');
    fail({}, '', 'SmqChecks.checkTemplate(stackName) must be a non-empty text: it names the stack in each finding, got ""');
    expect(SmqChecks.checkTemplate({}, 'Empty')).toEqual([]);
  });
});

describe('SmqChecks.rules', () => {
  test('thirteen rules, SMQ-001 to SMQ-013, each with a reason, a fix and a public source', () => {
    const rules = SmqChecks.rules();
    expect(rules.map((r) => r.id)).toEqual(Array.from({ length: 13 }, (_, i) => `SMQ-${String(i + 1).padStart(3, '0')}`));
    for (const r of rules) {
      expect(r.title).not.toEqual('');
      expect(r.why).not.toMatch(/\.$/);
      expect(r.fix).not.toMatch(/\.$/);
      expect(r.references.length).toBeGreaterThan(0);
      r.references.forEach((url) => expect(url).toMatch(/^https:\/\/www\.alibabacloud\.com\/help\/en\//));
    }
    expect(rules.filter((r) => r.level === CheckLevel.ERROR).map((r) => r.id)).toEqual(['SMQ-004', 'SMQ-006', 'SMQ-011', 'SMQ-012']);
  });
});

/** Runs `fn` with console.log captured; returns the summary lines it printed. */
function summaryLines(fn: () => void): string[] {
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    fn();
    return log.mock.calls.map((call) => String(call[0])).filter((line) => line.startsWith('smq-checks:'));
  } finally {
    log.mockRestore();
  }
}

/** `cdk.out/smq-checks.json` as the summary line shows it. */
function shownReport(outdir: string): string {
  const file = path.join(outdir, SmqChecks.REPORT_FILE);
  const shown = path.relative(process.cwd(), file);
  return shown.startsWith('..') ? file : shown;
}

describe('SmqChecks and ros.Stage', () => {
  test('applyTo(app) checks the stacks of a stage: one report in the app\'s output directory, one summary line, annotations on the staged constructs', () => {
    const outdir = tempDir();
    const app = new ros.App({ outdir });
    const stage = new ros.Stage(app, 'Prod');
    const inner = new ros.Stack(stage, 'Inner');
    new smq.Queue(inner, 'Jobs');
    SmqChecks.applyTo(app);
    const lines = summaryLines(() => app.synth());
    expect(lines).toEqual([`smq-checks: 0 errors, 1 warning, 0 suppressed (${shownReport(outdir)})`]);
    const report = readReport(outdir);
    expect(report.stacks).toEqual([inner.stackName]);
    expect(report.findings.map((f) => [f.ruleId, f.path, f.stack])).toEqual([['SMQ-001', 'Prod/Inner/Jobs', inner.stackName]]);
    expect(fs.existsSync(path.join(outdir, 'assembly-Prod', SmqChecks.REPORT_FILE))).toBe(false);
    expect(warnings(inner).filter((w) => w.startsWith('Prod/Inner/Jobs: [SMQ-001]'))).toHaveLength(1);
  });

  test('a top-level stack and a staged one, applied to the stage and to the app: both checked, one summary line; the stage\'s annotations are in its own assembly', () => {
    const outdir = tempDir();
    const app = new ros.App({ outdir });
    const top = new ros.Stack(app, 'Top');
    new smq.Queue(top, 'Jobs');
    const stage = new ros.Stage(app, 'Prod');
    const inner = new ros.Stack(stage, 'Inner');
    new smq.Topic(inner, 'Orders');
    SmqChecks.applyTo(stage);
    SmqChecks.applyTo(app);
    const lines = summaryLines(() => app.synth());
    expect(lines).toEqual([`smq-checks: 0 errors, 2 warnings, 0 suppressed (${shownReport(outdir)})`]);
    expect(readReport(outdir).findings.map((f) => [f.ruleId, f.path])).toEqual([['SMQ-007', 'Prod/Inner/Orders'], ['SMQ-001', 'Top/Jobs']]);
    // the stage was checked when ROS CDK synthesized it, before its app: its manifest carries the warning
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'assembly-Prod', 'manifest.json'), 'utf8'));
    const metadata = Object.values(manifest.artifacts as { [id: string]: { metadata?: { [p: string]: Array<{ type: string; data: string }> } } })
      .flatMap((a) => Object.values(a.metadata ?? {}).flat());
    expect(metadata.filter((m) => m.type === 'aliyun:ros:warning' && m.data.startsWith('[SMQ-007]'))).toHaveLength(1);
  });

  test('applyTo(stage) alone: the report is the app\'s, with the staged stacks only; suppressions on the stage apply', () => {
    const outdir = tempDir();
    const app = new ros.App({ outdir });
    new smq.Queue(new ros.Stack(app, 'Top'), 'Jobs');
    const stage = new ros.Stage(app, 'Prod');
    const inner = new ros.Stack(stage, 'Inner');
    new smq.Queue(inner, 'Jobs');
    new smq.Topic(inner, 'Orders');
    SmqChecks.suppress(stage, 'SMQ-007', 'the audit app subscribes');
    SmqChecks.applyTo(stage, { printSummary: false });
    app.synth();
    const report = readReport(outdir);
    expect(report.stacks).toEqual([inner.stackName]);
    expect(report.findings.map((f) => f.path)).toEqual(['Prod/Inner/Jobs']);
    expect(report.suppressions.map((f) => [f.path, f.suppressedAt])).toEqual([['Prod/Inner/Orders', 'Prod']]);
  });
});

describe('SmqChecks joins the stacks of an app', () => {
  test('a topic subscribed and a queue used as dead-letter queue from another stack (by name and by cross-stack reference) are not reported', () => {
    const outdir = tempDir();
    const app = new ros.App({ outdir });
    const a = new ros.Stack(app, 'A');
    const b = new ros.Stack(app, 'B');
    new smq.Topic(a, 'Orders', { topicName: 'orders' });
    const shared = new smq.Queue(a, 'SharedDlq', { queueName: 'shared-dlq' });
    new smq.Queue(a, 'NamedDlq', { queueName: 'named-dlq' });
    // a cross-stack reference: B's template reads A's export (Fn::ImportValue)
    const jobs = new smq.Queue(b, 'Jobs', { queueName: 'jobs', deadLetterQueue: { queue: shared, maxReceiveCount: 5 } });
    // by literal name
    new smq.Queue(b, 'Billing', { queueName: 'billing', deadLetterQueue: { queue: smq.Queue.fromQueueName(b, 'Named', 'named-dlq'), maxReceiveCount: 5 } });
    smq.Topic.fromTopicName(b, 'Imported', 'orders').addSubscription(new consumers.QueueSubscription(jobs));
    SmqChecks.applyTo(app, { printSummary: false });
    app.synth();
    const report = readReport(outdir);
    expect(JSON.stringify(JSON.parse(fs.readFileSync(path.join(outdir, 'B.template.json'), 'utf8')).Resources.Jobs)).toContain('Fn::ImportValue');
    expect(report.findings).toEqual([]);
  });

  test('a reference from a stack in another region does not count, nor does anything between two apps', () => {
    const outdir = tempDir();
    const app = new ros.App({ outdir });
    const a = new ros.Stack(app, 'A', { env: { region: 'cn-hangzhou' } });
    const b = new ros.Stack(app, 'B', { env: { region: 'cn-shanghai' } });
    new smq.Topic(a, 'Orders', { topicName: 'orders' });
    smq.Topic.fromTopicName(b, 'Imported', 'orders').addSubscription(new consumers.EmailSubscription('ops@example.com'));
    SmqChecks.applyTo(app, { printSummary: false });
    app.synth();
    expect(readReport(outdir).findings.map((f) => [f.ruleId, f.path])).toEqual([['SMQ-007', 'A/Orders']]);

    const other = checked((stack) => {
      new smq.Topic(stack, 'Orders', { topicName: 'orders' });
    }, 'Alone');
    expect(other.findings('SMQ-007').map((f) => f.path)).toEqual(['Alone/Orders']);
  });

  test('readers of one queue in two stacks are competing readers (SMQ-013), named with their stack; the queue is then read with a dead-letter queue (SMQ-001)', () => {
    const outdir = tempDir();
    const app = new ros.App({ outdir });
    const a = new ros.Stack(app, 'A');
    const b = new ros.Stack(app, 'B');
    const fnA = new fc3.Function(a, 'Worker', { functionName: 'worker-a', runtime: 'nodejs20', handler: 'index.handler', code: { zipFile: 'x' } });
    const fnB = new fc3.Function(b, 'Worker', { functionName: 'worker-b', runtime: 'nodejs20', handler: 'index.handler', code: { zipFile: 'x' } });
    const jobs = new smq.Queue(a, 'Jobs', { queueName: 'jobs' });
    new consumers.QueueTrigger(a, 'Local', { queue: jobs, fn: consumers.TriggerFunction.fc3(fnA), triggerName: 'local' });
    new consumers.QueueTrigger(b, 'Remote', {
      queue: smq.Queue.fromQueueName(b, 'Jobs', 'jobs'), fn: consumers.TriggerFunction.fc3(fnB), triggerName: 'remote', deadLetterQueue: new smq.Queue(b, 'Failed'),
    });
    SmqChecks.applyTo(app, { printSummary: false });
    app.synth();
    const report = readReport(outdir);
    expect(report.findings.filter((f) => f.ruleId === 'SMQ-013').map((f) => f.message.split(' at ')[0]))
      .toEqual(['[SMQ-013] Queue \'jobs\' is read by 2 readers, queue trigger \'local\', queue trigger \'remote\' (stack B)']);
    expect(report.findings.filter((f) => f.ruleId === 'SMQ-001')).toEqual([]);
  });
});

describe('SmqChecks.suppress: reasons, timing, unused suppressions', () => {
  test('refuses a reason of invisible characters only (zero-width, joiners, BOM, no-break space)', () => {
    const { stack } = checked(() => undefined);
    const queue = new smq.Queue(stack, 'Late');
    for (const reason of ['\u200b', '\u200b\u2060\ufeff', '\u00a0\u200d', '\u3164']) {
      expectInvalid(() => SmqChecks.suppress(queue, 'SMQ-001', reason),
        `Shop/Late: SmqChecks.suppress(reason) must say why the finding is accepted (a text with visible characters), got ${JSON.stringify(reason)}`);
    }
  });

  test('refuses a suppression after the checks ran: its stack is reported already', () => {
    const c = checked((stack) => {
      new smq.Queue(stack, 'Jobs');
    });
    const jobs = c.stack.node.findChild('Jobs');
    expectInvalid(() => SmqChecks.suppress(jobs, 'SMQ-001', 'too late'),
      'Shop/Jobs: SmqChecks.suppress must be called before the synth: the checks of the construct\'s stacks have run and their findings are reported, got "Shop/Jobs"');
    expectInvalid(() => SmqChecks.suppress(c.app, 'SMQ-001', 'too late'),
      'SmqChecks.suppress must be called before the synth: the checks of the construct\'s stacks have run and their findings are reported, got ""');
    expect(readReport(c.outdir).suppressions).toEqual([]);
  });

  test('lists each unused suppression (a rule that found nothing there) in the report and counts them in the summary; one on an unchecked stack is not listed', () => {
    const outdir = tempDir();
    const app = new ros.App({ outdir });
    const stack = new ros.Stack(app, 'Shop');
    const other = new ros.Stack(app, 'Other');
    const jobs = new smq.Queue(stack, 'Jobs', { deadLetterQueue: { maxReceiveCount: 5 } });
    SmqChecks.suppress(jobs, 'SMQ-001', 'it has one anyway');
    SmqChecks.suppress(stack, 'SMQ-004', 'no http here');
    SmqChecks.suppress(new smq.Queue(other, 'Jobs'), 'SMQ-009', 'not checked');
    SmqChecks.applyTo(stack);
    const lines = summaryLines(() => app.synth());
    expect(lines).toEqual([`smq-checks: 0 errors, 0 warnings, 0 suppressed, 2 unused suppressions (${shownReport(outdir)})`]);
    expect(readReport(outdir).unusedSuppressions).toEqual([
      { ruleId: 'SMQ-004', reason: 'no http here', suppressedAt: 'Shop' },
      { ruleId: 'SMQ-001', reason: 'it has one anyway', suppressedAt: 'Shop/Jobs' },
    ]);
  });
});
