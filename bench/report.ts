/**
 * The benchmark's printed lines and RESULTS.md.
 */
import { LIBRARY, USER_CONSTRUCTS } from './ownership';
import type { Layout } from './wirings';

/** `a`, `a and b`, `a, b and c`. */
function list(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The user's own constructs, as `ram.Role`, `oss.Bucket`, `fc3.Function` and `ess.RosScalingGroup` (code spans). */
const userConstructs = (): string => list(USER_CONSTRUCTS.map((c) => `\`${c.name}\``));

/** How the bare side writes what ros-cdk-smq emits, in words, from bench/ownership.ts. */
function libraryWriters(): string {
  const typed = LIBRARY.filter((t) => t.l1 !== undefined);
  const bare = LIBRARY.filter((t) => t.l1 === undefined);
  return `${list(typed.map((t) => `\`${t.l1!.name}\` (${t.type})`))} with those upstream L1 classes, as this library does; `
    + `${list(bare.map((t) => `\`${t.type}\``))} as bare \`ros.RosResource\`s`;
}

/** Median figures of one side at one N. */
export interface SideStats {
  readonly constructMs: number;
  readonly synthMs: number;
  /** Median of construct + synth per run. */
  readonly totalMs: number;
  /** Peak RSS (`process.resourceUsage().maxRSS`), kilobytes. */
  readonly maxRssKb: number;
  /** RSS when the clock started, kilobytes. */
  readonly startRssKb: number;
  /** V8 heap in use after synth, kilobytes. */
  readonly heapUsedKb: number;
  /** Runs the medians are taken over. */
  readonly runs: number;
}

/** The results at one N, with creation stack traces on or off. */
export interface Row {
  /** Channels. */
  readonly n: number;
  /** Whether core recorded creation stack traces (its default) or both sides' apps had `stackTraces: false`. */
  readonly stackTraces: boolean;
  readonly stacks: number;
  readonly resources: number;
  /** Bytes of all `*.template.json` files (the same for both sides). */
  readonly bytes: number;
  /** Bytes of the whole outdir (templates, manifest.json with creation stack traces when on, tree.json). */
  readonly outdirBytes: { readonly ours: number; readonly bare: number };
  readonly ours: SideStats;
  readonly bare: SideStats;
  /**
   * ours / bare, each the median over the repetitions of the ratio within one repetition (ours and bare run back to
   * back, so a slow spell of this shared machine affects both sides of a ratio alike).
   */
  readonly ratios: { readonly time: number; readonly memory: number };
}

/** Everything RESULTS.md is made from. */
export interface Summary {
  readonly rows: Row[];
  readonly wirings: string[];
  readonly layout: Layout;
  readonly machine: { cores: number; cpu: string; memoryGb: number; node: string; os: string; date: string; loadAverage: number };
  /** The trace settings each N was measured with, in the order they were run: `true` is core's default. */
  readonly stackTraces: readonly boolean[];
  /** A patched lib/ benchmarked instead of the repository's. */
  readonly lib?: string;
  /** The `--profile` summary, when profiles were taken. */
  readonly profile?: string;
  readonly elapsedS: number;
  readonly resultsPath: string;
}

/** The targets of the issue. */
export const TARGETS = { timeRatio: 1.3, memoryRatio: 1.2, growth: 11 } as const;

/** ours / bare, total construct + synth time. */
export function timeRatio(row: Row): number {
  return row.ratios.time;
}

/** ours / bare, peak RSS. */
export function memoryRatio(row: Row): number {
  return row.ratios.memory;
}

/**
 * The rows the final line and the targets are about: those with creation traces on (core's default), or, when only
 * traces off were measured, those.
 */
export function primaryRows(rows: readonly Row[]): Row[] {
  const on = rows.filter((r) => r.stackTraces);
  return on.length > 0 ? on : [...rows];
}

/**
 * Our (or the bare side's) total time at 10,000 channels over that at 1,000, when both were run; `rows` must be of one
 * trace setting.
 */
export function growth(rows: readonly Row[], side: 'ours' | 'bare' = 'ours'): number | undefined {
  const k1 = rows.find((r) => r.n === 1000);
  const k10 = rows.find((r) => r.n === 10000);
  return k1 && k10 ? k10[side].totalMs / k1[side].totalMs : undefined;
}

const ms = (v: number): string => `${Math.round(v)} ms`;
const mb = (kb: number): string => `${(kb / 1024).toFixed(0)} MB`;
const bytesMb = (b: number): string => `${(b / 1024 / 1024).toFixed(2)} MB`;

function side(name: string, s: SideStats): string {
  return `${name} construct ${ms(s.constructMs)} + synth ${ms(s.synthMs)} = ${ms(s.totalMs)}, peak RSS ${mb(s.maxRssKb)}`;
}

