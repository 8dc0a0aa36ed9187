// Starts `wrangler dev` and waits until the edge answers /v1/health.
import type { ChildProcess } from 'node:child_process';
import { spawnWrangler } from './wrangler.ts';
import { freePort } from './free-port.ts';

export interface DevServer {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export interface DevOptions {
  port: number;
  persistTo?: string;
  /** Echo wrangler's output (npm start); tests and benches keep it quiet. */
  echo?: boolean;
  timeoutMs?: number;
  /** Variables and secrets for the worker (`--var NAME:value`), e.g. CONNECTOR_KEY, CONNECTOR_ALLOW_HOSTS. */
  vars?: Record<string, string>;
  /** Serve GET /__scheduled, which runs the Cron Trigger's handler (`--test-scheduled`). */
  testScheduled?: boolean;
}

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/v1/health`);
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * The edge's dev clock (worker/clock.ts): TRUEUP_EDGE_CLOCK_OFFSET_MS in our environment
 * shifts the local edge's clock by that many milliseconds. npm run test:dates sets it, as
 * workerd runs on the real clock while the rest of the system is on the pinned day
 * (docs/testing-dates.md). Passed as --var, which only wrangler dev sees.
 */
export function devClockVars(): string[] {
  const offset = process.env.TRUEUP_EDGE_CLOCK_OFFSET_MS ?? '0';
  if (!/^-?\d+$/.test(offset)) throw new Error(`TRUEUP_EDGE_CLOCK_OFFSET_MS must be whole milliseconds, got "${offset}"`);
  return ['--var', 'TRUEUP_DEV:1', '--var', `TRUEUP_DEV_CLOCK_OFFSET_MS:${offset}`];
}

/** Runs the worker locally on the port and resolves once it is healthy. */
export async function startDev(options: DevOptions): Promise<DevServer> {
  const url = `http://127.0.0.1:${options.port}`;
  // a free devtools port too: the default 9229 is taken by any other wrangler dev on the machine
  const args = ['dev', '--ip', '127.0.0.1', '--port', String(options.port), '--inspector-port', String(await freePort()), '--show-interactive-dev-session=false', '--log-level', options.echo ? 'info' : 'warn'];
  if (options.persistTo) args.push('--persist-to', options.persistTo);
  args.push(...devClockVars());
  // CONNECTOR_ALLOW_HOSTS (and CONNECTOR_KEY) in the environment reach the worker too, so
  // `CONNECTOR_ALLOW_HOSTS=127.0.0.1 npm start` (or any script starting an edge) can point a
  // connector at a Datto-shaped server on this machine.
  const vars: Record<string, string> = { ...options.vars };
  for (const name of ['CONNECTOR_ALLOW_HOSTS', 'CONNECTOR_KEY']) {
    const value = process.env[name];
    if (value && vars[name] === undefined) vars[name] = value;
  }
  for (const [name, value] of Object.entries(vars)) args.push('--var', `${name}:${value}`);
  if (options.testScheduled) args.push('--test-scheduled');
  const child = spawnWrangler(args);
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20000);
    if (options.echo) process.stderr.write(chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.on('close', () => { exited = true; resolve(); }));
  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exit;
    clearTimeout(timer);
  };
  const deadline = Date.now() + (options.timeoutMs ?? 60000);
  while (!(await healthy(url))) {
    if (exited) throw new Error(`wrangler dev exited before the edge was up:\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the edge did not answer ${url}/v1/health in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, child, stop };
}

/** A port taken between freePort() answering and wrangler binding it (another test's edge): tried again. */
const PORT_TRIES = 3;

/**
 * Runs the worker on a free port (and a free inspector port). With tests starting edges side by
 * side, a port can be taken between choosing it and binding it; then new ports are tried.
 */
export async function startDevOnFreePort(options: Omit<DevOptions, 'port'>): Promise<DevServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startDev({ ...options, port: await freePort() });
    } catch (error) {
      const taken = error instanceof Error && error.message.includes('exited before the edge was up') && error.message.includes('Address already in use');
      if (!taken || attempt >= PORT_TRIES) throw error;
    }
  }
}
