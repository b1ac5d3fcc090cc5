/**
 * Smoke test of `npm run bench` (bench/run.ts) at N = 100: it runs, both sides emit equal templates, the lines have
 * the promised form, and RESULTS.md goes where it is told. Timings are not checked.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compareTemplates, parseArgs, runBench } from '../bench/run';
import { formatFinalLine, Row } from '../bench/report';
import { measureLayout, WIRINGS } from '../bench/wirings';

const FINAL_LINE = /^bench: time ratio \d+\.\d\d, memory ratio \d+\.\d\d, growth 1k->10k (\d+\.\d\dx|n\/a)$/;
const N_LINE = /^bench: n=100 \(2 stacks, 600 resources, templates \d+\.\d\d MB each side, median of 1\): ours construct \d+ ms \+ synth \d+ ms = \d+ ms, peak RSS \d+ MB \| bare construct \d+ ms \+ synth \d+ ms = \d+ ms, peak RSS \d+ MB \| ours\/bare time \d+\.\d\d, memory \d+\.\d\d$/;

const repoResults = path.join(__dirname, '..', 'bench', 'RESULTS.md');

describe('bench', () => {
  let out: string;
  let lines: string[];
  let repoResultsBefore: string | undefined;

  beforeAll(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'ros-cdk-smq-bench-'));
    repoResultsBefore = fs.existsSync(repoResults) ? fs.readFileSync(repoResults, 'utf8') : undefined;
    lines = [];
    runBench({ ...parseArgs(['--n', '100', '--reps', '1', '--out', out]), log: (line) => lines.push(line) });
  }, 60_000);

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

  test('prints one line for N = 100 with both sides and the ratios, and ends with the final line', () => {
    expect(lines.filter((l) => l.startsWith('bench: n=')).length).toBe(1);
    expect(lines.find((l) => l.startsWith('bench: n='))).toMatch(N_LINE);
    expect(lines[lines.length - 1]).toMatch(FINAL_LINE);
    expect(lines[lines.length - 1]).toContain('growth 1k->10k n/a');
  });

  test('both sides synthesized the same templates, byte for byte', () => {
    const ours = path.join(out, 'n100', 'ours');
    const bare = path.join(out, 'n100', 'bare');
    expect(fs.readdirSync(ours).filter((f) => f.endsWith('.template.json')).sort()).toEqual(['Bench0000.template.json', 'Bench0001.template.json']);
    expect(() => compareTemplates(ours, bare, 'smoke')).not.toThrow();
    const template = JSON.parse(fs.readFileSync(path.join(bare, 'Bench0001.template.json'), 'utf8'));
    expect(Object.keys(template.Resources)).toHaveLength(300);
    expect(template.Resources.Q99Dlq.Type).toBe('ALIYUN::MNS::Queue');
    expect(template.Resources.T99ToQ99.Type).toBe('ALIYUN::MNS::Subscription');
    expect(template.Resources.Q99R99Policy.Type).toBe('ALIYUN::RAM::ManagedPolicy');
  });

  test('writes RESULTS.md into the given out dir and leaves bench/RESULTS.md alone', () => {
    const results = fs.readFileSync(path.join(out, 'RESULTS.md'), 'utf8');
    expect(results).toMatch(/^# Benchmark results/);
    expect(results).toMatch(/\| 100 \| 2 \| 600 \| \d+ \|/);
    expect(results).toContain(`${os.cpus().length} cores`);
    expect(results).toContain(`Node ${process.version}`);
    expect(results).toMatch(FINAL_LINE_IN_TEXT);
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

  test('the final line takes the worst ratios and the growth from 1,000 to 10,000 channels', () => {
    const side = (totalMs: number, maxRssKb: number): Row['ours'] => ({
      constructMs: totalMs / 2, synthMs: totalMs / 2, totalMs, maxRssKb, startRssKb: 0, heapUsedKb: 0, runs: 1,
    });
    const row = (n: number, ours: Row['ours'], bare: Row['ours']): Row => ({
      n, stacks: 1, resources: 1, bytes: 1, outdirBytes: { ours: 1, bare: 1 }, ours, bare,
      ratios: { time: ours.totalMs / bare.totalMs, memory: ours.maxRssKb / bare.maxRssKb },
    });
    const rows = [row(1000, side(1000, 120), side(800, 100)), row(10000, side(10500, 110), side(10000, 100))];
    expect(formatFinalLine({ rows })).toBe('bench: time ratio 1.25, memory ratio 1.20, growth 1k->10k 10.50x');
  });

  test('parses its arguments', () => {
    expect(parseArgs(['--n', '100,1_000', '--n', '10000', '--reps', '2', '--profile'])).toEqual({ ns: [100, 1000, 10000], reps: 2, profile: true });
    expect(() => parseArgs(['--n', 'x'])).toThrow(/positive integer/);
    expect(() => parseArgs(['--bogus'])).toThrow(/unknown argument/);
  });
});

const FINAL_LINE_IN_TEXT = /bench: time ratio \d+\.\d\d, memory ratio \d+\.\d\d, growth 1k->10k (\d+\.\d\dx|n\/a)/;