/** One line per N and trace setting: both sides and the ratios; `traces off` after the N when traces were off. */
export function formatNLine(row: Row): string {
  return `bench: n=${row.n}${row.stackTraces ? '' : ' traces off'} (${row.stacks} stacks, ${row.resources} resources, templates ${bytesMb(row.bytes)} each side, `
    + `median of ${row.ours.runs}): ${side('ours', row.ours)} | ${side('bare', row.bare)} | ours/bare time ${timeRatio(row).toFixed(2)}, `
    + `memory ${memoryRatio(row).toFixed(2)}`;
}

function ratiosText(rows: readonly Row[]): string {
  const worstTime = Math.max(...rows.map(timeRatio));
  const worstMemory = Math.max(...rows.map(memoryRatio));
  const g = growth(rows);
  return `time ratio ${worstTime.toFixed(2)}, memory ratio ${worstMemory.toFixed(2)}, growth 1k->10k ${g === undefined ? 'n/a' : `${g.toFixed(2)}x`}`;
}

/**
 * `bench: time ratio X.XX, memory ratio Y.YY, growth 1k->10k Z.ZZx`: worst ratios over the Ns of {@link primaryRows}
 * (creation traces on, when measured).
 */
export function formatFinalLine(summary: Pick<Summary, 'rows'>): string {
  return `bench: ${ratiosText(primaryRows(summary.rows))}`;
}

/**
 * `bench: traces off: time ratio X.XX, memory ratio Y.YY, growth 1k->10k Z.ZZx`, the final line's figures for the rows
 * with creation traces off; `undefined` when they were not measured or are the final line's own.
 */
export function formatTracesOffLine(summary: Pick<Summary, 'rows'>): string | undefined {
  const off = summary.rows.filter((r) => !r.stackTraces);
  return off.length > 0 && off.length < summary.rows.length ? `bench: traces off: ${ratiosText(off)}` : undefined;
}

/** What `stackTraces: false` changes at one N, for each side: the off figures over the on ones. */
export interface TracesGain {
  readonly n: number;
  readonly ours: { readonly time: number; readonly memory: number };
  readonly bare: { readonly time: number; readonly memory: number };
}

/** {@link TracesGain} for every N measured both ways. */
export function tracesGains(rows: readonly Row[]): TracesGain[] {
  const gains: TracesGain[] = [];
  for (const on of rows.filter((r) => r.stackTraces)) {
    const off = rows.find((r) => !r.stackTraces && r.n === on.n);
    if (off !== undefined) {
      const of = (s: 'ours' | 'bare'): TracesGain['ours'] => ({ time: off[s].totalMs / on[s].totalMs, memory: off[s].maxRssKb / on[s].maxRssKb });
      gains.push({ n: on.n, ours: of('ours'), bare: of('bare') });
    }
  }
  return gains.sort((x, y) => x.n - y.n);
}

/**
 * `bench: traces off / on, ours: n=100 time 0.80, peak RSS 0.90; ...`: what an app gains from `stackTraces: false`
 * (medians off over medians on); `undefined` unless some N was measured both ways.
 */
export function formatTracesGainLine(summary: Pick<Summary, 'rows'>): string | undefined {
  const gains = tracesGains(summary.rows);
  return gains.length === 0 ? undefined
    : `bench: traces off / on, ours: ${gains.map((g) => `n=${g.n} time ${g.ours.time.toFixed(2)}, peak RSS ${g.ours.memory.toFixed(2)}`).join('; ')}`;
}

/** The targets missed (at {@link primaryRows}), in words; empty when all are met. */
export function targetMisses(summary: Pick<Summary, 'rows'>): string[] {
  const misses: string[] = [];
  const rows = primaryRows(summary.rows);
  for (const row of rows) {
    if (timeRatio(row) > TARGETS.timeRatio) {
      misses.push(`time ratio ${timeRatio(row).toFixed(2)} > ${TARGETS.timeRatio} at n=${row.n}`);
    }
    if (memoryRatio(row) > TARGETS.memoryRatio) {
      misses.push(`memory ratio ${memoryRatio(row).toFixed(2)} > ${TARGETS.memoryRatio} at n=${row.n}`);
    }
  }
  const g = growth(rows);
  if (g !== undefined && g > TARGETS.growth) {
    misses.push(`growth 1k->10k ${g.toFixed(2)}x > ${TARGETS.growth}x`);
  }
  return misses;
}

const traces = (r: Row): string => (r.stackTraces ? 'on' : 'off');

