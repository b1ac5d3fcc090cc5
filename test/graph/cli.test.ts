/**
 * The `ros-cdk-smq` command (bin/ros-cdk-smq.js), run as users run it: a plain node process on the built package.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ros from '@alicloud/ros-cdk-core';
import { buildApp } from '../../examples/app';
import { smq } from '../../lib';
import { TopologyGraph } from '../../lib/graph';
import { Routes } from '../../lib/routes/routes';
import { ensureBuilt, ROOT } from '../built';

const BIN = path.join(ROOT, 'bin', 'ros-cdk-smq.js');
const USAGE_LINE = 'Usage: ros-cdk-smq graph [cdk.out] [--format mermaid|dot|html] [--out file] (ros-cdk-smq --help)';

let work: string;
let assembly: string;

beforeAll(() => {
  ensureBuilt();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-cli-'));
  assembly = path.join(work, 'cdk.out');
  buildApp(assembly).synth();
}, 300_000);

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

function run(args: string[], cwd = work): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the command with its standard output piped to a reader that leaves after the first chunk, as `| head` does. */
function runClosedEarly(args: string[]): Promise<{ status: number | null; signal: NodeJS.Signals | null; stderr: string; received: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let received = 0;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => { stderr += chunk; });
    child.stdout.once('data', (chunk: Buffer) => {
      received = chunk.length;
      child.stdout.destroy();
    });
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, stderr, received }));
  });
}

/** A cloud assembly of one stack with `count` queues: a diagram far larger than a pipe's buffer (64 KiB on Linux). */
function hugeAssembly(dir: string, count: number): void {
  fs.mkdirSync(dir, { recursive: true });
  const resources: { [id: string]: object } = {};
  for (let i = 0; i < count; i++) {
    resources[`Queue${i}`] = { Type: 'ALIYUN::MNS::Queue', Properties: { QueueName: `huge-queue-${i}` } };
  }
  fs.writeFileSync(path.join(dir, 'Huge.template.json'), JSON.stringify({ ROSTemplateFormatVersion: '2015-09-01', Resources: resources }));
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({
    version: '7.0.0',
    artifacts: { Huge: { type: 'aliyun:ros:stack', properties: { templateFile: 'Huge.template.json' } } },
  }));
}

