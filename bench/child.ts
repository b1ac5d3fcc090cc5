/**
 * One measured benchmark run, in its own process so its peak RSS is its own. Started by bench/run.ts from the
 * compiled copy of bench/ and lib/; prints one line `BENCH_RESULT {json}`.
 *
 *   node child.js ours --n <channels> --per-stack <channels per stack> --outdir <dir> [--stack-traces off]
 *   node child.js bare --input <dir with ours' *.template.json> --outdir <dir> [--stack-traces off]
 *
 * `ours` builds the channels with this library's constructs. `bare` builds the same templates from ours' synthesized
 * ones: it reads and parses them before the clock starts, one stack file at a time, and sorts each resource with
 * bench/ownership.ts. A resource ros-cdk-smq emits becomes one L1 call: a bare `ros.RosResource`, or the upstream L1
 * class ownership.ts names for its type (`eventbridge.RosRule`, `cms.RosResourceMetricRule`, ...), whose props it
 * writes out from the template's `Properties`. The child keeps only its logical id, how it is written and those
 * properties (repeated strings shared, as literals in code are), which the L1 then owns (as a hand-written L1 app owns
 * its property literals). A user's own construct (the channel's `ram.Role` and `oss.Bucket`) is built with its
 * upstream class by the same code ours uses, so its cost is on both sides. Resources are built in template order, so
 * the templates come out byte for byte the same. Both sides then do the same thing: `new ros.App({ outdir })` (with
 * `stackTraces: false` when `--stack-traces off`), build, `app.synth()` into `outdir`.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ros from '@alicloud/ros-cdk-core';
import { classify, LibraryType, UserConstruct } from './ownership';

/** What a child reports. */
export interface ChildResult {
  readonly side: 'ours' | 'bare';
  /** Whether core recorded creation stack traces (`false`: the app was made with `stackTraces: false`). */
  readonly stackTraces: boolean;
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

/**
 * One resource of the bare side's input: an L1 of what ros-cdk-smq emits (its props: the template's `Properties` for a
 * bare `ros.RosResource`, the upstream L1's props otherwise) or the user's own construct of a channel.
 */
export type BareResource =
  | [logicalId: string, writer: LibraryType, props: { [key: string]: unknown } | undefined]
  | [user: UserConstruct, channel: number];

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
export function loadBareInput(dir: string): Array<{ name: string; resources: BareResource[] }> {
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
      const owner = classify(id, resource.Type);
      if (owner.owner === 'user') {
        // built by the same code as ours': nothing of the template is kept
        resources.push([owner.construct, owner.channel]);
      } else {
        const properties = intern(resource.Properties) as { [key: string]: unknown } | undefined;
        const l1 = owner.writer.l1;
        // an upstream L1's props, written out before the clock starts, as a hand-written app has them in its code
        resources.push([id, owner.writer, (l1 === undefined ? properties : l1.props(properties ?? {}, `${file} resource ${id} Properties`)) as { [key: string]: unknown }]);
      }
    }
    return { name: file.slice(0, -'.template.json'.length), resources };
  });
}

/**
 * The bare side's whole app, in template order: one L1 call per resource ros-cdk-smq emits, straight from the loop
 * (see buildChannels; `new ros.RosResource`, or `new` of the upstream L1 class with the same constraint flag as this
 * library passes), and the user's own constructs as ours makes them.
 */
export function buildBare(app: ros.App, input: Array<{ name: string; resources: BareResource[] }>): void {
  for (const spec of input) {
    const stack = new ros.Stack(app, spec.name);
    for (const resource of spec.resources) {
      if (resource.length === 2) {
        resource[0].create(stack, resource[1]);
      } else if (resource[1].l1 === undefined) {
        new ros.RosResource(stack, resource[0], { type: resource[1].type, properties: resource[2] });
      } else {
        new resource[1].l1.class(stack, resource[0], resource[2], stack.enableResourcePropertyConstraint);
      }
    }
  }
}

function main(): void {
  const args = process.argv.slice(2);
  const side = args[0];
  const outdir = arg(args, '--outdir');
  const traces = args.includes('--stack-traces') ? arg(args, '--stack-traces') : 'on';
  if (traces !== 'on' && traces !== 'off') {
    throw new Error(`--stack-traces must be on or off; got ${traces}`);
  }
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
  // what an app does to turn creation traces off (core then sets CDK_DISABLE_STACK_TRACE for the process itself)
  const app = new ros.App(traces === 'off' ? { outdir, stackTraces: false } : { outdir });
  build(app);
  const t1 = now();
  const assembly = app.synth();
  const t2 = now();
  const result: ChildResult = {
    side,
    stackTraces: traces === 'on',
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

// the runner starts this file; the smoke test imports loadBareInput and buildBare
if (require.main === module) {
  main();
}