/** RESULTS.md: machine, method, tables, targets, then the hand-written analysis (bench/ANALYSIS.md) if there is one. */
export function renderResults(summary: Summary, analysis?: string): string {
  const m = summary.machine;
  const rows = [...summary.rows].sort((x, y) => x.n - y.n || Number(y.stackTraces) - Number(x.stackTraces));
  const settings = summary.stackTraces.map((on) => (on ? 'on (core\'s default)' : 'off (`new ros.App({ stackTraces: false })` on both sides)'));
  const lines: string[] = [
    '# Benchmark results',
    '',
    '<!-- Written by `npm run bench` (bench/run.ts); the analysis section is bench/ANALYSIS.md. Do not edit by hand. -->',
    '',
    `Run on ${m.date}: ${m.cores} cores (${m.cpu}), ${m.memoryGb.toFixed(1)} GB memory, Node ${m.node}, ${m.os}; `
      + `1-minute load average ${m.loadAverage.toFixed(2)} at the start; the whole run took ${summary.elapsedS.toFixed(0)} s.`,
    '',
    `Creation stack traces: each N measured with traces ${settings.join(' and with traces ')}.`
      + (summary.lib !== undefined ? ` lib/ benchmarked from ${summary.lib}, not the repository's.` : ''),
    '',
    `Each channel: ${summary.wirings.join(', ')} = ${summary.layout.resourcesPerChannel} resources; `
      + `${summary.layout.channelsPerStack} channels per stack (ROS allows 300 resources per stack). The user's own ${userConstructs()} `
      + 'are built the same way on both sides; the bare side writes the rest (what ros-cdk-smq emits) as L1s: '
      + `${libraryWriters()}.`,
    '',
    '| N | traces | stacks | resources | template bytes | ours construct | ours synth | ours total | ours peak RSS | bare construct | bare synth | bare total | bare peak RSS | time ours/bare | memory ours/bare |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.n} | ${traces(r)} | ${r.stacks} | ${r.resources} | ${r.bytes} | ${ms(r.ours.constructMs)} | ${ms(r.ours.synthMs)} | `
      + `${ms(r.ours.totalMs)} | ${mb(r.ours.maxRssKb)} | ${ms(r.bare.constructMs)} | ${ms(r.bare.synthMs)} | ${ms(r.bare.totalMs)} | `
      + `${mb(r.bare.maxRssKb)} | ${timeRatio(r).toFixed(2)} | ${memoryRatio(r).toFixed(2)} |`),
    '',
    `Times and peak RSS are medians over ${rows.map((r) => `${r.ours.runs} (N=${r.n}, traces ${traces(r)})`).join(', ')} runs per side. `
      + 'Templates are byte-for-byte equal on both sides and with traces on and off (checked on every run).',
    '',
    '| N | traces | RSS at start ours / bare | heap after synth ours / bare | whole outdir ours / bare (templates, manifest.json with creation traces when on, tree.json) |',
    '|---:|---|---:|---:|---:|',
    ...rows.map((r) => `| ${r.n} | ${traces(r)} | ${mb(r.ours.startRssKb)} / ${mb(r.bare.startRssKb)} | ${mb(r.ours.heapUsedKb)} / ${mb(r.bare.heapUsedKb)} | `
      + `${bytesMb(r.outdirBytes.ours)} / ${bytesMb(r.outdirBytes.bare)} |`),
    '',
  ];
  const gains = tracesGains(rows);
  if (gains.length > 0) {
    lines.push(
      '### What `stackTraces: false` changes',
      '',
      'Each side\'s median with traces off over its median with traces on (below 1: faster, smaller).',
      '',
      '| N | ours time off/on | ours peak RSS off/on | bare time off/on | bare peak RSS off/on |',
      '|---:|---:|---:|---:|---:|',
      ...gains.map((g) => `| ${g.n} | ${g.ours.time.toFixed(2)} | ${g.ours.memory.toFixed(2)} | ${g.bare.time.toFixed(2)} | ${g.bare.memory.toFixed(2)} |`),
      '',
    );
  }
  const primary = primaryRows(rows);
  const offLine = formatTracesOffLine(summary);
  lines.push(
    '## Targets',
    '',
    `Time ratio at most ${TARGETS.timeRatio} and memory ratio at most ${TARGETS.memoryRatio} at every N; growth from 1,000 to 10,000 channels `
      + `at most ${TARGETS.growth}x. Checked with traces ${primary[0]?.stackTraces === false ? 'off' : 'on'} (the final line)`
      + `${offLine !== undefined ? '; the traces-off line is for comparison' : ''}.`,
    '',
    '```',
    ...(offLine !== undefined ? [offLine] : []),
    formatFinalLine(summary),
    '```',
    '',
  );
  const bareGrowth = growth(primary, 'bare');
  if (bareGrowth !== undefined) {
    lines.push(`For reference, the bare side's growth from 1,000 to 10,000 channels in this run: ${bareGrowth.toFixed(2)}x.`, '');
  }
  const misses = targetMisses(summary);
  lines.push(misses.length === 0 ? 'All targets met in this run.' : `Missed in this run: ${misses.join('; ')}.`, '');
  lines.push(
    '## How it is measured',
    '',
    '- **Runner.** `npm run bench` transpiles bench/ and lib/ once with TypeScript\'s `transpileModule` (no type check, the same as '
      + '`ts-node --transpile-only`) into `bench/out/build`, then starts every measured run as a fresh `node bench/out/build/bench/child.js` '
      + 'process, for both sides alike: no TypeScript compiler in either child, and each child\'s peak RSS is its own. No warm-up: each '
      + 'run is one cold build + synth, like a `ros-cdk synth`. Per N and repetition it runs ours then bare with traces on, then ours '
      + 'then bare with traces off.',
    '- **Ours.** `new ros.App({ outdir })`, then the channels are built with this library (bench/wirings.ts), then `app.synth()`. '
      + 'Construct time is `new App` to the last construct; synth time is `app.synth()`, which writes the templates, manifest.json and tree.json.',
    '- **Bare.** The same templates from ours\' synthesized ones of the same N, into stacks of the same names, resource by resource in '
      + 'template order, then `app.synth()` the same way. Which resources are whose is decided in one place, bench/ownership.ts: '
      + `the user's own constructs (the channel's ${userConstructs()}, logical ids ${list(USER_CONSTRUCTS.map((c) => `\`${c.logicalId(0).slice(0, -1)}{i}\``))}) are built by the very function ours uses, `
      + 'with their upstream class (the scaling group with this library\'s own L1 `ess.RosScalingGroup`: no upstream package has the type), '
      + 'so ros-cdk-ram\'s, ros-cdk-oss\'s and ros-cdk-fc3\'s cost, and lib/ros/ess.ts\'s, is on both sides; what ros-cdk-smq emits is '
      + `written as one L1 call per resource: ${libraryWriters()} (\`new ros.RosResource(stack, logicalId, { type, properties })\`); `
      + 'anything else fails the run. An upstream L1 gets `stack.enableResourcePropertyConstraint` as its last argument, as this library '
      + 'passes it, so both sides pay the same property validation. The input is read and '
      + 'parsed before the clock starts, one stack file at a time (so at most one file\'s text is alive at once), and the child keeps '
      + 'only the logical id, the writer and the properties per L1, with repeated strings shared (as literals in code are; `JSON.parse` would '
      + 'copy each): for a bare `ros.RosResource` the parsed `Properties` object, for an upstream L1 its props written out field by field '
      + 'from it (intrinsic functions kept as the template has them). The L1 keeps them as its '
      + 'properties, just as a hand-written L1 app keeps its property literals; the wrapper lists are dropped once the resources are built. '
      + 'So the bare side holds no second copy of the templates, and ours holds no input at all. The bare child loads '
      + '`@alicloud/ros-cdk-ram`, `-oss`, `-fc3`, `-cms` and `-eventbridge`, and of this library only lib/ros/ess.ts (for the user\'s '
      + '`ess.RosScalingGroup`, with the validation and rendering helpers it imports), not its constructs; loading them is part of our cost.',
    '- **Traces off.** The same two runs with `new ros.App({ outdir, stackTraces: false })` on both sides, what an app writes to turn '
      + 'creation stack traces off (core then sets `CDK_DISABLE_STACK_TRACE` for the rest of the process, so its tokens skip them too).',
    '- **Equality.** After every run the runner compares every `*.template.json` of the run byte for byte with ours\' first run of '
      + 'that N and fails (`TEMPLATES DIFFER`, naming the stack and line) otherwise; it also checks the resource count '
      + '(N x resources per channel) and the 300-resource limit per stack.',
    '- **Figures.** Times from `process.hrtime`; peak RSS is `process.resourceUsage().maxRSS` at the end of the child (it includes '
      + 'Node itself and the loaded modules, about the "RSS at start" figure). The tables show medians per side; the ratios are the '
      + 'median over the repetitions of ours / bare within one repetition (the two sides run back to back, so a slow spell of the '
      + 'machine hits both). The final line\'s ratios are the worst over the Ns with traces on; growth is our median total time at '
      + '10,000 channels over that at 1,000.',
    '',
  );
  if (summary.profile !== undefined) {
    lines.push('## Profile of this run', '', '```', summary.profile, '```', '');
  }
  if (analysis !== undefined) {
    lines.push(analysis.trim(), '');
  }
  return lines.join('\n');
}
