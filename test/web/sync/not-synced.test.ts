// A change the edge refuses must not block the edits after it: the browser sets it aside,
// visible with the edge's reason, and keeps syncing. Against a real local edge (wrangler
// dev on a fresh D1), with browsers played by Dexie databases on fake-indexeddb.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHlc } from '../../../shared/sync/hlc.ts';
import { startEdge, type EdgeServer } from '../../support/edge-server.ts';
import { TrueupDb } from '../../../web/src/lib/db/database.ts';
import { recordEdit, recordEdits } from '../../../web/src/lib/db/changes.ts';
import { setMeta } from '../../../web/src/lib/db/meta.ts';
import { originId } from '../../../web/src/lib/db/clock.ts';
import { notSyncedChanges } from '../../../web/src/lib/db/not-synced.ts';
import type { Json } from '../../../shared/sync/merge.ts';
import { pushOutbox, syncOnce } from '../../../web/src/lib/sync/client.ts';
import type { EdgeConnection } from '../../../web/src/lib/sync/edge.ts';

let edge: EdgeServer;
let conn: EdgeConnection;
let n = 0;
const browser = () => new TrueupDb(`not-synced-test-${++n}-${Date.now()}`);

beforeAll(async () => {
  edge = await startEdge();
  conn = { baseUrl: edge.url, token: edge.adminToken };
});
afterAll(async () => {
  await edge?.stop();
});

function nested(depth: number): Record<string, Json> {
  let value: Record<string, Json> = { note: 'innermost' };
  for (let i = 1; i < depth; i++) value = { inner: value };
  return value;
}

describe('a change the edge refuses', () => {
  it('is set aside with the reason, and the edits before and after it still reach every browser', async () => {
    const a = browser();
    await recordEdits(a, [
      { table: 'accounts', id: 'acc-ns1', fields: { name: 'Brass Building Supplies' } },
      { table: 'contracts', id: 'con-ns1', fields: { accountId: 'acc-ns1', terms: nested(40) } },
      { table: 'accounts', id: 'acc-ns2', fields: { name: 'Cedar Dental' } },
    ]);
    expect(await pushOutbox(a, conn)).toBe(2);
    expect(await a.outbox.count()).toBe(0);
    const aside = await notSyncedChanges(a);
    expect(aside.map((r) => [r.change.table, r.change.id])).toEqual([['contracts', 'con-ns1']]);
    expect(aside[0]?.reason).toBe('fields: must not be nested deeper than 32 levels');

    // a later edit syncs as usual
    await recordEdit(a, { table: 'accounts', id: 'acc-ns1', fields: { name: 'Brass Building Supplies LLC' } });
    await syncOnce(a, conn);
    expect(await a.outbox.count()).toBe(0);

    const b = browser();
    await syncOnce(b, conn);
    expect((await b.accounts.get('acc-ns1'))?.name).toBe('Brass Building Supplies LLC');
    expect((await b.accounts.get('acc-ns2'))?.name).toBe('Cedar Dental');
    expect(await b.contracts.get('con-ns1')).toBeUndefined();
  });

  it('from a browser whose clock ran an hour ahead is set aside, saying so, while another browser\'s edits sync', async () => {
    const skewed = browser();
    const hourAhead = Date.now() + 3_600_000;
    await setMeta(skewed, 'hlc', formatHlc({ millis: hourAhead, counter: 0, origin: await originId(skewed) }));
    await recordEdit(skewed, { table: 'accounts', id: 'acc-skew', fields: { name: 'Juniper Legal' } });
    await syncOnce(skewed, conn);
    expect(await skewed.outbox.count()).toBe(0);
    const [row] = await notSyncedChanges(skewed);
    expect(row?.change.id).toBe('acc-skew');
    expect(row?.reason).toMatch(/^hlc: is 60 minutes ahead of the edge's clock/);

    const honest = browser();
    await recordEdit(honest, { table: 'accounts', id: 'acc-honest', fields: { name: 'Rosewood' } });
    await syncOnce(honest, conn);
    await syncOnce(skewed, conn);
    expect((await skewed.accounts.get('acc-honest'))?.name).toBe('Rosewood');
  });
});
