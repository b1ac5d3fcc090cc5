/**
 * `npm run bench`: how much our constructs cost over hand-written L1 calls (bare `ros.RosResource`s, and the upstream
 * L1 classes this library builds on) that emit the same templates.
 *
 *   npm run bench                                   # N = 100, 1,000, 10,000, traces on and off; writes bench/RESULTS.md
 *   npm run bench -- --n 100 --out /tmp/b           # smoke run; RESULTS.md goes to /tmp/b/RESULTS.md
 *   npm run bench -- --n 10000 --profile            # also one --cpu-prof run of each side, summarized
 *
 * Options: `--n <list>` (comma-separated channel counts), `--reps <k>` (runs per side, N and trace setting; default
 * 5 / 3 / 1 for N < 1,000 / < 10,000 / larger, cut to fit `--budget <s>`, default 270), `--out <dir>` (outdirs and
 * the compiled copy; default bench/out), `--results <file>` (default bench/RESULTS.md, or `<out>/RESULTS.md` when
 * `--out` is given), `--profile`, `--traces on|off|both` (creation stack traces: each N is measured with core's
 * default, with `new ros.App({ stackTraces: false })` on both sides, or both ways; default both), `--no-stack-traces`
 * (the same as `--traces off`), `--lib <dir>` (benchmark a patched copy of lib/; the bundle size is still measured
 * with the repository's lib/).
 *
 * How it measures: bench/ and lib/ are transpiled once (TypeScript `transpileModule`, no type check, like
 * `ts-node --transpile-only`) into `<out>/build`, and every measured run is `node <out>/build/bench/child.js` in a
 * fresh process, for both sides, so neither pays for TypeScript and each has its own peak RSS. For each N (largest
 * first, so the repetitions of the smaller ones can be fitted into the budget), repetition and trace setting (on,
 * then off) the runner starts `ours` (our constructs), then `bare` (ours' first templates rebuilt: what ros-cdk-smq
 * emits as one L1 call each, the user's own constructs as ours builds them; see bench/ownership.ts), and checks
 * that every template file of both is byte-for-byte the same as ours' first one (exit 1 with `TEMPLATES DIFFER`
 * otherwise). Per side it reports medians; the ratios are medians of the ratio within each repetition. It prints one
 * line per N and trace setting (`bench: n=1000 (...)`, `bench: n=1000 traces off (...)`), then what traces off
 * saves, the traces-off ratios, and last the final line (traces on). bench/ANALYSIS.md (hand-written) is appended to
 * RESULTS.md.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ChildResult } from './child';
import {
  formatFinalLine, formatNLine, formatTracesGainLine, formatTracesOffLine, renderResults, Row, Summary, TARGETS, targetMisses,
} from './report';
import { Layout, measureLayout, WIRINGS } from './wirings';

const ROOT = path.resolve(__dirname, '..');

/** Which creation stack trace settings each N is measured with. */
export type TraceSetting = 'on' | 'off' | 'both';

/** Options of {@link runBench}. */
export interface BenchOptions {
  /** Channel counts. @default [100, 1000, 10000] */
  readonly ns?: number[];
  /** Runs per side, N and trace setting. @default 5 below 1,000 channels, 3 below 10,000, 1 from 10,000 */
  readonly reps?: number;
  /** Where the compiled copy and the outdirs go. @default bench/out */
  readonly out?: string;
  /** Where RESULTS.md goes. @default bench/RESULTS.md, or `<out>/RESULTS.md` when `out` is given */
  readonly results?: string;
  /** Also run each side once more at the largest N with `node --cpu-prof`, and summarize. @default false */
  readonly profile?: boolean;
  /**
   * Benchmark this copy of lib/ instead of the repository's (to try a change to lib/ before making it). Templates must
   * still be equal on both sides. @default lib/
   */
  readonly lib?: string;
  /**
   * Whether core records creation stack traces (construct metadata and tokens): `on` is its default, `off` makes both
   * sides' apps with `new ros.App({ stackTraces: false })`, `both` measures each N both ways (on first), with one
   * line each. @default both
   */
  readonly traces?: TraceSetting;
  /**
   * Wall-clock budget in seconds: repetitions beyond the first are skipped when they would not fit (with `reps` given,
   * every repetition runs). @default 270
   */
  readonly budgetS?: number;
  /** Where progress and result lines go. @default console.log */
  readonly log?: (line: string) => void;
}

