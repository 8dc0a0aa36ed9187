// The sync client against a real local edge (wrangler dev on a fresh D1), with browsers
// played by Dexie databases on fake-indexeddb.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEdge, type EdgeServer } from '../../support/edge-server.ts';
import { droppingAfter } from '../../support/dropping-edge.ts';
import { TrueupDb } from '../../../web/src/lib/db/database.ts';
import { recordEdit, recordEdits } from '../../../web/src/lib/db/changes.ts';
import { getMeta } from '../../../web/src/lib/db/meta.ts';
import { loadWorkspace } from '../../../web/src/lib/db/workspace.ts';
import { orgMappingId } from '../../../web/src/lib/db/rows.ts';
import { pullChanges, pullHistory, pullRecentUploads, pullUploads, pushOutbox, syncOnce, type SyncProgress } from '../../../web/src/lib/sync/client.ts';
import { allUploads } from '../../../web/src/lib/db/upload-pages.ts';
import { dataVersion } from '../../../web/src/lib/db/data-version.ts';
import { EngineSession, workerApi } from '../../../web/src/lib/engine/session.ts';
import { EdgeError, type EdgeConnection } from '../../../web/src/lib/sync/edge.ts';

let edge: EdgeServer;
let conn: EdgeConnection;
let n = 0;
const browser = () => new TrueupDb(`sync-test-${++n}-${Date.now()}`);

beforeAll(async () => {
  edge = await startEdge();
  conn = { baseUrl: edge.url, token: edge.adminToken };
});
afterAll(async () => {
  await edge?.stop();
});