describe('ros-cdk-smq graph', () => {
  test('prints the Mermaid diagram of every stack of a cloud assembly, the same as TopologyGraph.mermaid', () => {
    const result = run(['graph', assembly]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(TopologyGraph.mermaid(Routes.fromCloudAssembly(assembly).topology));
    const stacks = JSON.parse(fs.readFileSync(path.join(assembly, 'manifest.json'), 'utf8')).artifacts;
    const subgraphs = result.stdout.split('\n').filter((l) => l.startsWith('  subgraph ')).map((l) => /\["(.*)"\]$/.exec(l)![1]);
    expect(subgraphs.length).toBeGreaterThanOrEqual(15);
    for (const name of subgraphs) {
      expect(stacks[name]?.type).toBe('aliyun:ros:stack');
    }
  });

  test('reads cdk.out in the working folder when no folder is given', () => {
    const result = run(['graph']);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(run(['graph', assembly]).stdout);
  });

  test('--format dot and --out write Graphviz to a file and say so on stderr', () => {
    const out = path.join(work, 'smq.dot');
    const result = run(['graph', 'cdk.out', '--format', 'dot', '--out', out]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    const topology = Routes.fromCloudAssembly(assembly).topology;
    expect(fs.readFileSync(out, 'utf8')).toBe(TopologyGraph.dot(topology));
    const channels = topology.nodes.filter((n) => n.kind === 'channel').length;
    expect(result.stderr).toBe(`wrote ${out} (dot: ${new Set(topology.nodes.map((n) => n.stack)).size} stacks, ${channels} channels, ${topology.edges.length} hops)\n`);
    // the short forms and --option=value
    expect(run(['graph', '-f', 'dot', 'cdk.out']).stdout).toBe(TopologyGraph.dot(topology));
    expect(run(['graph', '--format=dot', '-o', path.join(work, 'b.dot')]).status).toBe(0);
    expect(fs.readFileSync(path.join(work, 'b.dot'), 'utf8')).toBe(TopologyGraph.dot(topology));
  });

  test('--format html writes the self-contained page with Mermaid inlined', () => {
    const out = path.join(work, 'smq.html');
    const result = run(['graph', '--format', 'html', '--out', out]);
    expect(result.status).toBe(0);
    const page = fs.readFileSync(out, 'utf8');
    expect(page).toBe(TopologyGraph.html(Routes.fromCloudAssembly(assembly).topology));
    expect(page.length).toBeGreaterThan(fs.statSync(require.resolve('mermaid/dist/mermaid.min.js')).size);
  });

  test('--help prints the usage and exits 0', () => {
    for (const args of [['--help'], ['-h'], ['graph', '--help'], ['graph', 'cdk.out', '--format', 'nope', '-h']]) {
      const result = run(args);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^Usage: ros-cdk-smq graph \[cdk\.out\] \[--format mermaid\|dot\|html\] \[--out file\]\n/);
      expect(result.stdout).toContain('Exit codes: 0 done, 1 could not be done');
      expect(result.stderr).toBe('');
    }
  });

  test.each([
    [[], 'no command given'],
    [['draw'], 'unknown command "draw" (the only command is graph)'],
    [['graph', '--format', 'svg'], 'unknown format "svg": use one of mermaid, dot, html'],
    [['graph', '--format'], '--format needs a value'],
    [['graph', '--format='], '--format needs a value'],
    [['graph', '--out', '--format', 'dot'], '--out needs a value'],
    [['graph', '--verbose'], 'unknown option --verbose'],
    [['graph', 'a', 'b'], 'unexpected argument "b" (graph reads one cloud assembly)'],
  ])('a wrong command line %j exits 2 and says what is wrong', (args, message) => {
    const result = run(args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`ros-cdk-smq: ${message}\n${USAGE_LINE}\n`);
  });

  test('a folder that is missing, a file, or not a cloud assembly exits 1 and says what to do', () => {
    const missing = run(['graph', 'nowhere']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe('ros-cdk-smq: nowhere: no such folder; synthesize the app first (ros-cdk synth), or name its cloud assembly folder\n');
    fs.writeFileSync(path.join(work, 'file.txt'), 'x');
    expect(run(['graph', 'file.txt']).stderr).toBe('ros-cdk-smq: file.txt: not a folder; give the cloud assembly folder that ros-cdk synth wrote\n');
    fs.mkdirSync(path.join(work, 'empty'), { recursive: true });
    const empty = run(['graph', 'empty']);
    expect(empty.status).toBe(1);
    expect(empty.stderr).toBe('ros-cdk-smq: empty: not a cloud assembly (no manifest.json, no *.template.json); synthesize the app first (ros-cdk synth)\n');
    // files that are not templates do not make a cloud assembly
    fs.mkdirSync(path.join(work, 'notes'), { recursive: true });
    fs.writeFileSync(path.join(work, 'notes', 'Stack.json'), '{}');
    fs.writeFileSync(path.join(work, 'notes', 'template.json.bak'), '{}');
    expect(run(['graph', 'notes']).stderr).toBe('ros-cdk-smq: notes: not a cloud assembly (no manifest.json, no *.template.json); synthesize the app first (ros-cdk synth)\n');
    // cdk.out is the default, and its absence is reported by that name
    const elsewhere = run(['graph'], path.join(work, 'empty'));
    expect(elsewhere.status).toBe(1);
    expect(elsewhere.stderr).toBe('ros-cdk-smq: cdk.out: no such folder; synthesize the app first (ros-cdk synth), or name its cloud assembly folder\n');
  });

  test('a folder of *.template.json files without manifest.json is read as Routes.fromCloudAssembly reads it', () => {
    const bare = path.join(work, 'bare');
    fs.mkdirSync(bare, { recursive: true });
    const templates = fs.readdirSync(assembly).filter((f) => f.endsWith('.template.json'));
    expect(templates.length).toBeGreaterThanOrEqual(15);
    for (const file of templates) {
      fs.copyFileSync(path.join(assembly, file), path.join(bare, file));
    }
    const result = run(['graph', 'bare']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(TopologyGraph.mermaid(Routes.fromCloudAssembly(bare).topology));
    // the example app names every stack after its template file: the same diagram as with the manifest
    expect(result.stdout).toBe(run(['graph', assembly]).stdout);
    const dot = run(['graph', 'bare', '--format', 'dot', '--out', path.join(work, 'bare.dot')]);
    expect(dot.status).toBe(0);
    expect(fs.readFileSync(path.join(work, 'bare.dot'), 'utf8')).toBe(TopologyGraph.dot(Routes.fromCloudAssembly(bare).topology));
  });

  test('--out naming a file of the cloud assembly being read is refused, and the file is left as it was', () => {
    // a copy: the command must not damage it, but if it did, the other tests would not notice
    const here = path.join(work, 'refuse');
    const copy = path.join(here, 'cdk.out');
    fs.cpSync(assembly, copy, { recursive: true });
    const bare = path.join(here, 'bare-out');
    fs.mkdirSync(bare, { recursive: true });
    fs.copyFileSync(path.join(copy, 'SmqFanout.template.json'), path.join(bare, 'SmqFanout.template.json'));
    fs.symlinkSync(copy, path.join(here, 'linked'));
    const before = new Map(['manifest.json', 'SmqFanout.template.json', 'SmqFanout.assets.json', 'tree.json']
      .map((f) => [f, fs.readFileSync(path.join(copy, f), 'utf8')]));
    const refusals: Array<[string[], string]> = [
      [['graph', 'cdk.out', '--out', 'cdk.out/manifest.json'], 'cdk.out/manifest.json'],
      [['graph', 'cdk.out', '--out=cdk.out/manifest.json'], 'cdk.out/manifest.json'],
      [['graph', '-o', path.join(copy, 'SmqFanout.template.json')], 'cdk.out/SmqFanout.template.json'],
      [['graph', 'cdk.out', '--out', 'cdk.out/SmqFanout.assets.json'], 'cdk.out/SmqFanout.assets.json'],
      [['graph', 'cdk.out', '--out', 'cdk.out/tree.json'], 'cdk.out/tree.json'],
      // a template that does not exist yet would be read as a stack next time
      [['graph', 'cdk.out', '--out', 'cdk.out/Topology.template.json'], 'cdk.out/Topology.template.json'],
      // the same files reached through a symbolic link, or by a path that leaves and comes back
      [['graph', 'cdk.out', '--out', 'linked/manifest.json'], 'cdk.out/manifest.json'],
      [['graph', 'linked', '--out', 'cdk.out/manifest.json'], 'linked/manifest.json'],
      [['graph', 'cdk.out', '--out', '../refuse/cdk.out/./manifest.json'], 'cdk.out/manifest.json'],
      [['graph', 'bare-out', '--format', 'dot', '--out', 'bare-out/SmqFanout.template.json'], 'bare-out/SmqFanout.template.json'],
    ];
    for (const [args, file] of refusals) {
      const result = run(args, here);
      const out = args[args.length - 1].replace(/^--out=/, '');
      const shown = args[1].startsWith('-') ? 'cdk.out' : args[1];
      expect([args, result.status, result.stdout]).toEqual([args, 1, '']);
      expect(result.stderr).toBe(`ros-cdk-smq: --out ${out} names ${file}, a file of the cloud assembly being read: write the diagram outside ${shown}, or under another name\n`);
    }
    for (const [file, text] of before) {
      expect(fs.readFileSync(path.join(copy, file), 'utf8')).toBe(text);
    }
    expect(fs.existsSync(path.join(copy, 'Topology.template.json'))).toBe(false);
    expect(fs.readFileSync(path.join(bare, 'SmqFanout.template.json'), 'utf8')).toBe(before.get('SmqFanout.template.json'));
    // another name inside the folder, or a file beside it, is fine
    const inside = run(['graph', 'bare-out', '--out', 'bare-out/topology.mmd'], here);
    expect(inside.status).toBe(0);
    expect(fs.readFileSync(path.join(bare, 'topology.mmd'), 'utf8')).toBe(TopologyGraph.mermaid(Routes.fromCloudAssembly(bare).topology));
    expect(run(['graph', 'bare-out', '--out', 'manifest.json'], here).status).toBe(0);
    expect(fs.readFileSync(path.join(here, 'manifest.json'), 'utf8')).toBe(fs.readFileSync(path.join(bare, 'topology.mmd'), 'utf8'));
  });

  test('a reader that leaves early (| head) ends the command quietly with exit code 0', async () => {
    const huge = path.join(work, 'huge');
    hugeAssembly(huge, 10000);
    const full = run(['graph', 'huge']);
    expect(full.status).toBe(0);
    expect(full.stdout.length).toBeGreaterThan(400 * 1024);
    for (const args of [['graph', 'huge'], ['graph', 'huge', '--format', 'dot'], ['graph', assembly, '--format', 'html']]) {
      const result = await runClosedEarly(args);
      expect([args, result.status, result.signal, result.stderr]).toEqual([args, 0, null, '']);
      expect(result.received).toBeGreaterThan(0);
    }
  }, 120_000);

  test('stacks inside a ros.Stage (nested cloud assemblies) are drawn, also when every stack is in one', () => {
    const staged = path.join(work, 'staged');
    const app = new ros.App({ outdir: staged });
    new smq.Queue(new ros.Stack(new ros.Stage(app, 'Prod'), 'Inner'), 'Jobs');
    app.synth();
    // the top manifest lists no stack, only the stage's folder
    const manifest = JSON.parse(fs.readFileSync(path.join(staged, 'manifest.json'), 'utf8'));
    expect(Object.values(manifest.artifacts).map((a: any) => a.type).sort()).toEqual(['cdk:cloud-assembly', 'cdk:tree']);
    const result = run(['graph', 'staged']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(TopologyGraph.mermaid(Routes.fromCloudAssembly(staged).topology));
    expect(result.stdout).toContain('Prod-Inner-Jobs<br/>MNS::Queue');
    // the stage's folder on its own draws the same stack
    const stage = run(['graph', path.join('staged', 'assembly-Prod')]);
    expect(stage.status).toBe(0);
    expect(stage.stdout).toContain('Prod-Inner-Jobs<br/>MNS::Queue');

    // a top-level stack beside a staged one: both are drawn
    const mixed = path.join(work, 'mixed');
    const app2 = new ros.App({ outdir: mixed });
    new smq.Queue(new ros.Stack(app2, 'Top'), 'Jobs');
    new smq.Queue(new ros.Stack(new ros.Stage(app2, 'Prod'), 'Inner'), 'Jobs');
    app2.synth();
    const both = run(['graph', 'mixed', '--format', 'dot']);
    expect(both.status).toBe(0);
    expect(both.stdout).toBe(TopologyGraph.dot(Routes.fromCloudAssembly(mixed).topology));
    expect(both.stdout).toContain('Top-Jobs');
    expect(both.stdout).toContain('Prod-Inner-Jobs');

    // templates copied without their manifests, the stage's in its assembly-Prod folder: still read
    const copied = path.join(work, 'staged-templates', 'assembly-Prod');
    fs.mkdirSync(copied, { recursive: true });
    fs.copyFileSync(path.join(staged, 'assembly-Prod', 'Prod-Inner.template.json'), path.join(copied, 'Prod-Inner.template.json'));
    const bare = run(['graph', 'staged-templates']);
    expect(bare.stderr).toBe('');
    expect(bare.status).toBe(0);
    expect(bare.stdout).toContain('Prod-Inner-Jobs<br/>MNS::Queue');

    // a stage without stacks is nothing to draw: the reader's error, exit 1
    const emptyStage = path.join(work, 'empty-stage');
    const app3 = new ros.App({ outdir: emptyStage });
    new ros.Stage(app3, 'Nothing');
    app3.synth();
    const none = run(['graph', 'empty-stage']);
    expect(none.status).toBe(1);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/^ros-cdk-smq: empty-stage: .*must hold at least one stack template/);
  });

  test('a file that cannot be written exits 1', () => {
    const result = run(['graph', assembly, '--out', path.join(work, 'no', 'such', 'dir', 'x.mmd')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^ros-cdk-smq: cannot write .*x\.mmd: ENOENT/);
  });

  test('the package declares the command and ships it', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.bin).toEqual({ 'ros-cdk-smq': 'bin/ros-cdk-smq.js' });
    expect(pkg.files).toContain('bin/ros-cdk-smq.js');
    expect(fs.readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(fs.statSync(BIN).mode & 0o111).not.toBe(0);
    // mermaid: an optional peer, installed here for the tests only
    expect(pkg.peerDependenciesMeta.mermaid).toEqual({ optional: true });
    expect(pkg.dependencies?.mermaid).toBeUndefined();
    expect(pkg.devDependencies.mermaid).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
