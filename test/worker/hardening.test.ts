// The nine findings of the edge audit, each reproduced as it was reported: bad input, a
// skewed clock or a noisy key must get a 4xx naming the path, write nothing, and never
// wedge a tenant. The edge's today and now come from worker/clock.ts, as the routes read them.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/dates/day.ts';
import Papa from 'papaparse';
import { exportCsv } from '../../shared/export/export.ts';
import type { Invoice } from '../../shared/schema/invoice.ts';
import { parseHlc } from '../../shared/sync/hlc.ts';
import { mergeChanges, type RecordState } from '../../shared/sync/merge.ts';
import type { Change } from '../../shared/schema/changes.ts';
import { edgeNow, edgeToday } from '../../worker/clock.ts';
import { chunks } from '../../worker/store/changes.ts';
import { D1_VALUE_BYTES } from '../../worker/store/d1-limits.ts';
import { call, callJson, footprint, moduleKey, newTenant, sampleInvoice } from './support/edge.ts';

interface Problem { error: { code: string; issues?: { path: string; message: string }[] } }
interface ChangePull { changes: Change[]; cursor: string; more: boolean }
interface UploadPull { uploads: { module: string; date: string; orgs: { orgId: string; name: string; metrics: Record<string, unknown> }[] }[]; more: boolean; cursor: string }

const HEADER = 'date,orgId,orgName,billingType,quantity\n';
const clock = (millis: number, counter = 0, origin = 'browser-a') => `${String(millis).padStart(15, '0')}-${String(counter).padStart(6, '0')}-${origin}`;
const account = (id: string, hlc: string, name = 'Brass Building Supplies') => ({ table: 'accounts', id, fields: { name }, hlc, origin: 'browser-a' });

async function pullChanges(token: string): Promise<Change[]> {
  const out: Change[] = [];
  let since = '0';
  for (;;) {
    const { status, body } = await callJson<ChangePull>('GET', `/v1/changes?since=${since}`, { token });
    expect(status).toBe(200);
    out.push(...body.changes);
    since = body.cursor;
    if (!body.more) return out;
  }
}

async function pullUploads(token: string): Promise<UploadPull['uploads']> {
  const { status, body } = await callJson<UploadPull>('GET', '/v1/uploads', { token });
  expect(status).toBe(200);
  return body.uploads;
}

/** Sends a request that must be refused with `status`, writing nothing; returns the problem paths. */
async function refused(token: string, tenantId: string, method: string, path: string, options: Parameters<typeof call>[2], status = 400): Promise<string[]> {
  const before = await footprint(tenantId);
  const { status: got, body } = await callJson<Problem>(method, path, { token, ...options });
  expect(got, JSON.stringify(body).slice(0, 400)).toBe(status);
  expect(await footprint(tenantId)).toEqual(before);
  return (body.error.issues ?? []).map((i) => i.path);
}

