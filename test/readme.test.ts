/**
 * The README's runnable snippets run as written (imports of `ros-cdk-smq` pointed at `lib/`), and print what their
 * comments say; the README's rule table is the one `SmqChecks.rules()` gives.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { SmqChecks } from '../lib/checks';

const ROOT = path.join(__dirname, '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The ```ts block right after `<!-- snippet:<name> -->`. */
function snippet(name: string): string {
  const marker = `<!-- snippet:${name} -->\n\`\`\`ts\n`;
  const start = README.indexOf(marker);
  expect(start).toBeGreaterThan(-1);
  const body = README.slice(start + marker.length);
  return body.slice(0, body.indexOf('\n```'));
}

/** Runs a snippet in a fresh Node.js process with `ros-cdk-smq` mapped to lib/; returns what it printed. */
function run(name: string, prepare?: (dir: string) => void): { out: string; outdir: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `smq-readme-${name}-`));
  prepare?.(dir);
  const code = snippet(name).replace(/from 'ros-cdk-smq'/g, `from ${JSON.stringify(path.join(ROOT, 'lib'))}`);
  const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
  const file = path.join(dir, 'snippet.js');
  // lib/ is TypeScript: ts-node compiles what the snippet requires from it
  fs.writeFileSync(file, js);
  const outdir = path.join(dir, 'cdk.out');
  const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', file], {
    cwd: dir, env: { ...process.env, CDK_OUTDIR: outdir, NODE_PATH: path.join(ROOT, 'node_modules'), TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json') }, encoding: 'utf8', stdio: 'pipe',
  });
  return { out, outdir, dir };
}

/** A cloud assembly of the example app in `dir/cdk.out`, as `ros-cdk synth` writes it. */
function synthExampleApp(dir: string): void {
  const { buildApp } = require('../examples/app') as typeof import('../examples/app');
  buildApp(path.join(dir, 'cdk.out')).synth();
}

/** The short rule table of the README, from the rules themselves. */
function rulesBlock(): string {
  const rows = SmqChecks.rules().map((r) => `| ${r.id} | ${r.level} | ${r.title.replace(/\|/g, '\\|')} |`);
  return ['<!-- rules:begin -->', '| Rule | Level | Flags |', '|---|---|---|', ...rows, '<!-- rules:end -->'].join('\n');
}

describe('README', () => {
  test('the rule table lists every rule of SmqChecks, with its level', () => {
    const start = README.indexOf('<!-- rules:begin -->');
    const end = README.indexOf('<!-- rules:end -->') + '<!-- rules:end -->'.length;
    const block = README.slice(start, end);
    if (block !== rulesBlock()) {
      throw new Error(`the README's rule table is out of date; replace the block between the rules markers with:\n${rulesBlock()}`);
    }
  });

  test('the rule pack snippet synthesizes, prints the summary its comment shows, and writes the report with the suppression', () => {
    const { out, outdir } = run('checks');
    expect(out).toContain('smq-checks: 0 errors, 0 warnings, 1 suppressed (cdk.out/smq-checks.json)');
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'smq-checks.json'), 'utf8'));
    expect(report.findings).toEqual([]);
    expect(report.suppressions).toEqual([expect.objectContaining({ ruleId: 'SMQ-007', path: 'Shop/Audit', reason: 'the audit stack subscribes its archive queue by name' })]);
  }, 60_000);

  test('the route simulator snippet walks the upload to the function and says why the other key is dropped', () => {
    const { out } = run('routes');
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe("[ 'Media/Uploads', 'Media/Jobs', 'Media/Transcode' ]");
    expect(lines[1]).toBe('key "out/cat.png" matches no filter of the rule (prefix "in/" and suffix ".jpg")');
    // the comments in the README say the same
    expect(snippet('routes')).toContain(`// ${lines[0]}`);
    expect(snippet('routes')).toContain(`// ${lines[1]}`);
  }, 60_000);

  test('the graph snippet draws the example app\'s cloud assembly as a Mermaid flowchart with every channel', () => {
    const { dir } = run('graph', synthExampleApp);
    const mermaid = fs.readFileSync(path.join(dir, 'smq.mmd'), 'utf8');
    expect(mermaid.startsWith('flowchart LR\n')).toBe(true);
    for (const channel of ['SmqUploadPipeline-Uploads', 'orders-billing', 'ice-callback-SmqImsCallbacks-Callbacks']) {
      expect(mermaid).toContain(channel);
    }
  }, 60_000);
});