/** Parses `--n 100,1000 --reps 3 --out dir --results file --profile --traces both`. */
export function parseArgs(argv: string[]): BenchOptions {
  const options: { -readonly [K in keyof BenchOptions]: BenchOptions[K] } = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) {
        throw new Error(`bench: ${flag} needs a value`);
      }
      return v;
    };
    switch (flag) {
      case '--n':
        options.ns = [...(options.ns ?? []), ...value().split(',').map((s) => parseCount(s))];
        break;
      case '--reps':
        options.reps = parseCount(value());
        break;
      case '--out':
        options.out = path.resolve(value());
        break;
      case '--results':
        options.results = path.resolve(value());
        break;
      case '--profile':
        options.profile = true;
        break;
      case '--traces': {
        const v = value();
        if (v !== 'on' && v !== 'off' && v !== 'both') {
          throw new Error(`bench: --traces must be on, off or both, got ${JSON.stringify(v)}`);
        }
        options.traces = v;
        break;
      }
      case '--no-stack-traces':
        options.traces = 'off';
        break;
      case '--budget':
        options.budgetS = parseCount(value());
        break;
      case '--lib':
        options.lib = path.resolve(value());
        break;
      default:
        throw new Error(`bench: unknown argument ${flag}; use --n <list> --reps <k> --out <dir> --results <file> --profile --traces on|off|both --no-stack-traces --budget <s> --lib <dir>`);
    }
  }
  return options;
}

function parseCount(text: string): number {
  const n = Number(text.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`bench: expected a positive integer, got ${JSON.stringify(text)}`);
  }
  return n;
}

/** Seconds the default run may take (the issue asks for under 5 minutes in all). */
const DEFAULT_BUDGET_S = 270;

function defaultReps(n: number): number {
  return n < 1000 ? 5 : n < 10000 ? 3 : 1;
}

/** Transpiles lib/ (or `libDir`) and bench/ to `<buildDir>/lib` and `<buildDir>/bench` (CommonJS, ES2022, no type check). */
export function compile(buildDir: string, libDir = path.join(ROOT, 'lib')): void {
  // loaded here: the children never need TypeScript
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof import('typescript');
  fs.rmSync(buildDir, { recursive: true, force: true });
  const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      return full === path.join(ROOT, 'bench', 'out') ? [] : walk(full);
    }
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
  });
  const sources = [
    ...walk(libDir).map((file) => ({ file, target: path.join(buildDir, 'lib', path.relative(libDir, file)) })),
    ...walk(path.join(ROOT, 'bench')).map((file) => ({ file, target: path.join(buildDir, 'bench', path.relative(path.join(ROOT, 'bench'), file)) })),
  ];
  for (const { file, target: tsTarget } of sources) {
    const out = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, sourceMap: false },
    });
    const target = tsTarget.replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, out.outputText);
  }
}