describe('1. one clock value must not wedge a tenant', () => {
  it('a change with counter 999999 a minute ahead leaves the tenant able to push, add modules and pull readable clocks', async () => {
    const t = await newTenant();
    const ahead = clock(edgeNow(env) + 60_000, 999_999);
    expect((await call('POST', '/v1/changes', { token: t.adminToken, json: { changes: [{ ...posted('inv-1'), hlc: ahead }] } })).status).toBe(200);
    expect((await call('POST', '/v1/changes', { token: t.adminToken, json: { changes: [account('a1', clock(edgeNow(env)))] } })).status).toBe(200);
    expect((await call('POST', '/v1/modules', { token: t.adminToken, json: { id: 'backup-x', name: 'Backup X', suite: 'Other', billingTypes: [{ id: 'Seats', label: 'Seats' }] } })).status).toBe(201);
    const log = await pullChanges(t.adminToken);
    for (const change of log) expect(() => parseHlc(change.hlc)).not.toThrow();
    // The edge's number announcement still comes after the posting it answers.
    const announced = log.find((c) => c.origin === 'edge' && c.id === 'inv-1');
    expect(announced && announced.hlc > ahead).toBe(true);
  });

  it('a clock more than 5 minutes ahead of the edge is refused by path; 4 minutes ahead is accepted', async () => {
    const t = await newTenant();
    const now = edgeNow(env);
    const yearAhead = clock(now + 365 * 86_400_000);
    expect(await refused(t.adminToken, t.tenantId, 'POST', '/v1/changes', { json: { changes: [account('a1', clock(now)), account('a2', yearAhead)] } })).toEqual(['changes[1].hlc']);
    expect(await refused(t.adminToken, t.tenantId, 'POST', '/v1/changes', { json: { changes: [account('a1', clock(now + 6 * 60_000))] } })).toEqual(['changes[0].hlc']);
    expect((await call('POST', '/v1/changes', { token: t.adminToken, json: { changes: [account('a1', clock(now + 4 * 60_000))] } })).status).toBe(200);
  });

  it('a tenant whose stored clock is unreadable heals on its next push', async () => {
    const t = await newTenant();
    await env.DB.prepare('UPDATE tenants SET clock = ? WHERE id = ?').bind(`${String(edgeNow(env)).padStart(15, '0')}-1000000-edge`, t.tenantId).run();
    const { status } = await callJson('POST', '/v1/changes', { token: t.adminToken, json: { changes: [posted('inv-2')] } });
    expect(status).toBe(200);
    const row = await env.DB.prepare('SELECT clock FROM tenants WHERE id = ?').bind(t.tenantId).first<{ clock: string }>();
    expect(() => parseHlc(row?.clock ?? '')).not.toThrow();
    for (const change of await pullChanges(t.adminToken)) expect(() => parseHlc(change.hlc)).not.toThrow();
  });

  it('migration 0004 heals clocks already stored with a seven-digit counter, so every browser can pull again', async () => {
    const t = await newTenant();
    const millis = edgeNow(env);
    const bad = `${String(millis).padStart(15, '0')}-1000000-edge`;
    await env.DB.batch([
      env.DB.prepare('UPDATE tenants SET clock = ?, seq = 1 WHERE id = ?').bind(bad, t.tenantId),
      env.DB.prepare("INSERT INTO changes (tenant_id, seq, tbl, record_id, fields, hlc, origin) VALUES (?, 1, 'invoices', 'inv-1', '{\"number\":\"INV-000001\"}', ?, 'edge')").bind(t.tenantId, bad),
    ]);
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.startsWith('0004'));
    const healing = (migration?.queries ?? []).filter((q) => q.replace(/^(\s*--[^\n]*\n)*/, '').trim().startsWith('UPDATE'));
    expect(healing).toHaveLength(3);
    for (const query of healing) await env.DB.prepare(query).run();
    const healed = clock(millis + 1, 0, 'edge');
    expect((await pullChanges(t.adminToken)).map((c) => c.hlc)).toEqual([healed]);
    const row = await env.DB.prepare('SELECT clock FROM tenants WHERE id = ?').bind(t.tenantId).first<{ clock: string }>();
    expect(row?.clock).toBe(healed);
  });
});

function posted(id: string) {
  return { table: 'invoices', id, fields: { status: 'posted', accountId: 'a1', period: '2026-10' }, hlc: clock(edgeNow(env)), origin: 'browser-a' };
}

describe('2. a module key must not stall the edge', () => {
  it('a CSV of 80,000 distinct days is refused at once, naming the line past the cap', async () => {
    const t = await newTenant();
    const rows: string[] = [];
    for (let i = 0; i < 80_000; i++) rows.push(`${addDays('1990-01-01', i)},org-1,Org 1,TotalDevices,1`);
    const paths = await refused(t.adminToken, t.tenantId, 'POST', '/v1/uploads?module=datto-edr', { text: HEADER + rows.join('\n') + '\n' });
    expect(paths).toEqual(['line 402.date']);
  });
});

describe('3. multi-byte text is sized in UTF-8 bytes', () => {
  it('2,000 orgs with 500-character CJK names are stored and read back exactly', async () => {
    const t = await newTenant();
    const name = '東京都渋谷区株式会社'.repeat(50);
    const body = { module: 'datto-edr', date: '2026-10-01', orgs: Array.from({ length: 2000 }, (_, i) => ({ orgId: `org-${i}`, name, metrics: { TotalDevices: i } })) };
    const { status } = await callJson('POST', '/v1/uploads', { token: t.adminToken, json: body });
    expect(status).toBe(200);
    const [stored] = await pullUploads(t.adminToken);
    expect(stored).toEqual(body);
    // Local D1 does not enforce the 2 MB value cap that the hosted one does, so check the stored values against it.
    const largest = await env.DB.prepare('SELECT MAX(LENGTH(CAST(orgs AS BLOB))) AS bytes FROM upload_parts WHERE tenant_id = ?').bind(t.tenantId).first<{ bytes: number }>();
    expect(largest?.bytes).toBeLessThanOrEqual(D1_VALUE_BYTES);
  });

  it('changes whose fields are CJK text near the field limit are stored and read back exactly', async () => {
    const t = await newTenant();
    const now = edgeNow(env);
    const notes = '請求書の備考'.repeat(14_000); // 84,000 characters, 252,000 UTF-8 bytes
    const changes = Array.from({ length: 12 }, (_, i) => ({ table: 'accounts', id: `a${i}`, fields: { notes }, hlc: clock(now, i), origin: 'browser-a' }));
    const { status } = await callJson('POST', '/v1/changes', { token: t.adminToken, json: { changes } });
    expect(status).toBe(200);
    expect(await pullChanges(t.adminToken)).toEqual(changes);
    // Each chunk is bound as one value; local D1 does not enforce the hosted cap, so measure it.
    for (const chunk of await chunks(changes as Change[])) expect(new TextEncoder().encode(chunk).length).toBeLessThanOrEqual(D1_VALUE_BYTES);
  });
});

