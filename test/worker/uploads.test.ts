import { describe, expect, it } from 'vitest';
import { call, callAnswer, callError, callJson, edrUpload, footprint, moduleKey, newTenant } from './support/edge.ts';
import { moduleList, uploadAnswer, uploadPull, type UploadPull } from '../../shared/schema/api.ts';

type Pull = UploadPull;

const CSV_HEADER = 'date,orgId,orgName,billingType,quantity\n';

async function rejected(path: string, options: Parameters<typeof call>[2], status = 400) {
  const t = await newTenant();
  const before = await footprint(t.tenantId);
  const { status: got, body } = await callError('POST', path, { token: t.adminToken, ...options });
  expect(got).toBe(status);
  expect(await footprint(t.tenantId)).toEqual(before);
  return body;
}

async function pullAll(token: string, limit: number, between?: (page: number) => Promise<void>): Promise<Pull['uploads']> {
  const seen: Pull['uploads'] = [];
  let since = '';
  for (let page = 0; page < 1000; page++) {
    const { status, body } = await callAnswer(uploadPull, 'GET', `/v1/uploads?limit=${limit}${since ? `&since=${since}` : ''}`, { token });
    expect(status).toBe(200);
    const keys = body.uploads.map((u) => `${u.module}/${u.date}`);
    expect(new Set(keys).size).toBe(keys.length);
    seen.push(...body.uploads);
    since = body.cursor;
    if (!body.more) return seen;
    if (between) await between(page);
  }
  throw new Error('the pull never ended');
}

describe('POST /v1/uploads rejects bad input, listing every problem and writing nothing', () => {
  it('malformed JSON', async () => {
    const body = await rejected('/v1/uploads', { text: '{"module": "datto-edr",', type: 'application/json' });
    expect(body.error.code).toBe('invalid');
    expect(body.error.issues[0]?.message).toMatch(/malformed JSON/);
  });

  it('wrong types, bad date, negative and non-numeric quantities, empty org id, unknown module', async () => {
    const body = await rejected('/v1/uploads', { json: {
      module: 'no-such-module', date: '2026-02-30',
      orgs: [{ orgId: '', metrics: { TotalDevices: -1 } }, { orgId: 'b', name: 7, metrics: { TotalDevices: 'lots' } }, { orgId: 'c', metrics: 'none' }],
    } });
    const paths = body.error.issues.map((i) => i.path).sort();
    expect(paths).toEqual(['date', 'module', 'orgs[0].metrics.TotalDevices', 'orgs[0].orgId', 'orgs[1].metrics.TotalDevices', 'orgs[1].name', 'orgs[2].metrics'].sort());
  });

  it('unknown billing types, each by path', async () => {
    const body = await rejected('/v1/uploads', { json: { module: 'datto-edr', date: '2026-10-01', orgs: [
      { orgId: 'a', metrics: { TotalDevices: 1, AllDevicesMetric: 2 } }, { orgId: 'b', metrics: { Bogus: 1 } }] } });
    expect(body.error.issues.map((i) => i.path)).toEqual(['orgs[0].metrics.AllDevicesMetric', 'orgs[1].metrics.Bogus']);
  });

  it('a duplicate org in one upload', async () => {
    const body = await rejected('/v1/uploads', { json: { module: 'datto-edr', date: '2026-10-01', orgs: [
      { orgId: 'a', metrics: { TotalDevices: 1 } }, { orgId: 'a', metrics: { TotalDevices: 2 } }] } });
    expect(body.error.issues).toEqual([{ path: 'orgs[1].orgId', message: 'duplicate org "a" in one upload' }]);
  });

  it('too many decimals', async () => {
    const body = await rejected('/v1/uploads', { json: { module: 'datto-edr', date: '2026-10-01', orgs: [{ orgId: 'a', metrics: { TotalDevices: '1.23456' } }] } });
    expect(body.error.issues[0]?.path).toBe('orgs[0].metrics.TotalDevices');
  });

  it('CSV with a missing column', async () => {
    const body = await rejected('/v1/uploads?module=datto-edr', { text: 'date,orgId,billingType,quantity\n2026-10-01,a,TotalDevices,1\n' });
    expect(body.error.issues).toEqual([expect.objectContaining({ path: 'line 1', message: expect.stringContaining('orgName') })]);
  });

  it('CSV with bad numbers, bad dates and an empty org id, by line', async () => {
    const body = await rejected('/v1/uploads?module=datto-edr', { text: CSV_HEADER +
      '2026-10-01,a,A,TotalDevices,3\n2026-10-01,b,B,TotalDevices,three\n2026-10-41,c,C,TotalDevices,1\n2026-10-01,,D,TotalDevices,1\n2026-10-01,e,E,TotalDevices,-2\n' });
    expect(body.error.issues.map((i) => i.path)).toEqual(['line 3.quantity', 'line 4.date', 'line 5.orgId', 'line 6.quantity']);
  });

  it('CSV for the wrong module: billing types it does not have', async () => {
    const body = await rejected('/v1/uploads?module=vsa', { text: `${CSV_HEADER}2026-10-01,a,A,TotalDevices,3\n2026-10-01,a,A,WindowsDevices,1\n` });
    expect(body.error.issues).toEqual([{ path: 'line 3.billingType', message: 'unknown billing type "WindowsDevices" for module vsa' }]);
  });

  it('CSV for an unknown module, or without ?module=', async () => {
    const unknown = await rejected('/v1/uploads?module=nope', { text: `${CSV_HEADER}2026-10-01,a,A,TotalDevices,3\n` });
    expect(unknown.error.issues).toContainEqual({ path: 'module', message: 'unknown module "nope"' });
    const missing = await rejected('/v1/uploads', { text: `${CSV_HEADER}2026-10-01,a,A,TotalDevices,3\n` });
    expect(missing.error.issues).toEqual([expect.objectContaining({ path: 'module' })]);
  });

  it('CSV with the same org and billing type twice on a day', async () => {
    const body = await rejected('/v1/uploads?module=datto-edr', { text: `${CSV_HEADER}2026-10-01,a,A,TotalDevices,3\n2026-10-01,a,A,TotalDevices,4\n` });
    expect(body.error.issues).toEqual([expect.objectContaining({ path: 'line 3.billingType', message: expect.stringContaining('first on line 2') })]);
  });

  it('a body over 5 MiB: 413', async () => {
    const upload = edrUpload('2026-10-01', 1);
    const body = await rejected('/v1/uploads', { text: JSON.stringify({ ...upload, padding: 'x'.repeat(5 * 1024 * 1024) }), type: 'application/json' }, 413);
    expect(body.error.code).toBe('payload_too_large');
  });

  it('a wrong content type: 415', async () => {
    const body = await rejected('/v1/uploads', { text: JSON.stringify(edrUpload('2026-10-01', 1)), type: 'text/plain' }, 415);
    expect(body.error.code).toBe('unsupported_media_type');
  });

  it('a bad Datto RMM device list or date', async () => {
    const body = await rejected('/v1/modules/datto-rmm/devices?date=2026-10-01', { json: [{ siteUid: '', deviceClass: 'device' }, { siteName: 'x' }] });
    expect(body.error.issues.length).toBeGreaterThanOrEqual(2);
    expect(body.error.issues.map((i) => i.path)).toContain('[0].siteUid');
    const date = await rejected('/v1/modules/datto-rmm/devices?date=yesterday', { json: [] });
    expect(date.error.issues).toEqual([expect.objectContaining({ path: 'date' })]);
  });
});