/** Runs one child (`stackTraces: false`: with `--stack-traces off`); throws with its stderr when it fails. */
function runChild(buildDir: string, args: string[], stackTraces: boolean, nodeFlags: string[] = []): ChildResult {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') };
  // the same plain node for both sides: no ts-node/jest hooks, no CDK CLI settings
  for (const key of ['NODE_OPTIONS', 'CDK_OUTDIR', 'CDK_CONTEXT_JSON', 'CDK_DISABLE_STACK_TRACE']) {
    delete env[key];
  }
  const child = spawnSync(process.execPath, [...nodeFlags, path.join(buildDir, 'bench', 'child.js'), ...args, ...(stackTraces ? [] : ['--stack-traces', 'off'])], {
    env,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = (child.stdout ?? '').split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  if (child.status !== 0 || line === undefined) {
    throw new Error(`bench: child ${args.join(' ')}${stackTraces ? '' : ' --stack-traces off'} failed (exit ${child.status}, signal ${child.signal}):\n${child.stderr}${child.stdout}`);
  }
  const result = JSON.parse(line.slice('BENCH_RESULT '.length)) as ChildResult;
  if (result.stackTraces !== stackTraces) {
    throw new Error(`bench: child ${args.join(' ')} ran with stack traces ${result.stackTraces ? 'on' : 'off'}, asked for ${stackTraces ? 'on' : 'off'}`);
  }
  return result;
}

function templateFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.template.json')).sort();
}

/**
 * Throws unless `actual` holds exactly the template files of `expected`, byte for byte. The message names the first
 * stack and line that differ.
 */
export function compareTemplates(expected: string, actual: string, what: string): void {
  const a = templateFiles(expected);
  const b = templateFiles(actual);
  if (a.length === 0) {
    throw new Error(`bench: TEMPLATES DIFFER (${what}): no templates in ${expected}`);
  }
  if (a.join('\n') !== b.join('\n')) {
    const missing = a.filter((f) => !b.includes(f));
    const extra = b.filter((f) => !a.includes(f));
    throw new Error(`bench: TEMPLATES DIFFER (${what}): stacks missing ${JSON.stringify(missing)}, extra ${JSON.stringify(extra)}`);
  }
  for (const file of a) {
    const x = fs.readFileSync(path.join(expected, file));
    const y = fs.readFileSync(path.join(actual, file));
    if (!x.equals(y)) {
      const xl = x.toString('utf8').split('\n');
      const yl = y.toString('utf8').split('\n');
      let line = 0;
      while (line < xl.length && xl[line] === yl[line]) {
        line++;
      }
      throw new Error(`bench: TEMPLATES DIFFER (${what}): ${file} line ${line + 1}: expected ${JSON.stringify(xl[line])}, got ${JSON.stringify(yl[line])}`
        + ` (${expected} vs ${actual})`);
    }
  }
}

/** Counts resources per template, checks the stack limit and the expected total, and sums the template bytes. */
function inspectTemplates(dir: string, expectedResources: number): { stacks: number; resources: number; bytes: number } {
  let resources = 0;
  let bytes = 0;
  const files = templateFiles(dir);
  for (const file of files) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    bytes += Buffer.byteLength(text);
    const count = Object.keys((JSON.parse(text) as { Resources?: object }).Resources ?? {}).length;
    if (count > 300) {
      throw new Error(`bench: ${file} has ${count} resources, more than ROS allows`);
    }
    resources += count;
  }
  if (resources !== expectedResources) {
    throw new Error(`bench: expected ${expectedResources} resources in ${dir}, found ${resources}`);
  }
  return { stacks: files.length, resources, bytes };
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function summarize(results: ChildResult[]): Row['ours'] {
  return {
    constructMs: median(results.map((r) => r.constructMs)),
    synthMs: median(results.map((r) => r.synthMs)),
    totalMs: median(results.map((r) => r.constructMs + r.synthMs)),
    maxRssKb: median(results.map((r) => r.maxRssKb)),
    startRssKb: median(results.map((r) => r.startRssKb)),
    heapUsedKb: median(results.map((r) => r.heapUsedKb)),
    runs: results.length,
  };
}

/**
 * Runs the benchmark, prints one line per N and trace setting, the traces-off summary lines and the final line, writes
 * RESULTS.md, and returns the summary.
 */
export function runBench(options: BenchOptions = {}): Summary {
  const log = options.log ?? ((line: string) => console.log(line));
  const started = Date.now();
  const ns = options.ns ?? [100, 1000, 10000];
  const out = options.out ?? path.join(ROOT, 'bench', 'out');
  const resultsPath = options.results ?? (options.out !== undefined ? path.join(out, 'RESULTS.md') : path.join(ROOT, 'bench', 'RESULTS.md'));
  const buildDir = path.join(out, 'build');
  const traces = options.traces ?? 'both';
  const settings: boolean[] = traces === 'both' ? [true, false] : [traces === 'on'];

  // other work on this 2-core machine skews the numbers: recorded in RESULTS.md
  const loadAverage = os.loadavg()[0];
  const layout: Layout = measureLayout();
  log(`bench: wirings per channel: ${WIRINGS.map((w) => w.name).join(', ')}`);
  log(`bench: ${layout.resourcesPerChannel} resources per channel, ${layout.channelsPerStack} channels per stack (at most 300 resources)`);
  compile(buildDir, options.lib);
  if (options.lib !== undefined) {
    log(`bench: benchmarking lib/ from ${options.lib}`);
  }

  const budgetMs = (options.budgetS ?? DEFAULT_BUDGET_S) * 1000;
  const rows: Row[] = [];
  // largest N first: it runs once, and the repetitions of the smaller Ns are fitted into what is left of the budget
  const order = [...new Set(ns)].sort((x, y) => y - x);
  for (const [index, n] of order.entries()) {
    const reps = options.reps ?? defaultReps(n);
    const dir = path.join(out, `n${n}`);
    /** Where each setting's first ours run and latest bare run go (kept: the outdir sizes are measured there). */
    const dirs = (on: boolean): { ours: string; bare: string } => (on
      ? { ours: path.join(dir, 'ours'), bare: path.join(dir, 'bare') }
      : { ours: path.join(dir, 'ours-traces-off'), bare: path.join(dir, 'bare-traces-off') });
    // ours' first run: every template of every run of this N is compared with it, and the bare side is built from it
    const baseline = dirs(settings[0]).ours;
    const oursAgain = path.join(dir, 'ours-again');
    fs.rmSync(dir, { recursive: true, force: true });
    const results = new Map<boolean, { ours: ChildResult[]; bare: ChildResult[] }>(settings.map((on) => [on, { ours: [], bare: [] }]));
    let shape = { stacks: 0, resources: 0, bytes: 0 };
    let slowestRepMs = 0;
    for (let rep = 0; rep < reps; rep++) {
      if (rep > 0 && options.reps === undefined) {
        // one more repetition here, then at least one of each smaller N (estimated as linear in N) must fit
        const rest = order.slice(index + 1).reduce((sum, m) => sum + Math.max(2000 * settings.length, (slowestRepMs * m) / n), 0);
        if (Date.now() - started + slowestRepMs + rest > budgetMs) {
          log(`bench: n=${n}: stopping after ${rep} repetitions to stay within ${budgetMs / 1000} s`);
          break;
        }
      }
      const repStarted = Date.now();
      for (const on of settings) {
        const what = `n=${n}${on ? '' : ' traces off'}`;
        const oursDir = rep === 0 ? dirs(on).ours : oursAgain;
        fs.rmSync(oursDir, { recursive: true, force: true });
        results.get(on)!.ours.push(runChild(buildDir, ['ours', '--n', String(n), '--per-stack', String(layout.channelsPerStack), '--outdir', oursDir], on));
        if (oursDir === baseline) {
          shape = inspectTemplates(baseline, n * layout.resourcesPerChannel);
        } else {
          compareTemplates(baseline, oursDir, `ours is not deterministic at ${what}`);
        }
        const bareDir = dirs(on).bare;
        fs.rmSync(bareDir, { recursive: true, force: true });
        results.get(on)!.bare.push(runChild(buildDir, ['bare', '--input', baseline, '--outdir', bareDir], on));
        compareTemplates(baseline, bareDir, `ours vs bare at ${what}`);
      }
      slowestRepMs = Math.max(slowestRepMs, Date.now() - repStarted);
    }
    fs.rmSync(oursAgain, { recursive: true, force: true });
    for (const on of settings) {
      const { ours, bare } = results.get(on)!;
      const ratios = {
        time: median(ours.map((o, i) => (o.constructMs + o.synthMs) / (bare[i].constructMs + bare[i].synthMs))),
        memory: median(ours.map((o, i) => o.maxRssKb / bare[i].maxRssKb)),
      };
      const row: Row = {
        n, stackTraces: on, ...shape, outdirBytes: { ours: dirBytes(dirs(on).ours), bare: dirBytes(dirs(on).bare) },
        ours: summarize(ours), bare: summarize(bare), ratios,
      };
      rows.push(row);
      log(formatNLine(row));
    }
  }
  rows.sort((x, y) => x.n - y.n || Number(y.stackTraces) - Number(x.stackTraces));

  let profile: string | undefined;
  if (options.profile) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { summarizeProfiles } = require('./profile') as typeof import('./profile');
    const n = Math.max(...ns);
    // with the first trace setting measured (on, unless only off was asked for)
    const on = settings[0];
    const profDir = path.join(out, 'profile');
    fs.rmSync(profDir, { recursive: true, force: true });
    const input = path.join(out, `n${n}`, on ? 'ours' : 'ours-traces-off');
    runChild(buildDir, ['ours', '--n', String(n), '--per-stack', String(layout.channelsPerStack), '--outdir', path.join(profDir, 'ours-out')], on,
      ['--cpu-prof', '--cpu-prof-dir', path.join(profDir, 'ours'), '--cpu-prof-interval', '500']);
    runChild(buildDir, ['bare', '--input', input, '--outdir', path.join(profDir, 'bare-out')], on,
      ['--cpu-prof', '--cpu-prof-dir', path.join(profDir, 'bare'), '--cpu-prof-interval', '500']);
    profile = summarizeProfiles(path.join(profDir, 'ours'), path.join(profDir, 'bare'), ROOT, n, on);
    log(profile);
  }

  const summary: Summary = {
    rows,
    wirings: WIRINGS.map((w) => w.name),
    layout,
    machine: { ...machine(), loadAverage },
    stackTraces: settings,
    lib: options.lib,
    profile,
    elapsedS: (Date.now() - started) / 1000,
    resultsPath,
  };
  for (const miss of targetMisses(summary)) {
    log(`bench: target missed: ${miss}`);
  }
  fs.mkdirSync(path.dirname(resultsPath), { recursive: true });
  const analysisFile = path.join(ROOT, 'bench', 'ANALYSIS.md');
  const analysis = fs.existsSync(analysisFile) ? fs.readFileSync(analysisFile, 'utf8') : undefined;
  fs.writeFileSync(resultsPath, renderResults(summary, analysis));
  log(`bench: wrote ${path.relative(process.cwd(), resultsPath) || resultsPath} in ${summary.elapsedS.toFixed(0)} s`);
  for (const line of [formatTracesGainLine(summary), formatTracesOffLine(summary)]) {
    if (line !== undefined) {
      log(line);
    }
  }
  log(formatFinalLine(summary));
  return summary;
}

function dirBytes(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true })
    .reduce((sum, e) => sum + (e.isDirectory() ? dirBytes(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).size), 0);
}

function machine(): Omit<Summary['machine'], 'loadAverage'> {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    memoryGb: os.totalmem() / 1024 ** 3,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
  };
}

export { TARGETS };

if (require.main === module) {
  try {
    runBench(parseArgs(process.argv.slice(2)));
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
