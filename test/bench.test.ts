/**
 * Smoke test of `npm run bench` (bench/run.ts) at N = 100, creation traces on and off: it runs, both sides emit equal
 * templates, the bundle holds what it promises (the OSS notification on the SMQ path for the app's first 10 channels
 * only, the CloudMonitor alarm and its target, the FC 3.0 topic trigger, the Auto Scaling lifecycle hook), the user's
 * own role, bucket, function and scaling group are built with `ram.Role`, `oss.Bucket`, `fc3.Function` and
 * `ess.RosScalingGroup` on both sides, the library's CloudMonitor, EventBridge and FC 3.0 resources with their upstream
 * L1s and its lifecycle hook as a bare `ros.RosResource`, the lines have the promised form, and RESULTS.md goes where
 * it is told. Timings are not checked.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ros from '@alicloud/ros-cdk-core';
import * as cms from '@alicloud/ros-cdk-cms';
import * as eventbridge from '@alicloud/ros-cdk-eventbridge';
import * as fc3 from '@alicloud/ros-cdk-fc3';
import * as oss from '@alicloud/ros-cdk-oss';
import * as ram from '@alicloud/ros-cdk-ram';
import { ess } from '../lib';
import { buildBare, loadBareInput } from '../bench/child';
import { compareTemplates, parseArgs, runBench } from '../bench/run';
import { formatFinalLine, formatTracesGainLine, formatTracesOffLine, Row } from '../bench/report';
import {
  BUCKET, classify, FUNCTION, GROUP, GROUP_VSWITCH_ID, LIBRARY, LIBRARY_TYPES, measureLayout, ROLE, SMQ_PATH_CHANNELS, USER_CONSTRUCTS,
  WIRINGS,
} from '../bench/wirings';

const RATIOS = /time ratio \d+\.\d\d, memory ratio \d+\.\d\d, growth 1k->10k (\d+\.\d\dx|n\/a)/;
const FINAL_LINE = new RegExp(`^bench: ${RATIOS.source}$`);
const OFF_LINE = new RegExp(`^bench: traces off: ${RATIOS.source}$`);
const GAIN_LINE = /^bench: traces off \/ on, ours: n=100 time \d+\.\d\d, peak RSS \d+\.\d\d$/;
const SIDES = 'ours construct \\d+ ms \\+ synth \\d+ ms = \\d+ ms, peak RSS \\d+ MB \\| bare construct \\d+ ms \\+ synth \\d+ ms = \\d+ ms, '
  + 'peak RSS \\d+ MB \\| ours\\/bare time \\d+\\.\\d\\d, memory \\d+\\.\\d\\d';
const SHAPE = '\\(5 stacks, 1500 resources, templates \\d+\\.\\d\\d MB each side, median of 1\\)';
const N_LINE = new RegExp(`^bench: n=100 ${SHAPE}: ${SIDES}$`);
const N_LINE_OFF = new RegExp(`^bench: n=100 traces off ${SHAPE}: ${SIDES}$`);

const repoResults = path.join(__dirname, '..', 'bench', 'RESULTS.md');

interface TreeNode {
  id: string;
  path: string;
  children?: { [id: string]: TreeNode };
}

/** The construct at `constructPath` in an outdir's tree.json. */
function treeNode(outdir: string, constructPath: string): TreeNode | undefined {
  let node: TreeNode | undefined = (JSON.parse(fs.readFileSync(path.join(outdir, 'tree.json'), 'utf8')) as { tree: TreeNode }).tree;
  for (const id of constructPath.split('/')) {
    node = node?.children?.[id];
  }
  return node;
}

