/**
 * The `ros-cdk-smq` command (bin/ros-cdk-smq.js), run as users run it: a plain node process on the built package.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildApp } from '../../examples/app';
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
    expect(empty.stderr).toBe('ros-cdk-smq: empty: not a cloud assembly (no manifest.json); synthesize the app first (ros-cdk synth)\n');
    // cdk.out is the default, and its absence is reported by that name
    const elsewhere = run(['graph'], path.join(work, 'empty'));
    expect(elsewhere.status).toBe(1);
    expect(elsewhere.stderr).toBe('ros-cdk-smq: cdk.out: no such folder; synthesize the app first (ros-cdk synth), or name its cloud assembly folder\n');
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