async function upload(module: string, date: string, orgs: Record<string, number>) {
  const response = await fetch(`${edge.url}/v1/uploads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${edge.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ module, date, orgs: Object.entries(orgs).map(([orgId, devices]) => ({ orgId, name: `Org ${orgId}`, metrics: { TotalDevices: devices } })) }),
  });
  expect(response.status).toBe(200);
}

/** The config a browser holds, without uploads: what must converge. */
async function config(db: TrueupDb) {
  const { uploads: _uploads, ...rest } = await loadWorkspace(db);
  const sort = <T>(list: T[]) => [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return { ...rest, accounts: sort(rest.accounts), orgMappings: sort(rest.orgMappings) };
}

describe('outbox', () => {
  it('keeps an edit made with the edge unreachable across a reload, and pushes it later', async () => {
    const name = `outbox-${Date.now()}`;
    let db = new TrueupDb(name);
    await recordEdit(db, { table: 'accounts', id: 'acc-outbox', fields: { name: 'Brass Building Supplies' } });
    const unreachable = { baseUrl: 'http://127.0.0.1:9', token: edge.adminToken };
    await expect(pushOutbox(db, unreachable)).rejects.toBeInstanceOf(EdgeError);

    db.close();
    db = new TrueupDb(name); // the page reloads
    expect(await db.outbox.count()).toBe(1);
    expect((await db.accounts.get('acc-outbox'))?.name).toBe('Brass Building Supplies');

    expect(await pushOutbox(db, conn)).toBe(1);
    expect(await db.outbox.count()).toBe(0);
    const other = browser();
    await syncOnce(other, conn);
    expect((await other.accounts.get('acc-outbox'))?.name).toBe('Brass Building Supplies');
  });

  it('keeps the outbox when the edge refuses the token', async () => {
    const db = browser();
    await recordEdit(db, { table: 'accounts', id: 'acc-refused', fields: { name: 'Rosewood' } });
    const error = await pushOutbox(db, { ...conn, token: 'not-a-token' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EdgeError);
    expect((error as EdgeError).kind).toBe('unauthorized');
    expect(await db.outbox.count()).toBe(1);
  });
});

describe('conflicting edits', () => {
  it('converge to the same state in both browsers, latest edit winning per field', async () => {
    const a = browser();
    const b = browser();
    await recordEdits(a, [
      { table: 'accounts', id: 'acc-c1', fields: { name: 'Cedar Dental' } },
      { table: 'accounts', id: 'acc-c2', fields: { name: 'Cedar Dental Group' } },
    ]);
    await syncOnce(a, conn);
    await syncOnce(b, conn);

    // both offline: A renames and maps the org to c1; B, a second later, maps the same org to c2
    const now = Date.now();
    await recordEdit(a, { table: 'accounts', id: 'acc-c1', fields: { name: 'Cedar Dental Care' } }, now);
    await recordEdit(a, { table: 'orgMappings', id: orgMappingId('datto-edr', 'org-cedar'), fields: { module: 'datto-edr', orgId: 'org-cedar', accountId: 'acc-c1' } }, now);
    await recordEdit(b, { table: 'orgMappings', id: orgMappingId('datto-edr', 'org-cedar'), fields: { module: 'datto-edr', orgId: 'org-cedar', accountId: 'acc-c2' } }, now + 1000);

    // B syncs first, then A (pushing its older mapping after B's newer one), then B again
    await syncOnce(b, conn);
    await syncOnce(a, conn);
    await syncOnce(b, conn);

    const stateA = await config(a);
    const stateB = await config(b);
    expect(stateA).toEqual(stateB);
    expect(stateA.orgMappings.find((m) => m.orgId === 'org-cedar')?.accountId).toBe('acc-c2');
    expect(stateA.accounts.find((x) => x.id === 'acc-c1')?.name).toBe('Cedar Dental Care');
  });

  it('converge when one browser deletes what the other renames', async () => {
    const a = browser();
    const b = browser();
    await recordEdit(a, { table: 'accounts', id: 'acc-d1', fields: { name: 'Juniper Legal' } });
    await syncOnce(a, conn);
    await syncOnce(b, conn);
    // A renames, and B, a second later, deletes
    const now = Date.now();
    await recordEdit(a, { table: 'accounts', id: 'acc-d1', fields: { name: 'Juniper Legal LLP' } }, now);
    await recordEdit(b, { table: 'accounts', id: 'acc-d1', fields: { deleted: true } }, now + 1000);
    await syncOnce(a, conn);
    await syncOnce(b, conn);
    await syncOnce(a, conn);
    expect(await config(a)).toEqual(await config(b));
    expect((await config(a)).accounts.some((x) => x.id === 'acc-d1')).toBe(false);
  });
});

describe('pulls', () => {
  it('resume from the saved cursor after an interruption', async () => {
    const db = browser();
    await pullUploads(db, conn); // everything uploaded by earlier tests
    const before = await db.usageDays.count();
    for (const date of ['2026-11-01', '2026-11-02', '2026-11-03']) await upload('datto-edr', date, { o1: 3, o2: 5 });

    // the connection drops after the first page of one upload
    const asked: string[] = [];
    const flaky = droppingAfter(conn, '/v1/uploads', 1, (url) => asked.push(url.searchParams.get('since') ?? ''));
    await expect(pullUploads(db, flaky, 1)).rejects.toBeInstanceOf(EdgeError);
    expect(await db.usageDays.count()).toBe(before + 1);
    const saved = await getMeta(db, 'uploadsCursor');
    expect(saved).toBe(asked[1]);

    // the next pull starts at the saved cursor and fetches only what is left
    const resumed: string[] = [];
    const counting: EdgeConnection = {
      ...conn,
      fetch: async (input, init) => {
        resumed.push(new URL(String(input)).searchParams.get('since') ?? '');
        return fetch(input, init);
      },
    };
    expect(await pullUploads(db, counting)).toBe(2);
    expect(resumed[0]).toBe(saved);
    expect(await db.usageDays.count()).toBe(before + 3);
    expect((await db.orgs.get(['datto-edr', 'o2']))?.lastDate).toBe('2026-11-03');
  });

  it('record an org seen again on a later day even when the pull breaks off (the directory writes those days in batches)', async () => {
    const db = browser();
    await upload('datto-edr', '2026-09-01', { d1: 4 });
    await pullUploads(db, conn);
    expect((await db.orgs.get(['datto-edr', 'd1']))?.lastDate).toBe('2026-09-01');
    for (const date of ['2026-09-02', '2026-09-03']) await upload('datto-edr', date, { d1: 4 });
    const flaky = droppingAfter(conn, '/v1/uploads', 1);
    await expect(pullUploads(db, flaky, 1)).rejects.toBeInstanceOf(EdgeError);
    expect((await db.orgs.get(['datto-edr', 'd1']))?.lastDate).toBe('2026-09-02');
    await pullUploads(db, conn, 1);
    expect((await db.orgs.get(['datto-edr', 'd1']))?.lastDate).toBe('2026-09-03');
  });

  it('keep one org directory across the pages of a backlog, the same as pulled in one page', async () => {
    // a backlog out of date order: the org directory keeps each org's first and last day and latest name
    for (const date of ['2026-10-12', '2026-10-10', '2026-10-11']) await upload('datto-edr', date, { b1: 1, b2: 2 });
    await upload('datto-edr', '2026-10-09', { b3: 7 });
    const pageByPage = browser();
    const whole = browser();
    expect(await pullUploads(pageByPage, conn, 1)).toBe(await pullUploads(whole, conn, 1000));
    const directory = (db: TrueupDb) => db.orgs.where('module').equals('datto-edr').filter((o) => o.orgId.startsWith('b')).toArray();
    expect(await directory(pageByPage)).toEqual(await directory(whole));
    expect(await directory(whole)).toEqual([
      { module: 'datto-edr', orgId: 'b1', name: 'Org b1', firstDate: '2026-10-10', lastDate: '2026-10-12' },
      { module: 'datto-edr', orgId: 'b2', name: 'Org b2', firstDate: '2026-10-10', lastDate: '2026-10-12' },
      { module: 'datto-edr', orgId: 'b3', name: 'Org b3', firstDate: '2026-10-09', lastDate: '2026-10-09' },
    ]);
  });

  it('of a first sync take October and November first, then the earlier days, ending with every module-day a whole pull gives; posting waits for the earlier days', async () => {
    await upload('datto-edr', '2026-03-10', { h1: 1 });
    await upload('datto-edr', '2026-10-05', { h1: 2 });
    await upload('datto-edr', '2026-04-01', { h1: 3 });
    await upload('datto-edr', '2026-11-07', { h1: 4 });
    const db = browser();
    const progress: SyncProgress[] = [];
    await pullRecentUploads(db, conn, '2026-10-01', 1, (p) => progress.push(p));
    const recent = await allUploads(db);
    expect(recent.map((u) => u.date).filter((d) => d < '2026-10-01')).toEqual([]);
    expect(recent.some((u) => u.module === 'datto-edr' && u.date === '2026-10-05')).toBe(true);
    expect(progress.every((p) => p.phase === 'uploads')).toBe(true);
    const published = await dataVersion(db);

    // Before the earlier days come: a new early day and a replaced one (both come with the next regular pull), and a post.
    await upload('datto-edr', '2026-02-01', { h1: 5 });
    await upload('datto-edr', '2026-03-10', { h1: 6 });
    const session = new EngineSession(db);
    const refused = await workerApi(session).post({ version: await dataVersion(db), today: '2026-11-20' }, { period: '2026-10', accountIds: ['acc-any'], ids: ['inv-any'], postedAt: '2026-11-20T10:00:00.000Z', asOf: '2026-11-20' });
    expect(refused).toEqual({ posted: [], refused: [{ accountId: 'acc-any', reason: expect.stringContaining('still pulling earlier usage') }] });

    const history: SyncProgress[] = [];
    const earlier = await pullHistory(db, conn, 1, (p) => history.push(p));
    expect(earlier).toBeGreaterThan(1);
    expect(history.every((p) => p.phase === 'history')).toBe(true);
    expect(history.at(-1)).toMatchObject({ done: earlier, total: earlier });
    expect(await getMeta(db, 'uploadsHistory')).toBeUndefined();
    // The earlier days were stamped after the figures' version and published.
    const stamped = await db.usageDays.where('seq').above(published).count();
    expect(stamped).toBeGreaterThanOrEqual(earlier);
    // published once, when the pull ended: one data version for all of them
    expect(await dataVersion(db)).toBe(published + 1);
    expect(Math.max(...(await db.usageDays.toArray()).map((d) => d.seq))).toBeLessThanOrEqual(await dataVersion(db));

    await pullUploads(db, conn);
    const whole = browser();
    await pullUploads(whole, conn);
    const key = (u: { module: string; date: string }) => `${u.module}/${u.date}`;
    const sorted = async (b: TrueupDb) => (await allUploads(b)).map(({ cursor: _c, ...u }) => u).sort((x, y) => key(x).localeCompare(key(y)));
    expect(await sorted(db)).toEqual(await sorted(whole));
    expect((await sorted(db)).find((u) => key(u) === 'datto-edr/2026-03-10')?.orgs[0]?.metrics).toEqual({ TotalDevices: 6 });
  });

  it('of a first sync\'s earlier days start only once what they wait for (the engine\'s first read) has settled, after saying their phase', async () => {
    await upload('datto-edr', '2026-05-05', { w1: 1 });
    const db = browser();
    await pullRecentUploads(db, conn, '2026-10-01');
    const asked: string[] = [];
    const counting: EdgeConnection = { ...conn, fetch: async (input, init) => { asked.push(String(input)); return fetch(input, init); } };
    let release = () => {};
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const phases: string[] = [];
    const pulling = pullHistory(db, counting, undefined, (p) => phases.push(p.phase), () => gate);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(phases).toEqual(['history']);
    expect(asked).toEqual([]);
    release();
    expect(await pulling).toBeGreaterThan(0);
    expect(asked.length).toBeGreaterThan(0);
  });

  it('of changes skip nothing and repeat nothing that matters', async () => {
    const a = browser();
    await recordEdits(a, Array.from({ length: 30 }, (_, i) => ({ table: 'accounts' as const, id: `acc-many-${i}`, fields: { name: `Account ${i}` } })));
    await pushOutbox(a, conn);
    const b = browser();
    await pullChanges(b, conn);
    const cursor = await getMeta(b, 'changesCursor');
    expect(await pullChanges(b, conn)).toBe(0);
    expect(await getMeta(b, 'changesCursor')).toBe(cursor);
    expect((await b.accounts.where('id').startsWith('acc-many-').count())).toBe(30);
  });
});
