// wrangler dev on a given persistence folder, its clock on the bench's day: the edge the
// large MSP is loaded into and measured against (scripts/edge/dev.ts, as the e2e edge).
import { randomBytes } from 'node:crypto';
import { migrate } from '../../../scripts/edge/d1.ts';
import { startDevOnFreePort, type DevServer } from '../../../scripts/edge/dev.ts';
import { offsetTo } from './clock.ts';

/** Migrates the folder's D1 (a cached one may predate new migrations) and serves it on the bench's day. */
export async function startBenchEdge(persistDir: string, today: string): Promise<DevServer & { offsetMs: number; output: () => string }> {
  await migrate({ persistTo: persistDir });
  const saved = process.env.TRUEUP_EDGE_CLOCK_OFFSET_MS;
  const offsetMs = offsetTo(today);
  process.env.TRUEUP_EDGE_CLOCK_OFFSET_MS = String(offsetMs);
  try {
    const dev = await startDevOnFreePort({ persistTo: persistDir, vars: { CONNECTOR_KEY: randomBytes(32).toString('base64') }, timeoutMs: 120_000 });
    // wrangler's last words, for the report when a request fails or the edge exits
    let output = '';
    const keep = (chunk: Buffer) => { output = (output + chunk.toString()).slice(-8000); };
    dev.child.stdout?.on('data', keep);
    dev.child.stderr?.on('data', keep);
    dev.child.on('close', (code, signal) => { output += `\n[wrangler dev exited: ${code ?? signal}]`; });
    return { offsetMs, ...dev, output: () => output };
  } finally {
    if (saved === undefined) delete process.env.TRUEUP_EDGE_CLOCK_OFFSET_MS;
    else process.env.TRUEUP_EDGE_CLOCK_OFFSET_MS = saved;
  }
}
