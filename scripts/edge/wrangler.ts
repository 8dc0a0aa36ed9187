// Runs the project's wrangler (never a global one) with Node 22 and metrics off.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WRANGLER = fileURLToPath(new URL('../../node_modules/wrangler/bin/wrangler.js', import.meta.url));

/** The environment wrangler runs in: no metrics, no interactive prompts. */
export function wranglerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1', NO_COLOR: '1' };
  // npm run test:dates runs workerd through a real-clock wrapper; wrangler's miniflare needs
  // its own workerd build, not the test pool's (docs/testing-dates.md)
  if (process.env.TRUEUP_WRANGLER_WORKERD) env.TRUEUP_REAL_WORKERD = process.env.TRUEUP_WRANGLER_WORKERD;
  return env;
}

/** Starts wrangler with the arguments; output is piped for the caller. */
export function spawnWrangler(args: string[]): ChildProcess {
  return spawn(process.execPath, [WRANGLER, ...args], { cwd: ROOT, env: wranglerEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs wrangler to completion; its output goes to stderr (stdout stays clean for JSON). Rejects on failure. */
export function runWrangler(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawnWrangler(args);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`wrangler ${args.join(' ')} failed (${code}):\n${output}`));
    });
  });
}

/** Where local D1 lives: wrangler's default, or a given persistence folder. */
export interface Target {
  remote?: boolean;
  persistTo?: string;
}

/** The wrangler flags selecting the local (optionally persisted elsewhere) or remote database. */
export function targetFlags(target: Target): string[] {
  if (target.remote) return ['--remote'];
  return target.persistTo ? ['--local', '--persist-to', target.persistTo] : ['--local'];
}
