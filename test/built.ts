import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** The repository root. */
export const ROOT = path.join(__dirname, '..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Makes sure `dist/` holds the build of the current `lib/` (`npm test` builds first; a lone `npx jest` may not have),
 * and returns the path of the built package entry's declarations.
 */
export function ensureBuilt(): string {
  const index = path.join(ROOT, 'dist', 'lib', 'index.d.ts');
  if (!fs.existsSync(index) || fs.statSync(index).mtimeMs < newestMtime(path.join(ROOT, 'lib'))) {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'inherit' });
  }
  // the custom-resource handler is plain JavaScript that runs alone in Function Compute: `npm run build` copies it as is
  fs.cpSync(path.join(ROOT, 'lib', 'custom-resources', 'handler'), path.join(ROOT, 'dist', 'lib', 'custom-resources', 'handler'), { recursive: true });
  return index;
}
