/**
 * Summarizes the `node --cpu-prof` profiles of one ours run and one bare run: self time by where the code lives
 * (this library, ros-cdk-core, the upstream packages, constructs, Node, GC) and ours' hottest functions. Both sides
 * load ros-cdk-ram, ros-cdk-oss and ros-cdk-fc3 (the user's own `ram.Role`, `oss.Bucket` and `fc3.Function` are built
 * with them on both) and ros-cdk-cms and ros-cdk-eventbridge (both sides write those types with their L1s, and the
 * FC 3.0 trigger and its role with `fc3.RosTrigger` and `ram.RosRole`). Both also load lib/ros/ess.ts, this library's
 * L1 of the user's own scaling group (`ess.RosScalingGroup`): the bare side's self time under "lib/ (ours)" is that
 * L1 and the helpers it calls, the user's cost on both sides.
 */
import * as fs from 'fs';
import * as path from 'path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function load(dir: string): Profile {
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (file === undefined) {
    throw new Error(`bench: no .cpuprofile in ${dir}`);
  }
  return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Profile;
}

function area(url: string, root: string): string {
  if (url === '') {
    return 'native/GC/idle';
  }
  const file = url.replace(/^file:\/\//, '');
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (m) {
    return m[1];
  }
  if (file.includes('/build/lib/') || file.startsWith(path.join(root, 'lib'))) {
    return 'lib/ (ours)';
  }
  if (file.includes('/build/bench/')) {
    return 'bench/';
  }
  return file.startsWith('node:') ? 'node internals' : file;
}

/** Self time in ms per node id (sampled). */
function selfTimes(p: Profile): Map<number, number> {
  const self = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) {
    self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  }
  return self;
}

/** Inclusive time (ms) of every node whose frame matches, not double counting recursion. */
function inclusive(p: Profile, match: (n: ProfileNode) => boolean): number {
  const self = selfTimes(p);
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const roots = new Set(p.nodes.map((n) => n.id));
  for (const n of p.nodes) {
    for (const c of n.children ?? []) {
      roots.delete(c);
    }
  }
  let total = 0;
  const walk = (id: number, inside: boolean): void => {
    const n = byId.get(id)!;
    const now = inside || match(n);
    if (now) {
      total += self.get(id) ?? 0;
    }
    for (const c of n.children ?? []) {
      walk(c, now);
    }
  };
  for (const r of roots) {
    walk(r, false);
  }
  return total;
}

function byArea(p: Profile, root: string): Map<string, number> {
  const self = selfTimes(p);
  const out = new Map<string, number>();
  for (const n of p.nodes) {
    const a = n.callFrame.functionName === '(garbage collector)' ? 'GC' : area(n.callFrame.url, root);
    out.set(a, (out.get(a) ?? 0) + (self.get(n.id) ?? 0));
  }
  return out;
}

function topFunctions(p: Profile, root: string, limit: number): Array<[string, number]> {
  const self = selfTimes(p);
  const out = new Map<string, number>();
  for (const n of p.nodes) {
    const f = n.callFrame;
    const where = f.url ? `${path.basename(f.url.replace(/^file:\/\//, ''))}:${f.lineNumber + 1} [${area(f.url, root)}]` : '';
    const key = `${f.functionName || '(anonymous)'} ${where}`.trim();
    out.set(key, (out.get(key) ?? 0) + (self.get(n.id) ?? 0));
  }
  return [...out.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit);
}

/** A text summary of both profiles. */
export function summarizeProfiles(oursDir: string, bareDir: string, root: string, n: number, stackTraces = true): string {
  const ours = load(oursDir);
  const bare = load(bareDir);
  const fmt = (m: Map<string, number>): string => [...m.entries()].sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${Math.round(v)} ms`).join(', ');
  const lines = [
    `bench: profile at n=${n}${stackTraces ? '' : ' traces off'} (${oursDir}, ${bareDir}; open the .cpuprofile files in Chrome DevTools for the call tree)`,
    `  ours self time by area: ${fmt(byArea(ours, root))}`,
    `  bare self time by area: ${fmt(byArea(bare, root))}`,
    `  ours inclusive: app.synth ${Math.round(inclusive(ours, (x) => x.callFrame.functionName === 'synth'))} ms, `
      + `stack-trace capture ${Math.round(inclusive(ours, (x) => x.callFrame.functionName === 'captureStackTrace'))} ms, `
      + `construct-tree findAll ${Math.round(inclusive(ours, (x) => x.callFrame.functionName === 'findAll'))} ms`,
    `  bare inclusive: app.synth ${Math.round(inclusive(bare, (x) => x.callFrame.functionName === 'synth'))} ms, `
      + `stack-trace capture ${Math.round(inclusive(bare, (x) => x.callFrame.functionName === 'captureStackTrace'))} ms, `
      + `construct-tree findAll ${Math.round(inclusive(bare, (x) => x.callFrame.functionName === 'findAll'))} ms`,
    '  ours hottest functions (self time):',
    ...topFunctions(ours, root, 25).map(([k, v]) => `    ${Math.round(v).toString().padStart(6)} ms  ${k}`),
  ];
  return lines.join('\n');
}