describe('bench', () => {
  let out: string;
  let lines: string[];
  let repoResultsBefore: string | undefined;

  beforeAll(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'ros-cdk-smq-bench-'));
    repoResultsBefore = fs.existsSync(repoResults) ? fs.readFileSync(repoResults, 'utf8') : undefined;
    lines = [];
    runBench({ ...parseArgs(['--n', '100', '--reps', '1', '--out', out]), log: (line) => lines.push(line) });
  }, 120_000);

  afterAll(() => {
    fs.rmSync(out, { recursive: true, force: true });
  });

  test('one channel is the 15-resource bundle, 20 channels to a stack', () => {
    expect(measureLayout()).toEqual({ resourcesPerChannel: 15, channelsPerStack: 20 });
  });

  test('prints the wirings it included', () => {
    expect(lines[0]).toBe(`bench: wirings per channel: ${WIRINGS.map((w) => w.name).join(', ')}`);
    for (const wiring of ['queue+dlq', 'oss bucket->queue notification', 'cms queue backlog alarm->topic target', 'topic->fc3 function trigger',
      'ess scale-in lifecycle hook->queue']) {
      expect(lines[0]).toContain(wiring);
    }
  });

  test('prints one line for N = 100 with traces on and one with traces off, then the traces-off lines, and ends with the final line', () => {
    const nLines = lines.filter((l) => l.startsWith('bench: n='));
    expect(nLines).toHaveLength(2);
    expect(nLines[0]).toMatch(N_LINE);
    expect(nLines[1]).toMatch(N_LINE_OFF);
    expect(lines.slice(-3)[0]).toMatch(GAIN_LINE);
    expect(lines.slice(-2)[0]).toMatch(OFF_LINE);
    expect(lines[lines.length - 1]).toMatch(FINAL_LINE);
    expect(lines[lines.length - 1]).toContain('growth 1k->10k n/a');
  });

  test('both sides synthesized the same templates, byte for byte, with traces on and off', () => {
    const ours = path.join(out, 'n100', 'ours');
    expect(fs.readdirSync(ours).filter((f) => f.endsWith('.template.json')).sort())
      .toEqual(['Bench0000.template.json', 'Bench0001.template.json', 'Bench0002.template.json', 'Bench0003.template.json', 'Bench0004.template.json']);
    for (const dir of ['bare', 'ours-traces-off', 'bare-traces-off']) {
      expect(() => compareTemplates(ours, path.join(out, 'n100', dir), `smoke ${dir}`)).not.toThrow();
    }
  });

  test('each channel holds the bundle: queue, DLQ, topic, subscription, role and policy, bucket, OSS notification, alarm and its target, '
    + 'function and its topic trigger, scaling group and its lifecycle hook', () => {
    const resourcesOf = (stack: string): { [id: string]: { Type: string; Properties: any } } =>
      JSON.parse(fs.readFileSync(path.join(out, 'n100', 'bare', `${stack}.template.json`), 'utf8')).Resources;
    const first = resourcesOf('Bench0000');
    const last = resourcesOf('Bench0004');
    // 20 channels of 15 resources in each of the 5 stacks: channels 80 to 99 in the last
    expect(Object.keys(first)).toHaveLength(300);
    expect(Object.keys(last)).toHaveLength(300);
    expect(last.Q80.Type).toBe('ALIYUN::MNS::Queue');
    const typeOf = (resources: typeof first, pattern: RegExp): string[] => Object.keys(resources).filter((id) => pattern.test(id)).map((id) => resources[id].Type);
    expect(last.Q99Dlq.Type).toBe('ALIYUN::MNS::Queue');
    expect(typeOf(last, /^T99ToQ99[0-9a-f]{8}$/)).toEqual(['ALIYUN::MNS::Subscription']);
    expect(typeOf(last, /^Q99R99Policy[0-9a-f]{8}$/)).toEqual(['ALIYUN::RAM::ManagedPolicy']);
    expect(last.R99.Type).toBe('ALIYUN::RAM::Role');
    expect(last.B99.Type).toBe('ALIYUN::OSS::Bucket');
    // the alarm on the queue's backlog, whose alerts go to the channel's topic
    expect(last.A99.Type).toBe('ALIYUN::CMS::ResourceMetricRule');
    expect(last.A99.Properties.Resources).toEqual([expect.objectContaining({ queue: { 'Fn::GetAtt': ['Q99', 'QueueName'] } })]);
    expect(typeOf(last, /^NotifyT99[0-9a-f]{8}$/)).toEqual(['ALIYUN::CMS::MetricRuleTargets']);
    // the FC 3.0 topic trigger: the user's function, the trigger on the channel's topic and the role SMQ assumes
    expect(last.F99.Type).toBe('ALIYUN::FC3::Function');
    expect(last.F99Trigger.Type).toBe('ALIYUN::FC3::Trigger');
    expect(last.F99Trigger.Properties.TriggerType).toBe('mns_topic');
    expect(last.F99Trigger.Properties.FunctionName).toEqual({ 'Fn::GetAtt': ['F99', 'FunctionName'] });
    expect(last.F99Trigger.Properties.InvocationRole).toEqual({ 'Fn::GetAtt': ['F99TriggerRole', 'Arn'] });
    expect(last.F99Trigger.Properties.SourceArn['Fn::Join'][1]).toContainEqual({ 'Fn::GetAtt': ['T99', 'TopicName'] });
    expect(last.F99TriggerRole.Type).toBe('ALIYUN::RAM::Role');
    expect(last.F99TriggerRole.Properties.Policies[0].PolicyDocument.Statement[0].Action).toEqual(['fc:InvokeFunction']);
    // the Auto Scaling lifecycle hook: the user's scaling group (with no notification configurations: the bundle has
    // the hook only), and the hook on its scale-ins, which notifies the channel's queue
    expect(last.G99).toEqual({ Type: 'ALIYUN::ESS::ScalingGroup', Properties: { MaxSize: 1, MinSize: 0, VSwitchIds: [GROUP_VSWITCH_ID] } });
    expect(last.H99.Type).toBe('ALIYUN::ESS::LifecycleHook');
    expect(Object.keys(last.H99.Properties).sort()).toEqual(['LifecycleTransition', 'NotificationArn', 'ScalingGroupId']);
    expect(last.H99.Properties.LifecycleTransition).toBe('SCALE_IN');
    expect(last.H99.Properties.ScalingGroupId).toEqual({ 'Fn::GetAtt': ['G99', 'ScalingGroupId'] });
    expect(last.H99.Properties.NotificationArn['Fn::Join'][1]).toEqual([
      'acs:ess:', { Ref: 'ALIYUN::Region' }, ':', { Ref: 'ALIYUN::TenantId' }, ':queue/', { 'Fn::GetAtt': ['Q99', 'QueueName'] },
    ]);
    // the OSS notification: SMQ's own rule for channels 0 to 9 of the app (all in the first stack), EventBridge after
    expect(SMQ_PATH_CHANNELS).toBe(10);
    for (let i = 0; i < 20; i++) {
      expect(first[`O${i}`]?.Type).toBe(i < SMQ_PATH_CHANNELS ? 'ALIYUN::MNS::EventNotification' : undefined);
      expect(first[`O${i}Rule`]?.Type).toBe(i < SMQ_PATH_CHANNELS ? undefined : 'ALIYUN::EventBridge::Rule');
    }
    expect(first.O10Rule.Properties.Targets[0].Endpoint['Fn::Join'][1]).toContainEqual({ 'Fn::GetAtt': ['Q10', 'QueueName'] });
    expect(last.O99Rule.Type).toBe('ALIYUN::EventBridge::Rule');
    for (const stack of ['Bench0001', 'Bench0002', 'Bench0003', 'Bench0004']) {
      expect(Object.values(resourcesOf(stack)).filter((r) => r.Type === 'ALIYUN::MNS::EventNotification')).toHaveLength(0);
    }
  });

  test('the bare side builds the user\'s role, bucket, function and scaling group as ours does, and only what the library emits as L1s', () => {
    for (const side of ['bare', 'bare-traces-off']) {
      const bare = path.join(out, 'n100', side);
      // ram.Role and oss.Bucket make their L1 as a child with the same id; an L1 is a leaf right under the stack
      expect(Object.keys(treeNode(bare, 'Bench0004/R99')?.children ?? {})).toEqual(['R99']);
      expect(Object.keys(treeNode(bare, 'Bench0004/B99')?.children ?? {})).toEqual(['B99']);
      expect(Object.keys(treeNode(bare, 'Bench0004/F99')?.children ?? {})).toEqual(['F99']);
      // the user's scaling group is an L1 (ess.RosScalingGroup) on both sides; the hook is written as one L1 here
      for (const id of ['Q99', 'Q99Dlq', 'T99', 'A99', 'O99Rule', 'F99Trigger', 'F99TriggerRole', 'G99', 'H99']) {
        expect(treeNode(bare, `Bench0004/${id}`)).toEqual({ id, path: `Bench0004/${id}` });
      }
    }
    // and ours the same role, bucket, function and group, under the same paths (and the hook's L1 under its construct)
    expect(Object.keys(treeNode(path.join(out, 'n100', 'ours'), 'Bench0004/R99')?.children ?? {})).toEqual(['R99']);
    expect(Object.keys(treeNode(path.join(out, 'n100', 'ours'), 'Bench0004/B99')?.children ?? {})).toEqual(['B99']);
    expect(Object.keys(treeNode(path.join(out, 'n100', 'ours'), 'Bench0004/F99')?.children ?? {})).toEqual(['F99']);
    expect(treeNode(path.join(out, 'n100', 'ours'), 'Bench0004/G99')).toEqual({ id: 'G99', path: 'Bench0004/G99' });
    expect(Object.keys(treeNode(path.join(out, 'n100', 'ours'), 'Bench0004/H99')?.children ?? {})).toEqual(['H99']);
  });

  test('the bare side writes each resource with the class bench/ownership.ts names', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ros-cdk-smq-bench-bare-'));
    try {
      const app = new ros.App({ outdir, treeMetadata: false });
      buildBare(app, loadBareInput(path.join(out, 'n100', 'ours')));
      const stack = app.node.findChild('Bench0000');
      const l1 = (id: string): ros.IConstruct => stack.node.findChild(id);
      expect(l1('R0')).toBeInstanceOf(ram.Role);
      expect(l1('B0')).toBeInstanceOf(oss.Bucket);
      expect(l1('F0')).toBeInstanceOf(fc3.Function);
      expect(l1('F0Trigger')).toBeInstanceOf(fc3.RosTrigger);
      expect(l1('F0TriggerRole').constructor).toBe(ram.RosRole);
      expect(l1('G0').constructor).toBe(ess.RosScalingGroup);
      for (const id of ['Q0', 'Q0Dlq', 'T0', 'O0', 'H0']) {
        expect(l1(id).constructor).toBe(ros.RosResource);
      }
      expect(l1('O10Rule')).toBeInstanceOf(eventbridge.RosRule);
      expect(l1('A0')).toBeInstanceOf(cms.RosResourceMetricRule);
      const targets = stack.node.children.filter((c) => /^NotifyT0[0-9a-f]{8}$/.test(c.node.id));
      expect(targets).toHaveLength(1);
      expect(targets[0]).toBeInstanceOf(cms.RosMetricRuleTargets);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('whose each resource is, is decided by bench/ownership.ts', () => {
    expect(USER_CONSTRUCTS).toEqual([ROLE, BUCKET, FUNCTION, GROUP]);
    expect(GROUP.logicalId(42)).toBe('G42');
    expect(classify('G42', 'ALIYUN::ESS::ScalingGroup')).toEqual({ owner: 'user', construct: GROUP, channel: 42 });
    expect(FUNCTION.logicalId(42)).toBe('F42');
    expect(classify('F42', 'ALIYUN::FC3::Function')).toEqual({ owner: 'user', construct: FUNCTION, channel: 42 });
    expect(ROLE.logicalId(42)).toBe('R42');
    expect(BUCKET.logicalId(42)).toBe('B42');
    expect(classify('R42', 'ALIYUN::RAM::Role')).toEqual({ owner: 'user', construct: ROLE, channel: 42 });
    expect(classify('B42', 'ALIYUN::OSS::Bucket')).toEqual({ owner: 'user', construct: BUCKET, channel: 42 });
    expect(LIBRARY_TYPES).toEqual(LIBRARY.map((t) => t.type));
    for (const writer of LIBRARY) {
      expect(classify(writer.logicalIds ? 'F42TriggerRole' : 'Q42R42Policy0123abcd', writer.type)).toEqual({ owner: 'library', writer });
    }
    expect(Object.fromEntries(LIBRARY.map((t) => [t.type, t.l1?.name ?? 'ros.RosResource']))).toEqual({
      'ALIYUN::MNS::Queue': 'ros.RosResource',
      'ALIYUN::MNS::Topic': 'ros.RosResource',
      'ALIYUN::MNS::Subscription': 'ros.RosResource',
      'ALIYUN::RAM::ManagedPolicy': 'ros.RosResource',
      'ALIYUN::MNS::EventNotification': 'ros.RosResource',
      'ALIYUN::EventBridge::Rule': 'eventbridge.RosRule',
      'ALIYUN::CMS::ResourceMetricRule': 'cms.RosResourceMetricRule',
      'ALIYUN::CMS::MetricRuleTargets': 'cms.RosMetricRuleTargets',
      'ALIYUN::FC3::Trigger': 'fc3.RosTrigger',
      'ALIYUN::RAM::Role': 'ram.RosRole',
      'ALIYUN::ESS::LifecycleHook': 'ros.RosResource',
    });
    // a role or bucket that is not a channel's, or a resource nobody claims, fails the run
    expect(() => classify('Other', 'ALIYUN::RAM::Role')).toThrow(/neither one of the user's own constructs/);
    expect(() => classify('R01', 'ALIYUN::RAM::Role')).toThrow(/bench\/ownership\.ts/);
    expect(() => classify('F01TriggerRole', 'ALIYUN::RAM::Role')).toThrow(/bench\/ownership\.ts/);
    expect(() => classify('X1', 'ALIYUN::OSS::Bucket')).toThrow(/bench\/ownership\.ts/);
    expect(() => classify('G01', 'ALIYUN::ESS::ScalingGroup')).toThrow(/bench\/ownership\.ts/);
    expect(() => classify('X1', 'ALIYUN::ESS::ScalingConfiguration')).toThrow(/bench\/ownership\.ts/);
    expect(() => classify('X1', 'ALIYUN::ECS::Instance')).toThrow(/bench\/ownership\.ts/);
    // an upstream L1's props are written out field by field: a property ownership.ts does not know fails loudly
    const rule = LIBRARY.find((t) => t.type === 'ALIYUN::CMS::ResourceMetricRule')!.l1!;
    expect(() => rule.props({ RuleName: 'r', Webhook: 'https://example.com' }, 'S resource A0')).toThrow(/S resource A0 has Webhook/);
  });

  test('writes RESULTS.md into the given out dir and leaves bench/RESULTS.md alone', () => {
    const results = fs.readFileSync(path.join(out, 'RESULTS.md'), 'utf8');
    expect(results).toMatch(/^# Benchmark results/);
    expect(results).toMatch(/\| 100 \| on \| 5 \| 1500 \| \d+ \|/);
    expect(results).toMatch(/\| 100 \| off \| 5 \| 1500 \| \d+ \|/);
    expect(results).toContain('`eventbridge.RosRule` (ALIYUN::EventBridge::Rule)');
    expect(results).toContain('`fc3.RosTrigger` (ALIYUN::FC3::Trigger)');
    expect(results).toContain('`ALIYUN::ESS::LifecycleHook` as bare `ros.RosResource`s');
    expect(results).toContain('`ess.RosScalingGroup`');
    expect(results).toMatch(/\| 100 \| \d+\.\d\d \| \d+\.\d\d \| \d+\.\d\d \| \d+\.\d\d \|/);
    expect(results).toContain(`${os.cpus().length} cores`);
    expect(results).toContain(`Node ${process.version}`);
    expect(results).toMatch(new RegExp(`\\nbench: traces off: ${RATIOS.source}\\nbench: ${RATIOS.source}\\n`));
    expect(fs.existsSync(repoResults) ? fs.readFileSync(repoResults, 'utf8') : undefined).toBe(repoResultsBefore);
  });

  test('fails loudly when a template differs', () => {
    const a = path.join(out, 'cmp-a');
    const b = path.join(out, 'cmp-b');
    fs.mkdirSync(a);
    fs.mkdirSync(b);
    fs.writeFileSync(path.join(a, 'S.template.json'), '{\n  "Resources": {\n    "Q": 1\n  }\n}');
    fs.writeFileSync(path.join(b, 'S.template.json'), '{\n  "Resources": {\n    "Q": 2\n  }\n}');
    expect(() => compareTemplates(a, b, 'test')).toThrow(/TEMPLATES DIFFER \(test\): S\.template\.json line 3/);
    fs.rmSync(path.join(b, 'S.template.json'));
    expect(() => compareTemplates(a, b, 'test')).toThrow(/TEMPLATES DIFFER \(test\): stacks missing \["S.template.json"\]/);
  });

  test('the final line takes the worst ratios with traces on and the growth from 1,000 to 10,000 channels; the traces-off lines their own', () => {
    const side = (totalMs: number, maxRssKb: number): Row['ours'] => ({
      constructMs: totalMs / 2, synthMs: totalMs / 2, totalMs, maxRssKb, startRssKb: 0, heapUsedKb: 0, runs: 1,
    });
    const row = (n: number, stackTraces: boolean, ours: Row['ours'], bare: Row['ours']): Row => ({
      n, stackTraces, stacks: 1, resources: 1, bytes: 1, outdirBytes: { ours: 1, bare: 1 }, ours, bare,
      ratios: { time: ours.totalMs / bare.totalMs, memory: ours.maxRssKb / bare.maxRssKb },
    });
    const on = [row(1000, true, side(1000, 120), side(800, 100)), row(10000, true, side(10500, 110), side(10000, 100))];
    const off = [row(1000, false, side(600, 60), side(400, 60)), row(10000, false, side(5100, 55), side(5000, 50))];
    expect(formatFinalLine({ rows: on })).toBe('bench: time ratio 1.25, memory ratio 1.20, growth 1k->10k 10.50x');
    expect(formatFinalLine({ rows: [...off, ...on] })).toBe('bench: time ratio 1.25, memory ratio 1.20, growth 1k->10k 10.50x');
    expect(formatTracesOffLine({ rows: [...on, ...off] })).toBe('bench: traces off: time ratio 1.50, memory ratio 1.10, growth 1k->10k 8.50x');
    expect(formatTracesOffLine({ rows: on })).toBeUndefined();
    expect(formatTracesGainLine({ rows: [...on, ...off] })).toBe('bench: traces off / on, ours: n=1000 time 0.60, peak RSS 0.50; n=10000 time 0.49, peak RSS 0.50');
    // only traces off measured: the final line is theirs, and there is nothing to compare
    expect(formatFinalLine({ rows: off })).toBe('bench: time ratio 1.50, memory ratio 1.10, growth 1k->10k 8.50x');
    expect(formatTracesOffLine({ rows: off })).toBeUndefined();
  });

  test('parses its arguments', () => {
    expect(parseArgs(['--n', '100,1_000', '--n', '10000', '--reps', '2', '--profile'])).toEqual({ ns: [100, 1000, 10000], reps: 2, profile: true });
    expect(parseArgs(['--traces', 'on'])).toEqual({ traces: 'on' });
    expect(parseArgs(['--no-stack-traces'])).toEqual({ traces: 'off' });
    expect(() => parseArgs(['--traces', 'maybe'])).toThrow(/on, off or both/);
    expect(() => parseArgs(['--n', 'x'])).toThrow(/positive integer/);
    expect(() => parseArgs(['--bogus'])).toThrow(/unknown argument/);
  });
});