describe('4. CSV and Datto RMM device lists meet the upload schema\'s caps', () => {
  it('a CSV with a 10 KB org name or a 300-character org id is refused by line', async () => {
    const t = await newTenant();
    const long = 'x'.repeat(10_000);
    const id = 's'.repeat(300);
    const paths = await refused(t.adminToken, t.tenantId, 'POST', '/v1/uploads?module=datto-edr', { text: `${HEADER}2026-10-01,a,${long},TotalDevices,1\n2026-10-01,${id},B,TotalDevices,1\n` });
    expect(paths).toEqual(['line 2.orgName', 'line 3.orgId']);
  });

  it('a device list with a 300-character site id, or a 2.5 MB site name, is refused', async () => {
    const t = await newTenant();
    const key = await moduleKey(t.adminToken, 'datto-rmm');
    const before = await footprint(t.tenantId);
    const longId = await callJson<Problem>('POST', '/v1/modules/datto-rmm/devices?date=2026-10-01', { token: key.token, json: [{ siteUid: 's'.repeat(300), siteName: 'A', deviceClass: 'device' }] });
    expect(longId.status).toBe(400);
    expect(longId.body.error.issues?.map((i) => i.path)).toEqual(['orgs[0].orgId']);
    const hugeName = await callJson<Problem>('POST', '/v1/modules/datto-rmm/devices?date=2026-10-01', { token: key.token, json: [{ siteUid: 's1', siteName: 'n'.repeat(2_500_000), deviceClass: 'device' }] });
    expect(hugeName.status).toBe(400);
    expect(hugeName.body.error.issues?.map((i) => i.path)).toEqual(['orgs[0].name']);
    expect(await footprint(t.tenantId)).toEqual(before);
  });
});

describe('5. the accounting CSV never carries a live formula', () => {
  it('escapes account, service and module names that start a formula; amounts stay numbers', () => {
    const base = sampleInvoice('=HYPERLINK("http://evil.example","Click")');
    const inv: Invoice = { ...base, lines: base.lines.map((l) => ({ ...l, serviceName: '+cmd|calc', moduleName: '@SUM(A1)' })) };
    const csv = exportCsv([inv], { accounts: [], contracts: [], currency: 'USD' }, { format: 'lines' });
    const rows = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => [r.accountName, r.module, r.service, r.kind, r.quantity, r.amount])).toEqual([
      ["'=HYPERLINK(\"http://evil.example\",\"Click\")", 'datto-rmm', "'+cmd|calc", 'item', '10.5000', '52.50'],
      ["'=HYPERLINK(\"http://evil.example\",\"Click\")", 'datto-rmm', "'+cmd|calc", 'adjustment', '-1.0000', '-5.00'],
    ]);
    // a custom module's name reaches the Xero description, escaped there too
    const xero = Papa.parse<Record<string, string>>(exportCsv([{ ...inv, lines: inv.lines.map((l) => ({ ...l, serviceName: '@SUM(A1)' })) }], { accounts: [], contracts: [], currency: 'USD' }, { format: 'xero' }), { header: true, skipEmptyLines: true }).data;
    expect(xero[0]?.['*Description']?.startsWith("'@SUM(A1)")).toBe(true);
    expect(xero.map((r) => r['*ContactName'])).toEqual(["'=HYPERLINK(\"http://evil.example\",\"Click\")", "'=HYPERLINK(\"http://evil.example\",\"Click\")"]);
  });
});

describe('6. upload dates outside 2000-01-01 … today + 2 days are refused', () => {
  it('on JSON, CSV and device lists, by path, writing nothing', async () => {
    const t = await newTenant();
    const today = edgeToday(env);
    const json = (date: string) => ({ json: { module: 'datto-edr', date, orgs: [{ orgId: 'a', metrics: { TotalDevices: 1 } }] } });
    expect(await refused(t.adminToken, t.tenantId, 'POST', '/v1/uploads', json('9999-12-31'))).toEqual(['date']);
    expect(await refused(t.adminToken, t.tenantId, 'POST', '/v1/uploads', json('1999-12-31'))).toEqual(['date']);
    expect(await refused(t.adminToken, t.tenantId, 'POST', '/v1/uploads', json(addDays(today, 3)))).toEqual(['date']);
    expect(await refused(t.adminToken, t.tenantId, 'POST', '/v1/uploads?module=datto-edr', { text: `${HEADER}2026-10-01,a,A,TotalDevices,1\n9999-12-31,a,A,TotalDevices,1\n` })).toEqual(['line 3.date']);
    expect(await refused(t.adminToken, t.tenantId, 'POST', '/v1/modules/datto-rmm/devices?date=9999-12-31', { json: [] })).toEqual(['date']);
    expect((await call('POST', '/v1/uploads', { token: t.adminToken, ...json(addDays(today, 2)) })).status).toBe(200);
    expect((await call('POST', '/v1/uploads', { token: t.adminToken, ...json('2000-01-01') })).status).toBe(200);
  });
});

