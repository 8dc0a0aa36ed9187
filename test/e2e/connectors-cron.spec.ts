// The Cron Trigger path for real: `wrangler dev --test-scheduled` runs the worker's
// scheduled handler on GET /__scheduled, which pulls the fake Datto RMM into yesterday.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { NIGHTLY_CRON } from '../../worker/connectors/schedule.ts';
import { addDays } from '../../shared/dates/index.ts';
import { startEdge, type EdgeServer } from '../support/edge-server.ts';
import { startFakeDattoRmm } from '../support/fake-datto-rmm.ts';
import type { FakeServer } from '../support/fake-vendor.ts';
import { rmmAccount, EXPECTED_ORGS } from '../worker/support/rmm-account.ts';

let edge: EdgeServer;
let rmm: FakeServer;

beforeAll(async () => {
  rmm = await startFakeDattoRmm();
  edge = await startEdge({ connectorAllowHosts: '127.0.0.1', testScheduled: true });
});

afterAll(async () => {
  await edge?.stop();
  await rmm?.stop();
});

async function api(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${edge.url}${path}`, { ...init, headers: { authorization: `Bearer ${edge.adminToken}`, 'content-type': 'application/json', ...init.headers } });
}

it('GET /__scheduled runs every connector for the UTC day that just ended', async () => {
  const account = rmmAccount();
  const { apiUrl } = rmm.add(account);
  const saved = await api('/v1/connectors/datto-rmm', { method: 'PUT', body: JSON.stringify({ apiUrl, apiKey: account.apiKey, apiSecret: account.apiSecret }) });
  expect(saved.status).toBe(200);
  // the edge's clock decides "yesterday", read before and after in case midnight passes
  const before = addDays(new Date().toISOString().slice(0, 10), -1);
  const fired = await fetch(`${edge.url}/__scheduled?cron=${encodeURIComponent('10 0 * * *')}`);
  expect(fired.status).toBe(200);
  expect(await fired.text()).toBe('Ran scheduled event');
  const after = addDays(new Date().toISOString().slice(0, 10), -1);
  const pulled = await (await api('/v1/uploads')).json() as { uploads: { module: string; date: string; orgs: unknown }[] };
  expect(pulled.uploads).toHaveLength(1);
  expect([before, after]).toContain(pulled.uploads[0]?.date);
  expect(pulled.uploads[0]).toMatchObject({ module: 'datto-rmm', orgs: EXPECTED_ORGS });
  const listed = await (await api('/v1/connectors')).json() as { connectors: { lastRun: { status: string } }[] };
  expect(listed.connectors[0]?.lastRun.status).toBe('ok');
});

it('wrangler.toml schedules the nightly run at the time the edge announces as nextRunAt', () => {
  const toml = readFileSync(new URL('../../wrangler.toml', import.meta.url), 'utf8');
  expect(/^crons = \[(.*)\]$/m.exec(toml)?.[1]).toBe(JSON.stringify(NIGHTLY_CRON));
});
