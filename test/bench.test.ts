/**
 * Smoke test of `npm run bench` (bench/run.ts) at N = 100, creation traces on and off: it runs, both sides emit equal
 * templates, the user's own role is built with `ram.Role` on both sides, the lines have the promised form, and
 * RESULTS.md goes where it is told. Timings are not checked.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compareTemplates, parseArgs, runBench } from '../bench/run';
import { formatFinalLine, formatTracesGainLine, formatTracesOffLine, Row } from '../bench/report';
import { classify, LIBRARY_TYPES, measureLayout, ROLE, USER_CONSTRUCTS, WIRINGS } from '../bench/wirings';

const RATIOS = /time ratio \d+\.\d\d, memory ratio \d+\.\d\d, growth 1k->10k (\d+\.\d\dx|n\/a)/;
const FINAL_LINE = new RegExp(`^bench: ${RATIOS.source}$`);
const OFF_LINE = new RegExp(`^bench: traces off: ${RATIOS.source}$`);
const GAIN_LINE = /^bench: traces off \/ on, ours: n=100 time \d+\.\d\d, peak RSS \d+\.\d\d$/;
const SIDES = 'ours construct \\d+ ms \\+ synth \\d+ ms = \\d+ ms, peak RSS \\d+ MB \\| bare construct \\d+ ms \\+ synth \\d+ ms = \\d+ ms, '
  + 'peak RSS \\d+ MB \\| ours\\/bare time \\d+\\.\\d\\d, memory \\d+\\.\\d\\d';
const SHAPE = '\\(2 stacks, 600 resources, templates \\d+\\.\\d\\d MB each side, median of 1\\)';
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

  test('one channel is the 6-resource bundle, 50 channels to a stack', () => {
    expect(measureLayout()).toEqual({ resourcesPerChannel: 6, channelsPerStack: 50 });
  });

  test('prints the wirings it included', () => {
    expect(lines[0]).toBe(`bench: wirings per channel: ${WIRINGS.map((w) => w.name).join(', ')}`);
    expect(lines[0]).toContain('queue+dlq');
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
    expect(fs.readdirSync(ours).filter((f) => f.endsWith('.template.json')).sort()).toEqual(['Bench0000.template.json', 'Bench0001.template.json']);
    for (const dir of ['bare', 'ours-traces-off', 'bare-traces-off']) {
      expect(() => compareTemplates(ours, path.join(out, 'n100', dir), `smoke ${dir}`)).not.toThrow();
    }
    const template = JSON.parse(fs.readFileSync(path.join(out, 'n100', 'bare', 'Bench0001.template.json'), 'utf8'));
    const resources = template.Resources as { [id: string]: { Type: string } };
    expect(Object.keys(resources)).toHaveLength(300);
    const typeOf = (pattern: RegExp): string[] => Object.keys(resources).filter((id) => pattern.test(id)).map((id) => resources[id].Type);
    expect(resources.Q99Dlq.Type).toBe('ALIYUN::MNS::Queue');
    expect(typeOf(/^T99ToQ99[0-9a-f]{8}$/)).toEqual(['ALIYUN::MNS::Subscription']);
    expect(typeOf(/^Q99R99Policy[0-9a-f]{8}$/)).toEqual(['ALIYUN::RAM::ManagedPolicy']);
    expect(resources.R99.Type).toBe('ALIYUN::RAM::Role');
  });

  test('the bare side builds the user\'s role with ram.Role and only what the library emits as bare L1s', () => {
    for (const side of ['bare', 'bare-traces-off']) {
      const bare = path.join(out, 'n100', side);
      // ram.Role makes its RosRole as a child with the same id; a bare L1 is a leaf right under the stack
      expect(Object.keys(treeNode(bare, 'Bench0001/R99')?.children ?? {})).toEqual(['R99']);
      for (const id of ['Q99', 'Q99Dlq', 'T99']) {
        expect(treeNode(bare, `Bench0001/${id}`)).toEqual({ id, path: `Bench0001/${id}` });
      }
    }
    // and ours the same role, under the same path
    expect(Object.keys(treeNode(path.join(out, 'n100', 'ours'), 'Bench0001/R99')?.children ?? {})).toEqual(['R99']);
  });

  test('whose each resource is, is decided by bench/ownership.ts', () => {
    expect(USER_CONSTRUCTS).toEqual([ROLE]);
    expect(ROLE.logicalId(42)).toBe('R42');
    expect(classify('R42', 'ALIYUN::RAM::Role')).toEqual({ owner: 'user', construct: ROLE, channel: 42 });
    for (const type of LIBRARY_TYPES) {
      expect(classify('Q42R42Policy0123abcd', type)).toEqual({ owner: 'library' });
    }
    // a role that is not a channel's, or a resource nobody claims, fails the run
    expect(() => classify('Other', 'ALIYUN::RAM::Role')).toThrow(/neither one of the user's own constructs/);
    expect(() => classify('R01', 'ALIYUN::RAM::Role')).toThrow(/bench\/ownership\.ts/);
    expect(() => classify('X1', 'ALIYUN::OSS::Bucket')).toThrow(/bench\/ownership\.ts/);
  });

  test('writes RESULTS.md into the given out dir and leaves bench/RESULTS.md alone', () => {
    const results = fs.readFileSync(path.join(out, 'RESULTS.md'), 'utf8');
    expect(results).toMatch(/^# Benchmark results/);
    expect(results).toMatch(/\| 100 \| on \| 2 \| 600 \| \d+ \|/);
    expect(results).toMatch(/\| 100 \| off \| 2 \| 600 \| \d+ \|/);
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
