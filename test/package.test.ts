/**
 * What users get: the packed tarball, installed by name into an empty app with its peer dependencies, compiled under
 * `strict` against the packed declarations, and run: the README example synthesizes from it, the assertions entry
 * works, and internal modules cannot be imported.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ensureBuilt, ROOT } from './built';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });
}

/** The TypeScript code block under `## Example` in README.md. */
function readmeExample(): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Example'));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (match === null) {
    throw new Error('README.md has no ```ts block under ## Example');
  }
  return match[1];
}

describe('the packed package', () => {
  let work: string;
  let app: string;
  let files: string[];

  beforeAll(() => {
    ensureBuilt();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'ros-cdk-smq-pack-'));
    const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', work], ROOT))[0];
    files = packed.files.map((f: { path: string }) => f.path);
    app = path.join(work, 'app');
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'readme-app', version: '0.0.0', private: true }));
    const optional = pkg.peerDependenciesMeta ?? {};
    // the optional peers (mermaid, for `graph --format html` only) stay out: what a construct user installs
    const peers = Object.keys(pkg.peerDependencies).filter((name) => !optional[name]?.optional).map((name) => `${name}@${pkg.devDependencies[name]}`);
    npm(['install', '--prefer-offline', '--no-package-lock', path.join(work, packed.filename), ...peers], app);
  }, 300_000);

  afterAll(() => {
    fs.rmSync(work, { recursive: true, force: true });
  });

  test('ships the built library, its declarations, the README and the LICENSE, and nothing else', () => {
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'dist/lib/index.js', 'dist/lib/index.d.ts', 'dist/lib/assertions/index.d.ts', 'dist/lib/custom-resources/handler/index.js']));
    expect(files.filter((f) => !/^dist\/lib\/.*\.(js|d\.ts)$/.test(f) && !['LICENSE', 'README.md', 'package.json', 'bin/ros-cdk-smq.js'].includes(f))).toEqual([]);
    expect(fs.readFileSync(path.join(app, 'node_modules', 'ros-cdk-smq', 'LICENSE'), 'utf8')).toContain('Apache License');
  });

  test('the README example compiles under strict against the packed declarations and synthesizes without warnings', () => {
    fs.writeFileSync(path.join(app, 'app.ts'), readmeExample());
    // more of the public surface a user leans on, typed as a user would write it
    fs.writeFileSync(path.join(app, 'usage.ts'), [
      "import * as ros from '@alicloud/ros-cdk-core';",
      "import { Duration, smq, ValidationError } from 'ros-cdk-smq';",
      "import { Annotations, Template } from 'ros-cdk-smq/assertions';",
      'export function check(stack: ros.Stack): string | undefined {',
      "  const q = new smq.Queue(stack, 'Q', { deadLetterQueue: { maxReceiveCount: 3 }, retentionPeriod: Duration.days(1) });",
      '  const name: string | undefined = q.deadLetterQueue?.queue.queueName;',
      "  const l1: smq.RosQueue = new smq.RosQueue(stack, 'L1', { queueName: 'l1' }, true);",
      '  l1.visibilityTimeout = 60;',
      '  const e: ValidationError | undefined = undefined;',
      '  void e; void Template; void Annotations;',
      "  return name ?? smq.Identifiers.ramArn(q.channelAddress);",
      '}',
    ].join('\n'));
    // the sources, with the peer packages a user installs for them
    fs.writeFileSync(path.join(app, 'sources.ts'), [
      "import * as ros from '@alicloud/ros-cdk-core';",
      "import * as oss from '@alicloud/ros-cdk-oss';",
      "import * as fc3 from '@alicloud/ros-cdk-fc3';",
      "import { consumers, Duration, smq, sources } from 'ros-cdk-smq';",
      'const app = new ros.App();',
      "const stack = new ros.Stack(app, 'Media', { env: { region: 'cn-hangzhou', account: '123456789012' } });",
      "const bucket = new oss.Bucket(stack, 'Uploads', { bucketName: 'media-uploads' });",
      "const jobs = new smq.Queue(stack, 'Jobs');",
      "const ops = new smq.Topic(stack, 'Ops');",
      "new sources.OssEventNotification(stack, 'OnUpload', { bucket, events: [sources.OssEvent.OBJECT_CREATED], filters: [{ prefix: 'in/' }], destination: jobs });",
      "new sources.OssEventNotification(stack, 'OnDelete', { bucket, events: [sources.OssEvent.OBJECT_REMOVED], destination: jobs, via: sources.OssNotificationPath.EVENTBRIDGE });",
      "new sources.EventRule(stack, 'EcsEvents', { pattern: { source: ['acs.ecs'] }, targets: [new sources.QueueTarget(jobs, { message: sources.TargetMessage.fromPath('$.data') })] });",
      "const alarm = new sources.MetricAlarm(stack, 'Backlog', { metric: jobs.metricNumberOfMessagesVisible(), threshold: 100, contactGroups: ['ops'] });",
      'alarm.notify(ops, [sources.AlarmLevel.CRITICAL]);',
      "new sources.CmsEventNotification(stack, 'EcsAlerts', { pattern: { product: 'ECS' }, destination: ops });",
      "const fn = new fc3.Function(stack, 'Worker', { functionName: 'worker', runtime: 'nodejs20', handler: 'index.handler', code: { zipFile: 'exports.handler = async () => {};' } });",
      "new consumers.QueueTrigger(stack, 'Work', { queue: jobs, fn: consumers.TriggerFunction.fc3(fn), batchSize: 10, batchWindow: Duration.seconds(2) });",
      "new consumers.TopicTrigger(stack, 'OnOps', { topic: ops, fn: consumers.TriggerFunction.fc3(fn), filterTag: 'page' });",
      'app.synth();',
    ].join('\n'));
    fs.writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'node16', moduleResolution: 'node16', strict: true, types: [], outDir: 'out', skipLibCheck: false },
      files: ['app.ts', 'usage.ts', 'sources.ts'],
    }));
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', app], { cwd: app, encoding: 'utf8', stdio: 'pipe' });
    const outdir = path.join(app, 'cdk.out');
    execFileSync(process.execPath, [path.join(app, 'out', 'app.js')], { cwd: app, env: { ...process.env, CDK_OUTDIR: outdir }, stdio: 'pipe' });
    const template = JSON.parse(fs.readFileSync(path.join(outdir, 'Shop.template.json'), 'utf8'));
    const types = Object.values(template.Resources as { [id: string]: { Type: string } }).map((r) => r.Type).sort();
    expect(types).toEqual([
      'ALIYUN::MNS::Queue', 'ALIYUN::MNS::Queue',
      'ALIYUN::MNS::Subscription', 'ALIYUN::MNS::Subscription', 'ALIYUN::MNS::Subscription', 'ALIYUN::MNS::Subscription',
      'ALIYUN::MNS::Topic',
      'ALIYUN::RAM::ManagedPolicy', 'ALIYUN::RAM::ManagedPolicy', 'ALIYUN::RAM::ManagedPolicy',
      'ALIYUN::RAM::Role',
    ]);
    const subscriptions = Object.values(template.Resources as { [id: string]: any }).filter((r) => r.Type === 'ALIYUN::MNS::Subscription');
    expect(subscriptions.map((s) => s.Properties.Endpoint)).toContain('acs:mns:cn-hangzhou:123456789012:queues/legacy');
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    const messages = Object.values(manifest.artifacts.Shop.metadata ?? {}).flat() as Array<{ type: string; data: string }>;
    expect(messages.filter((m) => m.type === 'aliyun:ros:warning' || m.type === 'aliyun:ros:error').map((m) => m.data)).toEqual([]);

    const sourcesOut = path.join(app, 'cdk.sources');
    execFileSync(process.execPath, [path.join(app, 'out', 'sources.js')], { cwd: app, env: { ...process.env, CDK_OUTDIR: sourcesOut }, stdio: 'pipe' });
    const media = JSON.parse(fs.readFileSync(path.join(sourcesOut, 'Media.template.json'), 'utf8'));
    expect(Object.values(media.Resources as { [id: string]: { Type: string } }).map((r) => r.Type).sort()).toEqual([
      'ALIYUN::CMS::EventRule', 'ALIYUN::CMS::EventRuleTargets', 'ALIYUN::CMS::MetricRuleTargets', 'ALIYUN::CMS::ResourceMetricRule',
      'ALIYUN::EventBridge::Rule', 'ALIYUN::EventBridge::Rule',
      'ALIYUN::FC3::Function', 'ALIYUN::FC3::Trigger', 'ALIYUN::FC3::Trigger',
      'ALIYUN::MNS::EventNotification', 'ALIYUN::MNS::Queue', 'ALIYUN::MNS::Topic', 'ALIYUN::OSS::Bucket', 'ALIYUN::RAM::Role',
    ]);
    expect(media.Resources.Work.Properties.TriggerConfig.runOptions.batchWindow).toEqual({ CountBasedWindow: 10, TimeBasedWindow: 2 });
    const mediaMessages = Object.values(JSON.parse(fs.readFileSync(path.join(sourcesOut, 'manifest.json'), 'utf8')).artifacts.Media.metadata ?? {}).flat() as Array<{ type: string; data: string }>;
    // the one warning: the service-linked role of the queue trigger's event stream, which no template can create
    expect(mediaMessages.filter((m) => m.type === 'aliyun:ros:warning' || m.type === 'aliyun:ros:error').map((m) => m.data))
      .toEqual([expect.stringContaining('AliyunServiceRoleForEventBridgeSendToFC')]);
  }, 120_000);

  test('the entry points are the package root and ros-cdk-smq/assertions; internal modules are closed', () => {
    const run = (code: string): string => execFileSync(process.execPath, ['-e', code], { cwd: app, encoding: 'utf8', stdio: 'pipe' });
    expect(run("const m = require('ros-cdk-smq'); console.log(Object.keys(m).sort().join(','))").trim())
      .toBe('Duration,ErrorsTolerance,Grant,RetryStrategy,ValidationError,assertions,checks,consumers,customResources,ess,graph,iot,routes,smq,sources');
    expect(run("console.log(typeof require('ros-cdk-smq/assertions').Template.fromStack)").trim()).toBe('function');
    expect(() => run("require('ros-cdk-smq/dist/lib/core/state')")).toThrow(/ERR_PACKAGE_PATH_NOT_EXPORTED/);
  });

  test('the installed tools work on what the user synthesized: the graph command, the route simulator and the rule pack', () => {
    const outdir = path.join(app, 'cdk.tools');
    fs.writeFileSync(path.join(app, 'tools.js'), [
      "const ros = require('@alicloud/ros-cdk-core');",
      "const { checks, routes, smq, sources } = require('ros-cdk-smq');",
      "const app = new ros.App({ outdir: process.argv[2] });",
      "const stack = new ros.Stack(app, 'Tools', { env: { region: 'cn-hangzhou', account: '123456789012' } });",
      "const jobs = new smq.Queue(stack, 'Jobs', { queueName: 'jobs' });",
      "new sources.EventRule(stack, 'EcsEvents', { pattern: { source: ['acs.ecs'] }, targets: [new sources.QueueTarget(jobs)] });",
      "checks.SmqChecks.applyTo(app, { printSummary: false });",
      'app.synth();',
      "const delivery = routes.Routes.fromCloudAssembly(process.argv[2]).deliver(routes.SampleEvents.eventBridge({ source: 'acs.ecs', type: 'ecs:Instance:StateChange', data: {} }));",
      "console.log(JSON.stringify(delivery.reached));",
    ].join('\n'));
    const reached = JSON.parse(execFileSync(process.execPath, [path.join(app, 'tools.js'), outdir], { cwd: app, encoding: 'utf8', stdio: 'pipe' }).trim());
    expect(reached).toContain('Tools/Jobs');
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'smq-checks.json'), 'utf8'));
    expect(report.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('SMQ-001');
    const bin = path.join(app, 'node_modules', '.bin', 'ros-cdk-smq');
    const mermaid = execFileSync(bin, ['graph', outdir], { cwd: app, encoding: 'utf8', stdio: 'pipe' });
    expect(mermaid).toMatch(/^flowchart/m);
    expect(mermaid).toContain('jobs');
    // --format html needs the optional peer mermaid, which a construct user does not install: a clear error, exit code 1
    let failure: { status?: number; stderr?: string } = {};
    try {
      execFileSync(bin, ['graph', outdir, '--format', 'html', '--out', path.join(app, 'topology.html')], { cwd: app, encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      failure = e as { status?: number; stderr?: string };
    }
    expect(failure.status).toBe(1);
    expect(failure.stderr).toContain('npm install mermaid');
  }, 120_000);
});