describe('storing and pulling uploads', () => {
  it('the same upload sent twice leaves one module-day and is not pulled again', async () => {
    const t = await newTenant();
    const first = await callAnswer(uploadAnswer, 'POST', '/v1/uploads', { token: t.adminToken, json: edrUpload('2026-10-01', 3) });
    const again = await callAnswer(uploadAnswer, 'POST', '/v1/uploads', { token: t.adminToken, json: edrUpload('2026-10-01', 3) });
    expect([first.body.uploads[0]?.status, again.body.uploads[0]?.status]).toEqual(['stored', 'unchanged']);
    expect(await footprint(t.tenantId)).toMatchObject({ uploads: 1, seq: 1 });
    const pulled = await pullAll(t.adminToken, 10);
    expect(pulled).toHaveLength(1);
  });

  it('a replacement replaces the module-day whole and is visible to the next pull', async () => {
    const t = await newTenant();
    await call('POST', '/v1/uploads', { token: t.adminToken, json: edrUpload('2026-10-01', 3) });
    const { body: first } = await callAnswer(uploadPull, 'GET', '/v1/uploads', { token: t.adminToken });
    expect(first.uploads[0]?.orgs).toHaveLength(3);
    const replacement = { module: 'datto-edr', date: '2026-10-01', orgs: [{ orgId: 'only', name: 'Only', metrics: { TotalDevices: '2.5' } }] };
    await call('POST', '/v1/uploads', { token: t.adminToken, json: replacement });
    const { body: next } = await callAnswer(uploadPull, 'GET', `/v1/uploads?since=${first.cursor}`, { token: t.adminToken });
    expect(next.uploads).toEqual([replacement]);
    const { body: all } = await callAnswer(uploadPull, 'GET', '/v1/uploads', { token: t.adminToken });
    expect(all.uploads).toEqual([replacement]);
  });

  it('pages across many module-days with writes in between, losing nothing', async () => {
    const t = await newTenant();
    const key = await moduleKey(t.adminToken, 'datto-edr');
    for (let day = 1; day <= 12; day++) await call('POST', '/v1/uploads', { token: key.token, json: edrUpload(`2026-10-${String(day).padStart(2, '0')}`, 2) });
    const latest = new Map<string, number>();
    const pulled = await pullAll(t.adminToken, 5, async (page) => {
      // Between pages: a new day, and a replacement of a day already pulled.
      const day = 20 + page;
      await call('POST', '/v1/uploads', { token: key.token, json: edrUpload(`2026-10-${day}`, 1) });
      await call('POST', '/v1/uploads', { token: key.token, json: edrUpload('2026-10-01', 4, 100 + page) });
    });
    for (const u of pulled) latest.set(u.date, Number(u.orgs[0]?.metrics.TotalDevices));
    const { results } = await (await import('cloudflare:workers')).env.DB.prepare('SELECT date FROM uploads WHERE tenant_id = ?').bind(t.tenantId).all<{ date: string }>();
    expect([...latest.keys()].sort()).toEqual(results.map((r) => r.date).sort());
    // The last pulled version of the replaced day is its latest one.
    const { body: final } = await callAnswer(uploadPull, 'GET', '/v1/uploads?limit=1000', { token: t.adminToken });
    const stored = final.uploads.find((u) => u.date === '2026-10-01');
    expect(latest.get('2026-10-01')).toBe(Number(stored?.orgs[0]?.metrics.TotalDevices));
  });

  it('a CSV spanning days stores one module-day per date, quantities as written', async () => {
    const t = await newTenant();
    const { status, body } = await callAnswer(uploadAnswer, 'POST', '/v1/uploads?module=datto-edr', {
      token: t.adminToken,
      text: `\uFEFF${CSV_HEADER}2026-10-01,a,"Brass, LLC",TotalDevices,3\n2026-10-01,a,"Brass, LLC",MacDevices,1.5\n2026-10-02,a,"Brass, LLC",TotalDevices,4\n\n`,
    });
    expect(status).toBe(200);
    expect(body.uploads.map((u) => [u.date, u.orgs])).toEqual([['2026-10-01', 1], ['2026-10-02', 1]]);
    const { body: pulled } = await callAnswer(uploadPull, 'GET', '/v1/uploads', { token: t.adminToken });
    expect(pulled.uploads[0]).toEqual({ module: 'datto-edr', date: '2026-10-01', orgs: [{ orgId: 'a', name: 'Brass, LLC', metrics: { TotalDevices: '3', MacDevices: '1.5' } }] });
  });

  it('a Datto RMM device list becomes the day\'s datto-rmm upload with all 21 counts per site', async () => {
    const t = await newTenant();
    const key = await moduleKey(t.adminToken, 'datto-rmm');
    const devices = { devices: [
      { uid: 'd1', siteUid: 's1', siteName: 'Site <1>', deviceClass: 'device', deviceType: { category: 'Laptop', type: 'Laptop' } },
      { uid: 'd2', siteUid: 's1', siteName: 'Site <1>', deviceClass: 'printer', deviceType: { category: 'Printer', type: 'Printer' } },
      { uid: 'd3', siteUid: 's2', siteName: 'Site 2', deviceClass: 'device', deviceType: { category: 'Desktop', type: 'Desktop' }, deleted: true },
    ] };
    expect((await call('POST', '/v1/modules/datto-rmm/devices?date=2026-10-03', { token: key.token, json: devices })).status).toBe(200);
    const { body } = await callAnswer(uploadPull, 'GET', '/v1/uploads', { token: t.adminToken });
    const [upload] = body.uploads;
    expect(upload?.module).toBe('datto-rmm');
    expect(upload?.orgs.map((o) => o.orgId)).toEqual(['s1', 's2']);
    expect(Object.keys(upload?.orgs[0]?.metrics ?? {})).toHaveLength(21);
    expect(upload?.orgs[0]?.metrics).toMatchObject({ AllDevicesMetric: 2, LaptopMetric: 1, DesktopLaptopMetric: 1, PrinterMetric: 1 });
    expect(upload?.orgs[1]?.metrics.AllDevicesMetric).toBe(0);
  });

  it('uploads for a custom module once it exists, and lists modules with their last upload', async () => {
    const t = await newTenant();
    const upload = { module: 'acme-backup', date: '2026-10-04', orgs: [{ orgId: 'x', name: 'X', metrics: { Seats: 3 } }, { orgId: 'y', metrics: { Seats: 1 } }] };
    expect((await call('POST', '/v1/uploads', { token: t.adminToken, json: upload })).status).toBe(400);
    expect((await call('POST', '/v1/modules', { token: t.adminToken, json: { id: 'acme-backup', name: 'Acme Backup', billingTypes: [{ id: 'Seats', label: 'Seats' }] } })).status).toBe(201);
    expect((await call('POST', '/v1/modules', { token: t.adminToken, json: { id: 'acme-backup', name: 'Again', billingTypes: [{ id: 'Seats', label: 'Seats' }] } })).status).toBe(409);
    expect((await call('POST', '/v1/modules', { token: t.adminToken, json: { id: 'datto-rmm', name: 'Clash', billingTypes: [{ id: 'Seats', label: 'Seats' }] } })).status).toBe(409);
    expect((await call('POST', '/v1/uploads', { token: t.adminToken, json: upload })).status).toBe(200);
    await call('POST', '/v1/uploads', { token: t.adminToken, json: { ...upload, date: '2026-10-02' } });
    const { body } = await callAnswer(moduleList, 'GET', '/v1/modules', { token: t.adminToken });
    expect(body.modules.find((m) => m.id === 'acme-backup')).toMatchObject({ custom: true, lastUploadDate: '2026-10-04', orgCount: 2 });
    expect(body.modules.find((m) => m.id === 'datto-rmm')).toMatchObject({ custom: false, lastUploadDate: null, orgCount: 0 });
    expect(body.modules.length).toBeGreaterThanOrEqual(24);
  });

  it('a large module-day is stored in parts and pulled back whole', async () => {
    const t = await newTenant();
    const big = edrUpload('2026-10-01', 12_000);
    expect((await call('POST', '/v1/uploads', { token: t.adminToken, json: big })).status).toBe(200);
    expect(Number((await footprint(t.tenantId)).parts)).toBeGreaterThan(1);
    const { body } = await callAnswer(uploadPull, 'GET', '/v1/uploads', { token: t.adminToken });
    expect(body.uploads[0]).toEqual(big);
  });

  it('narrows a pull to recent days, then to the older days stored up to that pull\'s cursor, which together are every module-day once', async () => {
    const t = await newTenant();
    const key = await moduleKey(t.adminToken, 'datto-edr');
    for (const date of ['2026-09-30', '2026-10-01', '2026-08-15', '2026-10-20', '2026-09-01']) await call('POST', '/v1/uploads', { token: key.token, json: edrUpload(date, 2) });
    const { body: recent } = await callAnswer(uploadPull, 'GET', '/v1/uploads?from=2026-09-01&limit=2', { token: t.adminToken });
    expect(recent.uploads.map((u) => u.date)).toEqual(['2026-09-30', '2026-10-01']);
    expect(recent).toMatchObject({ more: true, remaining: 2 });
    const { body: rest } = await callAnswer(uploadPull, 'GET', `/v1/uploads?from=2026-09-01&since=${recent.cursor}`, { token: t.adminToken });
    expect(rest.uploads.map((u) => u.date)).toEqual(['2026-10-20', '2026-09-01']);
    expect(rest).toMatchObject({ more: false, remaining: 0 });

    // Stored after the recent pull: a new old day and a replaced one; the history pull stops at the recent pull's cursor.
    await call('POST', '/v1/uploads', { token: key.token, json: edrUpload('2026-07-01', 1) });
    await call('POST', '/v1/uploads', { token: key.token, json: edrUpload('2026-09-30', 4, 7) });
    const { body: history } = await callAnswer(uploadPull, 'GET', `/v1/uploads?before=2026-09-01&until=${rest.cursor}`, { token: t.adminToken });
    expect(history.uploads.map((u) => u.date)).toEqual(['2026-08-15']);
    const { body: after } = await callAnswer(uploadPull, 'GET', `/v1/uploads?since=${rest.cursor}`, { token: t.adminToken });
    expect(after.uploads.map((u) => u.date)).toEqual(['2026-07-01', '2026-09-30']);
  });

  it('rejects a bad day or cursor narrowing a pull', async () => {
    const t = await newTenant();
    const { status, body } = await callError('GET', '/v1/uploads?from=2026-02-30&before=soon&until=-1', { token: t.adminToken });
    expect(status).toBe(400);
    expect(body.error.issues.map((i) => i.path).sort()).toEqual(['before', 'from', 'until']);
  });

  it('rejects a bad cursor or limit', async () => {
    const t = await newTenant();
    const { status, body } = await callError('GET', '/v1/uploads?since=abc&limit=0', { token: t.adminToken });
    expect(status).toBe(400);
    expect(body.error.issues.map((i) => i.path).sort()).toEqual(['limit', 'since']);
  });
});
