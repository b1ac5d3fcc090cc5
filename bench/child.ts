/**
 * One measured benchmark run, in its own process so its peak RSS is its own. Started by bench/run.ts from the
 * compiled copy of bench/ and lib/; prints one line `BENCH_RESULT {json}`.
 *
 *   node child.js ours --n <channels> --per-stack <channels per stack> --outdir <dir>
 *   node child.js bare --input <dir with ours' *.template.json> --outdir <dir>
 *
 * `ours` builds the channels with this library's constructs. `bare` builds the same resources as bare
 * `ros.RosResource` L1 calls from ours' synthesized templates: it reads and parses them before the clock starts, one
 * stack file at a time, and keeps only each resource's logical id, type and parsed `Properties` object (repeated
 * strings shared, as literals in code are), which the L1 then owns (as a hand-written L1 app owns its property
 * literals). Both sides then do the same thing: `new ros.App`, build, `app.synth()` into `outdir`.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ros from '@alicloud/ros-cdk-core';

/** What a child reports. */
export interface ChildResult {
  readonly side: 'ours' | 'bare';
  /** From `new ros.App` to the last construct built, in milliseconds. */
  readonly constructMs: number;
  /** `app.synth()`, writing the outdir, in milliseconds. */
  readonly synthMs: number;
  /** `process.resourceUsage().maxRSS` at the end, in kilobytes: the process's peak resident set. */
  readonly maxRssKb: number;
  /** Resident set before the clock started (after loading modules and, for `bare`, its input), in kilobytes. */
  readonly startRssKb: number;
  /** V8 heap in use after synth, in kilobytes. */
  readonly heapUsedKb: number;
  /** Stacks in the assembly. */
  readonly stacks: number;
  /** Resources built (bare side only; the runner counts ours from the templates). */
  readonly resources: number;
}

/** One resource of the bare side's input. */
type BareResource = [logicalId: string, type: string, properties: { [key: string]: unknown } | undefined];

function arg(args: string[], name: string): string {
  const i = args.indexOf(name);
  if (i < 0 || i + 1 >= args.length) {
    throw new Error(`missing ${name}`);
  }
  return args[i + 1];
}

function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Reads ours' templates into the minimal input the bare side needs, one stack file at a time. */
function loadBareInput(dir: string): Array<{ name: string; resources: BareResource[] }> {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.template.json')).sort();
  if (files.length === 0) {
    throw new Error(`bare: no *.template.json in ${dir}`);
  }
  // JSON.parse makes a new copy of every repeated string ('Allow', 'mns:SendMessage', each type name, ...); a program
  // that writes its L1 properties as literals shares them. Interned here, so the bare side holds no more than that.
  const strings = new Map<string, string>();
  const intern = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const known = strings.get(value);
      if (known !== undefined) {
        return known;
      }
      strings.set(value, value);
      return value;
    }
    if (Array.isArray(value)) {
      return value.map(intern);
    }
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, intern(v)]));
    }
    return value;
  };
  return files.map((file) => {
    const template = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { Resources?: { [id: string]: { [key: string]: any } } };
    const resources: BareResource[] = [];
    for (const [id, resource] of Object.entries(template.Resources ?? {})) {
      const extra = Object.keys(resource).filter((k) => k !== 'Type' && k !== 'Properties');
      if (extra.length > 0) {
        // the bare baseline would have to call more L1 APIs (addDependsOn, ...) to reproduce these
        throw new Error(`bare: ${file} resource ${id} has ${extra.join(', ')}; the bare baseline only reproduces Type and Properties`);
      }
      resources.push([id, intern(resource.Type) as string, intern(resource.Properties) as BareResource[2]]);
    }
    return { name: file.slice(0, -'.template.json'.length), resources };
  });
}

/** The bare side's whole app: one `new ros.RosResource` per resource, straight from the loop (see buildChannels). */
function buildBare(app: ros.App, input: Array<{ name: string; resources: BareResource[] }>): void {
  for (const spec of input) {
    const stack = new ros.Stack(app, spec.name);
    for (const [logicalId, type, properties] of spec.resources) {
      new ros.RosResource(stack, logicalId, { type, properties });
    }
  }
}

function main(): void {
  const args = process.argv.slice(2);
  const side = args[0];
  const outdir = arg(args, '--outdir');
  let build: (app: ros.App) => void;
  let resources = 0;

  if (side === 'ours') {
    // loaded here so the bare side does not load this library
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const wirings = require('./wirings') as typeof import('./wirings');
    const n = Number(arg(args, '--n'));
    const perStack = Number(arg(args, '--per-stack'));
    build = (app) => wirings.buildChannels(app, n, { channelsPerStack: perStack });
  } else if (side === 'bare') {
    let input: ReturnType<typeof loadBareInput> | undefined = loadBareInput(arg(args, '--input'));
    resources = input.reduce((sum, s) => sum + s.resources.length, 0);
    build = (app) => {
      buildBare(app, input!);
      // the input lists are garbage from here on; the property objects now belong to the L1s
      input = undefined;
    };
  } else {
    throw new Error(`usage: child.js ours|bare ...; got ${side}`);
  }

  const startRssKb = Math.round(process.memoryUsage().rss / 1024);
  const t0 = now();
  const app = new ros.App({ outdir });
  build(app);
  const t1 = now();
  const assembly = app.synth();
  const t2 = now();
  const result: ChildResult = {
    side,
    constructMs: t1 - t0,
    synthMs: t2 - t1,
    maxRssKb: process.resourceUsage().maxRSS,
    startRssKb,
    heapUsedKb: Math.round(process.memoryUsage().heapUsed / 1024),
    // (not `stack.template`: that reads the file back and would inflate the peak)
    stacks: assembly.stacks.length,
    resources,
  };
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
}

main();
