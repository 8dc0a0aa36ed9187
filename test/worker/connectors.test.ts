// Pull connectors end to end: the edge reads a fake Datto RMM (test/support) and stores
// the day's upload in the real local D1, as POST /v1/uploads would.
import { env } from 'cloudflare:workers';
import { describe, expect, inject, it } from 'vitest';
import { addScenario, scenarioLog } from '../support/fake-vendor-client.ts';
import { call, callJson, footprint, moduleKey, newTenant, type Tenant } from './support/edge.ts';
import { EXPECTED_ORGS, rmmAccount } from './support/rmm-account.ts';
import type { RmmScenario } from '../support/fake-datto-rmm.ts';
import { connectorKey } from '../../worker/connectors/crypto.ts';
import { hostProblem } from '../../worker/connectors/hosts.ts';
import { ApiFailure } from '../../worker/errors.ts';
import { edgeToday } from '../../worker/clock.ts';
import { addDays } from '../../shared/dates/day.ts';

const DAY = '2026-10-14';

async function connectRmm(tenant: Tenant, scenario: Partial<RmmScenario> = {}) {
  const account = rmmAccount(scenario);
  const { id, apiUrl } = await addScenario(inject('fakeRmmUrl'), account);
  const saved = await callJson('PUT', '/v1/connectors/datto-rmm', { token: tenant.adminToken, json: { apiUrl, apiKey: account.apiKey, apiSecret: account.apiSecret } });
  expect(saved.status).toBe(200);
  return { id, apiUrl, account };
}

async function storedDay(tenant: Tenant, module: string, date: string) {
  const { body } = await callJson<{ uploads: { module: string; date: string; orgs: unknown[] }[] }>('GET', '/v1/uploads', { token: tenant.adminToken });
  return body.uploads.find((u) => u.module === module && u.date === date) ?? null;
}