describe('7. changes the edge cannot store are refused by path, and only those', () => {
  it('fields over 256 KiB, nested deeper than 32 or 1,001 levels: 400 naming the change', async () => {
    const t = await newTenant();
    const now = edgeNow(env);
    // `depth` objects inside each other: the fields object itself is the first level.
    const nest = (depth: number): Record<string, unknown> => { let v: Record<string, unknown> = { leaf: 'x' }; for (let i = 1; i < depth; i++) v = { v }; return v; };
    const ok = Array.from({ length: 3 }, (_, i) => account(`a${i}`, clock(now, i)));
    const heavy = { ...account('big', clock(now, 3)), fields: { notes: 'x'.repeat(256 * 1024) } };
    const deep = { ...account('deep', clock(now, 3)), fields: nest(33) };
    const deeper = { ...account('deeper', clock(now, 3)), fields: nest(1001) };
    expect(await refused(t.adminToken, t.tenantId, 'POST', '/v1/changes', { json: { changes: [...ok, heavy] } })).toEqual(['changes[3].fields']);
    expect(await refused(t.adminToken, t.tenantId, 'POST', '/v1/changes', { json: { changes: [...ok, deep] } })).toEqual(['changes[3].fields']);
    expect(await refused(t.adminToken, t.tenantId, 'POST', '/v1/changes', { json: { changes: [...ok, deeper] } })).toEqual(['changes[3].fields']);
    const deepest = { ...account('deep', clock(now, 3)), fields: nest(32) };
    expect((await call('POST', '/v1/changes', { token: t.adminToken, json: { changes: [...ok, deepest] } })).status).toBe(200);
  });
});

describe('8. a duplicate change with another value converges everywhere; ids are well-formed', () => {
  it('keeps both values, so every browser applies the same tie rule (the larger encoding wins)', async () => {
    const t = await newTenant();
    const hlc = clock(edgeNow(env));
    const first = account('a1', hlc, 'Apple Dental');
    const second = account('a1', hlc, 'Zebra Dental');
    expect((await call('POST', '/v1/changes', { token: t.adminToken, json: { changes: [first] } })).status).toBe(200);
    expect((await call('POST', '/v1/changes', { token: t.adminToken, json: { changes: [second] } })).status).toBe(200);
    expect((await call('POST', '/v1/changes', { token: t.adminToken, json: { changes: [first, second] } })).status).toBe(200);
    const log = await pullChanges(t.adminToken);
    expect(log).toEqual([first, second]);
    // Browser A made `first`, browser B made `second`: each merges what it pulls.
    for (const order of [[first, second], [second, first]]) {
      const store = new Map<string, RecordState>();
      mergeChanges(store, [...order, ...log] as Change[]);
      expect([...store.values()][0]?.values.name).toBe('Zebra Dental');
    }
  });

  it('refuses a change id, origin or field that is not well-formed Unicode', async () => {
    const t = await newTenant();
    const hlc = clock(edgeNow(env));
    expect(await refused(t.adminToken, t.tenantId, 'POST', '/v1/changes', { json: { changes: [account('a\uD800', hlc)] } })).toEqual(['changes[0].id']);
    expect(await refused(t.adminToken, t.tenantId, 'POST', '/v1/changes', { json: { changes: [{ ...account('a1', hlc), fields: { name: 'x\uDC00' } }] } })).toEqual(['changes[0].fields']);
  });
});

describe('9. quantities above 2^53 as JSON numbers are refused, not rounded', () => {
  it('123456789012345678 as a number: 400 by path; as a decimal string: stored exactly', async () => {
    const t = await newTenant();
    const text = (q: string) => `{"module":"datto-edr","date":"2026-10-01","orgs":[{"orgId":"a","name":"A","metrics":{"TotalDevices":${q}}}]}`;
    expect(await refused(t.adminToken, t.tenantId, 'POST', '/v1/uploads', { text: text('123456789012345678'), type: 'application/json' })).toEqual(['orgs[0].metrics.TotalDevices']);
    expect((await call('POST', '/v1/uploads', { token: t.adminToken, text: text('"123456789012345678"'), type: 'application/json' })).status).toBe(200);
    const [stored] = await pullUploads(t.adminToken);
    expect(stored?.orgs[0]?.metrics.TotalDevices).toBe('123456789012345678');
  });
});
