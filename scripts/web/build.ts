// Builds the SPA (web/build, which the edge serves) unless the build is newer than every
// source it comes from.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;
const BUILT = join(ROOT, 'web/build/index.html');

function newest(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) if (entry !== 'node_modules') latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

/** True when web/build is missing or older than web/src, web/static, shared/ or the Vite config. */
export function spaBuildIsStale(): boolean {
  const built = statSync(BUILT, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = ['web/src', 'web/static', 'web/vite.config.ts', 'shared'].map((p) => newest(join(ROOT, p)));
  return Math.max(...sources) > built;
}

/** Builds the SPA when it is stale; returns whether it built. */
export function ensureSpaBuilt(): boolean {
  if (!spaBuildIsStale()) return false;
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  return true;
}