describe('the Datto RMM connector', () => {
  it('stores the day with every site\'s 21 counts, the empty site in zeros, deleted and _NotBillable_ devices nowhere', async () => {
    const tenant = await newTenant();
    await connectRmm(tenant);
    const run = await callJson('POST', `/v1/connectors/datto-rmm/run?date=${DAY}`, { token: tenant.adminToken });
    expect(run).toEqual({ status: 200, body: { upload: { module: 'datto-rmm', date: DAY, orgCount: 3 }, status: 'stored' } });
    expect(await storedDay(tenant, 'datto-rmm', DAY)).toEqual({ module: 'datto-rmm', date: DAY, orgs: EXPECTED_ORGS });
  });

  it('answers "unchanged" when the same day reads the same, and records each run', async () => {
    const tenant = await newTenant();
    await connectRmm(tenant);
    await callJson('POST', `/v1/connectors/datto-rmm/run?date=${DAY}`, { token: tenant.adminToken });
    const before = await footprint(tenant.tenantId);
    const again = await callJson<{ status: string }>('POST', `/v1/connectors/datto-rmm/run?date=${DAY}`, { token: tenant.adminToken });
    expect(again.body.status).toBe('unchanged');
    expect(await footprint(tenant.tenantId)).toEqual(before);
    const { body } = await callJson<{ connectors: { module: string; lastRun: Record<string, unknown>; nextRunAt: string }[] }>('GET', '/v1/connectors', { token: tenant.adminToken });
    expect(body.connectors).toHaveLength(1);
    // 2 site pages, 1 filter page, 1 _NotBillable_ device page, 6 device pages
    expect(body.connectors[0]?.lastRun).toMatchObject({ date: DAY, status: 'ok', pages: 10, devices: 11, orgs: 3, error: null });
    expect(body.connectors[0]?.nextRunAt).toMatch(/T00:10:00\.000Z$/);
  });

  it('signs in with the public client, pages devices by 250 following nextPageUrl, reuses the token until a 401 and renews it once', async () => {
    const tenant = await newTenant();
    const { id } = await connectRmm(tenant, { expireTokenAfter: 3 });
    const run = await callJson('POST', `/v1/connectors/datto-rmm/run?date=${DAY}`, { token: tenant.adminToken });
    expect(run.status).toBe(200);
    const log = await scenarioLog(inject('fakeRmmUrl'), id);
    const tokenCalls = log.filter((r) => r.path === '/auth/oauth/token');
    expect(tokenCalls.map((r) => [r.method, r.auth, r.status])).toEqual([['POST', 'basic public-client', 200], ['POST', 'basic public-client', 200]]);
    expect(log.filter((r) => r.status === 401)).toHaveLength(1);
    const devicePages = log.filter((r) => r.path.startsWith('/api/v2/account/devices?') && !r.path.includes('filterId') && r.status === 200).map((r) => r.path);
    expect(devicePages[0]).toBe('/api/v2/account/devices?max=250&page=0');
    expect(devicePages).toHaveLength(6);
    expect(log.some((r) => r.path.startsWith('/api/v2/account/devices?filterId=7001'))).toBe(true);
    expect(await storedDay(tenant, 'datto-rmm', DAY)).toMatchObject({ orgs: EXPECTED_ORGS });
  });

  it('waits out a 429 and carries on', async () => {
    const tenant = await newTenant();
    const { id } = await connectRmm(tenant, { rateLimitOncePath: '/api/v2/account/devices' });
    const run = await callJson('POST', `/v1/connectors/datto-rmm/run?date=${DAY}`, { token: tenant.adminToken });
    expect(run.status).toBe(200);
    const log = await scenarioLog(inject('fakeRmmUrl'), id);
    expect(log.filter((r) => r.status === 429)).toHaveLength(1);
    expect(await storedDay(tenant, 'datto-rmm', DAY)).toMatchObject({ orgs: EXPECTED_ORGS });
  });

  it('gives up after a bounded number of 429s and says so', async () => {
    const tenant = await newTenant();
    const { id } = await connectRmm(tenant, { rateLimitOncePath: '/api/v2/account/devices', rateLimitTimes: 1000 });
    const run = await callJson<{ error: { message: string } }>('POST', `/v1/connectors/datto-rmm/run?date=${DAY}`, { token: tenant.adminToken });
    expect(run.status).toBe(502);
    expect(run.body.error.message).toMatch(/kept answering 429 Too Many Requests for \S*\/api\/v2\/account\/devices after 5 tries/);
    expect((await scenarioLog(inject('fakeRmmUrl'), id)).filter((r) => r.status === 429)).toHaveLength(5);
  });

  it('stops on 403, stores nothing and records why in plain words', async () => {
    const tenant = await newTenant();
    await connectRmm(tenant, { forbiddenPath: '/api/v2/account/devices' });
    const before = await footprint(tenant.tenantId);
    const run = await callJson<{ error: { code: string; message: string } }>('POST', `/v1/connectors/datto-rmm/run?date=${DAY}`, { token: tenant.adminToken });
    expect(run.status).toBe(502);
    expect(run.body.error.message).toContain('403 Forbidden');
    expect(await footprint(tenant.tenantId)).toEqual(before);
    const { body } = await callJson<{ connectors: { lastRun: { status: string; error: string } }[] }>('GET', '/v1/connectors', { token: tenant.adminToken });
    expect(body.connectors[0]?.lastRun.status).toBe('failed');
    expect(body.connectors[0]?.lastRun.error).toMatch(/403 Forbidden for \S*\/api\/v2\/account\/devices: the API user may not read this \("Access denied/);
  });

  it('says the key and secret were refused, without ever repeating them', async () => {
    const tenant = await newTenant();
    const account = rmmAccount();
    const { apiUrl } = await addScenario(inject('fakeRmmUrl'), account);
    await callJson('PUT', '/v1/connectors/datto-rmm', { token: tenant.adminToken, json: { apiUrl, apiKey: account.apiKey, apiSecret: 'wrong-secret-Qx81' } });
    const run = await call('POST', `/v1/connectors/datto-rmm/run?date=${DAY}`, { token: tenant.adminToken });
    const text = await run.text();
    expect(run.status).toBe(502);
    expect(text).toContain('refused the API key and secret');
    expect(text).toContain('Bad credentials');
    const list = await (await call('GET', '/v1/connectors', { token: tenant.adminToken })).text();
    for (const secret of [account.apiKey, 'wrong-secret-Qx81']) {
      expect(text).not.toContain(secret);
      expect(list).not.toContain(secret);
    }
  });
});

describe('connector settings', () => {
  it('are listed without the key or secret, which D1 keeps only sealed', async () => {
    const tenant = await newTenant();
    const { apiUrl, account } = await connectRmm(tenant);
    const response = await call('GET', '/v1/connectors', { token: tenant.adminToken });
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ connectors: [{ module: 'datto-rmm', settings: { apiUrl }, lastRun: null, nextRunAt: expect.stringMatching(/T00:10:00\.000Z$/) }] });
    expect(text).not.toContain(account.apiKey);
    expect(text).not.toContain(account.apiSecret);
    const row = await env.DB.prepare('SELECT * FROM connectors WHERE tenant_id = ?').bind(tenant.tenantId).first();
    expect(JSON.stringify(row)).not.toContain(account.apiSecret);
    expect(JSON.stringify(row)).not.toContain(account.apiKey);
  });

  it('refuse a host that is not the vendor\'s, and plain http to the vendor', async () => {
    const tenant = await newTenant();
    const keys = { apiKey: 'k', apiSecret: 's' };
    const evil = await callJson<{ error: { issues: { path: string; message: string }[] } }>('PUT', '/v1/connectors/datto-rmm', { token: tenant.adminToken, json: { apiUrl: 'https://collector.example.com', ...keys } });
    expect(evil.status).toBe(400);
    expect(evil.body.error.issues).toEqual([{ path: 'apiUrl', message: 'host "collector.example.com" is not the vendor\'s (allowed: *.centrastage.net)' }]);
    const lookalike = await callJson('PUT', '/v1/connectors/datto-rmm', { token: tenant.adminToken, json: { apiUrl: 'https://centrastage.net.example.com', ...keys } });
    expect(lookalike.status).toBe(400);
    const portalHost = await callJson('PUT', '/v1/connectors/datto-rmm', { token: tenant.adminToken, json: { apiUrl: 'https://api.datto.com', ...keys } });
    expect(portalHost.status).toBe(400);
    const http = await callJson('PUT', '/v1/connectors/datto-rmm', { token: tenant.adminToken, json: { apiUrl: 'http://concord-api.centrastage.net', ...keys } });
    expect(http.status).toBe(400);
    expect(await footprint(tenant.tenantId)).toMatchObject({ uploads: 0 });
    const vendor = await callJson('PUT', '/v1/connectors/datto-rmm', { token: tenant.adminToken, json: { apiUrl: 'https://concord-api.centrastage.net/', ...keys } });
    expect(vendor).toEqual({ status: 200, body: { connector: { module: 'datto-rmm', settings: { apiUrl: 'https://concord-api.centrastage.net' } } } });
  });

  it('need the key and secret the first time, and name what is missing', async () => {
    const tenant = await newTenant();
    const missing = await callJson<{ error: { issues: { path: string }[] } }>('PUT', '/v1/connectors/datto-rmm', { token: tenant.adminToken, json: { apiUrl: 'https://concord-api.centrastage.net' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues.map((i) => i.path)).toEqual(['apiKey', 'apiSecret']);
    const unknown = await callJson('PUT', '/v1/connectors/datto-edr', { token: tenant.adminToken, json: { apiUrl: 'https://x.centrastage.net', apiKey: 'k', apiSecret: 's' } });
    expect(unknown.status).toBe(404);
  });

  it('are removed by DELETE, after which a run answers 404', async () => {
    const tenant = await newTenant();
    await connectRmm(tenant);
    expect((await call('DELETE', '/v1/connectors/datto-rmm', { token: tenant.adminToken })).status).toBe(204);
    expect((await call('POST', `/v1/connectors/datto-rmm/run?date=${DAY}`, { token: tenant.adminToken })).status).toBe(404);
    expect((await call('DELETE', '/v1/connectors/datto-rmm', { token: tenant.adminToken })).status).toBe(404);
  });

  it('are the admin\'s: a module key may not read, save or run them, and no tenant sees another\'s', async () => {
    const tenant = await newTenant();
    const other = await newTenant('Other MSP');
    await connectRmm(tenant);
    const key = await moduleKey(tenant.adminToken, 'datto-rmm');
    expect((await call('GET', '/v1/connectors', { token: key.token })).status).toBe(403);
    expect((await call('POST', `/v1/connectors/datto-rmm/run?date=${DAY}`, { token: key.token })).status).toBe(403);
    expect((await callJson('GET', '/v1/connectors', { token: other.adminToken })).body).toEqual({ connectors: [] });
    expect((await call('POST', `/v1/connectors/datto-rmm/run?date=${DAY}`, { token: other.adminToken })).status).toBe(404);
  });

  it('refuse a run date that is not a calendar day, before 2000 or more than 2 days ahead', async () => {
    const tenant = await newTenant();
    await connectRmm(tenant);
    const before = await footprint(tenant.tenantId);
    for (const date of ['2026-02-30', '1999-12-31', addDays(edgeToday(env), 3)]) {
      const run = await callJson<{ error: { issues: { path: string }[] } }>('POST', `/v1/connectors/datto-rmm/run?date=${date}`, { token: tenant.adminToken });
      expect(run.status).toBe(400);
      expect(run.body.error.issues[0]?.path).toBe('date');
    }
    expect(await footprint(tenant.tenantId)).toEqual(before);
  });
});

describe('testing a connection', () => {
  it('signs in and reads one page of the form\'s settings, storing nothing', async () => {
    const tenant = await newTenant();
    const account = rmmAccount();
    const { apiUrl } = await addScenario(inject('fakeRmmUrl'), account);
    const test = await callJson('POST', '/v1/connectors/datto-rmm/test', { token: tenant.adminToken, json: { apiUrl, apiKey: account.apiKey, apiSecret: account.apiSecret } });
    expect(test).toEqual({ status: 200, body: { ok: true, message: 'Signed in to Datto RMM. The first page lists 2 devices of 11.' } });
    expect(await footprint(tenant.tenantId)).toMatchObject({ uploads: 0 });
    expect((await callJson('GET', '/v1/connectors', { token: tenant.adminToken })).body).toEqual({ connectors: [] });
  });

  it('gives the vendor\'s refusal in plain words', async () => {
    const tenant = await newTenant();
    const account = rmmAccount();
    const { apiUrl } = await addScenario(inject('fakeRmmUrl'), account);
    const test = await callJson('POST', '/v1/connectors/datto-rmm/test', { token: tenant.adminToken, json: { apiUrl, apiKey: account.apiKey, apiSecret: 'nope-nope' } });
    expect(test).toEqual({ status: 200, body: { ok: false, message: 'Datto RMM refused the API key and secret (401 Unauthorized): "Bad credentials". Check them, or make new ones in Datto RMM.' } });
  });
});

describe('the connector key and hosts', () => {
  it('needs CONNECTOR_KEY, except on a local test edge that allows extra hosts', async () => {
    await expect(connectorKey({})).rejects.toThrow(ApiFailure);
    await expect(connectorKey({ CONNECTOR_KEY: 'dG9vIHNob3J0' })).rejects.toThrow(/32 random bytes/);
    await expect(connectorKey({ CONNECTOR_ALLOW_HOSTS: '127.0.0.1' })).resolves.toBeDefined();
  });

  it('allows the vendor\'s hosts over https and the listed extra hosts', () => {
    const rmm = ['*.centrastage.net'];
    expect(hostProblem('https://pinotage-api.centrastage.net', rmm, undefined)).toBeNull();
    expect(hostProblem('https://api.centrastage.net.attacker.example', rmm, undefined)).toMatch(/is not the vendor's/);
    expect(hostProblem('http://127.0.0.1:8080', rmm, undefined)).toMatch(/is not the vendor's/);
    expect(hostProblem('http://127.0.0.1:8080', rmm, '127.0.0.1')).toBeNull();
    expect(hostProblem('http://127.0.0.1:8080', rmm, 'localhost, 127.0.0.1:8080')).toBeNull();
    expect(hostProblem('https://user:pw@concord-api.centrastage.net', rmm, undefined)).toMatch(/must not carry a user name/);
    expect(hostProblem('ftp://127.0.0.1', rmm, '127.0.0.1')).toBe('must be an http or https URL');
  });
});
