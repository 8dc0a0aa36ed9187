// Builds the SPA (web/build, which the edge serves) unless the build is newer than every
// source it comes from.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
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

const LOCK = join(ROOT, 'web/.svelte-kit-build.lock');
const LOCK_STALE_MS = 5 * 60_000;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

// Two builds into the same output folder break each other (tests and `npm start` may
// start at once), so a build holds a lock folder; the others wait, then find it fresh.
function takeLock(): void {
  for (;;) {
    try {
      mkdirSync(LOCK);
      return;
    } catch {
      const since = statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? 0;
      if (Date.now() - since > LOCK_STALE_MS) rmSync(LOCK, { recursive: true, force: true });
      else sleep(500);
    }
  }
}

/** Builds the SPA when it is stale; returns whether it built. */
export function ensureSpaBuilt(): boolean {
  if (!spaBuildIsStale()) return false;
  takeLock();
  try {
    if (!spaBuildIsStale()) return false;
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    return true;
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
