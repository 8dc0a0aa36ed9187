// The first sync of a scaled-down large MSP (100 accounts, 300 module orgs, 1,100 posted invoices
// with frozen daily quantities, two weeks of uploads) loaded through the real API of a local edge
// (wrangler dev): prints the edge's SQLite file size and how long a new browser takes to pull the
// config from the snapshot versus replaying the log (fake-indexeddb, so only the ratio means
// anything; `npm run bench` measures Chromium). The assertions are on the state, not the time.
import 'fake-indexeddb/auto';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEdge, type EdgeServer } from '../../support/edge-server.ts';
import type { Change } from '../../../shared/schema/changes.ts';
import { TrueupDb } from '../../../web/src/lib/db/database.ts';
import { setMeta } from '../../../web/src/lib/db/meta.ts';
import { pullChanges, type SyncProgress } from '../../../web/src/lib/sync/client.ts';
import type { EdgeConnection } from '../../../web/src/lib/sync/edge.ts';
import { postedInvoiceFields, scaledOrgs, scaledUploads } from '../../worker/support/scaled-msp.ts';
import { mergeState } from '../../support/db-state.ts';

const ACCOUNTS = 100;
const MONTHS = 11;
const DAYS = 14;
const T0 = Date.parse('2026-01-01T00:00:00Z');

let edge: EdgeServer;
let conn: EdgeConnection;
let n = 0;
let invoices = 0;
const browser = () => new TrueupDb(`first-sync-${++n}-${Date.now()}`);

async function post(path: string, body: unknown): Promise<void> {
  const response = await fetch(`${edge.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${edge.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status).toBe(200);
}

/** Bytes of the edge's local D1 (the SQLite file and its write-ahead log). */
async function sqliteBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.sqlite(-wal)?$/.test(entry.name)) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

beforeAll(async () => {
  edge = await startEdge();
  conn = { baseUrl: edge.url, token: edge.adminToken };
  const orgs = scaledOrgs(ACCOUNTS);
  let tick = 0;
  const change = (table: Change['table'], id: string, fields: Change['fields']): Change =>
    ({ table, id, fields, hlc: `${String(T0 + tick++).padStart(15, '0')}-000000-browser-a`, origin: 'browser-a' });
  const config: Change[] = [];
  for (let a = 0; a < ACCOUNTS; a++) {
    config.push(change('accounts', `acct-${a}`, { name: `Client ${a}`, deleted: false }));
    config.push(change('contracts', `contract-${a}`, { accountId: `acct-${a}`, name: 'Managed Services', startDate: '2025-01-01', endDate: null, services: [{ id: 'svc-0', name: 'Service 0', billing: 'daily', unitPrice: '5.00' }], serviceMappings: [], deleted: false }));
    config.push(change('accounts', `acct-${a}`, { name: `Client ${a} Ltd` }));
  }
  for (const org of orgs) config.push(change('orgMappings', `${org.module}/${org.orgId}`, { module: org.module, orgId: org.orgId, accountId: `acct-${org.account}`, deleted: false }));
  await post('/v1/changes', { changes: config });
  for (let m = 0; m < MONTHS; m++) {
    const period = `2025-${String(m + 1).padStart(2, '0')}`;
    const batch = Array.from({ length: ACCOUNTS }, (_, a) => change('invoices', `inv-${period}-${a}`, postedInvoiceFields(a, period, `${period}-28T09:00:00.000Z`)));
    invoices += batch.length;
    await post('/v1/changes', { changes: batch });
  }
  for (let d = 0; d < DAYS; d++) {
    for (const upload of scaledUploads(orgs, `2025-03-${String(d + 1).padStart(2, '0')}`, d)) await post('/v1/uploads', upload);
  }
}, 600_000);
afterAll(async () => {
  await edge?.stop();
});

const state = mergeState;

async function timed(pull: () => Promise<number>): Promise<{ ms: number; changes: number }> {
  const start = performance.now();
  const changes = await pull();
  return { ms: Math.round(performance.now() - start), changes };
}

describe('first sync of a scaled large MSP', () => {
  it('pulls the snapshot to the same state as the log, and prints sizes and times', { timeout: 600_000 }, async () => {
    const bytes = await sqliteBytes(edge.persistDir);
    const fresh = browser();
    let last: SyncProgress | null = null;
    const snapshot = await timed(() => pullChanges(fresh, conn, (p) => { last = p; }));
    const replay = browser();
    await setMeta(replay, 'changesCursor', '0');
    const log = await timed(() => pullChanges(replay, conn));
    expect(await state(fresh)).toEqual(await state(replay));
    expect(last).toMatchObject({ phase: 'changes', invoices: { done: invoices, total: invoices } });
    expect(await fresh.invoices.count()).toBe(invoices);
    console.log([
      `edge SQLite after ${ACCOUNTS} accounts, ${invoices} posted invoices, ${DAYS} days of uploads: ${(bytes / 1e6).toFixed(1)} MB`,
      `first sync of the config: snapshot ${snapshot.ms} ms (${snapshot.changes} changes), log replay ${log.ms} ms (${log.changes} changes)`,
    ].join('\n'));
  });
});
