// A throwaway edge for end-to-end tests and benches: a fresh local D1 in a temporary
// folder, migrated, one tenant, and `wrangler dev` serving it.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTenant, migrate } from '../../scripts/edge/d1.ts';
import { startDev, startDevOnFreePort } from '../../scripts/edge/dev.ts';

export interface EdgeServer {
  url: string;
  adminToken: string;
  tenantId: string;
  persistDir: string;
  stop(): Promise<void>;
}

export interface EdgeOptions {
  port?: number;
  /** Reuse a persistence folder (kept on stop); default: a new temporary one (removed on stop). */
  persistDir?: string;
  tenantName?: string;
  /** Hosts connectors may call besides the vendors' (fake vendors on 127.0.0.1). */
  connectorAllowHosts?: string;
  /** Serve GET /__scheduled to run the Cron Trigger's handler. */
  testScheduled?: boolean;
}

/** Migrates a fresh local D1, creates a tenant, starts wrangler dev and waits for /v1/health. */
export async function startEdge(options: EdgeOptions = {}): Promise<EdgeServer> {
  const persistDir = options.persistDir ?? await mkdtemp(join(tmpdir(), 'trueup-edge-'));
  const target = { persistTo: persistDir };
  await migrate(target);
  const { tenantId, adminToken } = await createTenant(options.tenantName ?? 'Test MSP', target);
  // A connector key made for this edge, so a test never depends on a developer's .dev.vars.
  const vars: Record<string, string> = { CONNECTOR_KEY: randomBytes(32).toString('base64') };
  const allow = options.connectorAllowHosts ?? process.env.CONNECTOR_ALLOW_HOSTS;
  if (allow) vars.CONNECTOR_ALLOW_HOSTS = allow;
  const served = { persistTo: persistDir, vars, testScheduled: options.testScheduled ?? false };
  const dev = options.port === undefined ? await startDevOnFreePort(served) : await startDev({ ...served, port: options.port });
  return {
    url: dev.url,
    adminToken,
    tenantId,
    persistDir,
    async stop() {
      await dev.stop();
      if (!options.persistDir) await rm(persistDir, { recursive: true, force: true });
    },
  };
}
