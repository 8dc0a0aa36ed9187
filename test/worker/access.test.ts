// Every route × every kind of caller (docs/billing-rules.md#edge-api): no token, a bad token, the tenant's
// admin, a module key of the route's module, a key of another module, and the admin of
// another tenant. Nothing reaches another tenant's data.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, callAnswer, callJson, edrUpload, footprint, moduleKey, newTenant, sampleInvoice, type Tenant } from './support/edge.ts';
import { keyList, shareAnswer } from '../../shared/schema/api.ts';

type Caller = 'none' | 'bad' | 'admin' | 'rightKey' | 'otherKey' | 'otherTenant';
const CALLERS: Caller[] = ['none', 'bad', 'admin', 'rightKey', 'otherKey', 'otherTenant'];

let home: Tenant;
let away: Tenant;
const keys: Record<string, string> = {};

beforeAll(async () => {
  home = await newTenant('Home MSP');
  away = await newTenant('Away MSP');
  for (const module of ['datto-edr', 'datto-rmm', 'vsa']) keys[module] = (await moduleKey(home.adminToken, module)).token;
});

function tokenOf(caller: Caller, module: string): string | null {
  switch (caller) {
    case 'none': return null;
    case 'bad': return 'tua_not-a-real-token';
    case 'admin': return home.adminToken;
    case 'rightKey': return keys[module] ?? null;
    case 'otherKey': return keys.vsa ?? null;
    case 'otherTenant': return away.adminToken;
  }
}

interface RouteCase {
  name: string;
  module: string;
  expected: Record<Caller, number>;
  /** Builds the request; may create home-tenant fixtures (a share, a key) first. */
  send(token: string | null, caller: Caller): Promise<Response>;
}

const ADMIN_ONLY = { none: 401, bad: 401, admin: 200, rightKey: 403, otherKey: 403, otherTenant: 200 };
const UPLOAD = { none: 401, bad: 401, admin: 200, rightKey: 200, otherKey: 403, otherTenant: 200 };
const PUBLIC = { none: 200, bad: 200, admin: 200, rightKey: 200, otherKey: 200, otherTenant: 200 };

async function homeShare(): Promise<{ id: string; token: string }> {
  const { body } = await callAnswer(shareAnswer, 'POST', '/v1/shares', { token: home.adminToken, json: { invoice: sampleInvoice() } });
  return body;
}

let customCount = 0;

const ROUTES: RouteCase[] = [
  { name: 'POST /v1/uploads (JSON)', module: 'datto-edr', expected: UPLOAD,
    send: (token) => call('POST', '/v1/uploads', { token, json: edrUpload('2026-10-01', 2) }) },
  { name: 'POST /v1/uploads (CSV)', module: 'datto-edr', expected: UPLOAD,
    send: (token) => call('POST', '/v1/uploads?module=datto-edr', { token, text: 'date,orgId,orgName,billingType,quantity\n2026-10-02,o1,Org 1,TotalDevices,4\n' }) },
  { name: 'POST /v1/modules/datto-rmm/devices', module: 'datto-rmm', expected: UPLOAD,
    send: (token) => call('POST', '/v1/modules/datto-rmm/devices?date=2026-10-01', { token, json: [{ siteUid: 's1', siteName: 'Site 1', deviceClass: 'device', deviceType: { category: 'Laptop', type: 'Laptop' } }] }) },
  { name: 'GET /v1/uploads', module: 'datto-edr', expected: ADMIN_ONLY, send: (token) => call('GET', '/v1/uploads', { token }) },
  { name: 'GET /v1/modules', module: 'datto-edr', expected: ADMIN_ONLY, send: (token) => call('GET', '/v1/modules', { token }) },
  { name: 'POST /v1/modules', module: 'datto-edr', expected: { ...ADMIN_ONLY, admin: 201, otherTenant: 201 },
    send: (token) => call('POST', '/v1/modules', { token, json: { id: `custom-${++customCount}`, name: 'Custom', billingTypes: [{ id: 'Seats', label: 'Seats' }] } }) },
  { name: 'POST /v1/changes', module: 'datto-edr', expected: ADMIN_ONLY,
    send: (token) => call('POST', '/v1/changes', { token, json: { changes: [{ table: 'accounts', id: 'a1', fields: { name: 'A' }, hlc: '001790000000000-000000-b1', origin: 'b1' }] } }) },
  { name: 'GET /v1/changes', module: 'datto-edr', expected: ADMIN_ONLY, send: (token) => call('GET', '/v1/changes', { token }) },
  { name: 'POST /v1/shares', module: 'datto-edr', expected: { ...ADMIN_ONLY, admin: 201, otherTenant: 201 },
    send: (token) => call('POST', '/v1/shares', { token, json: { invoice: sampleInvoice() } }) },
  { name: 'DELETE /v1/shares/:id', module: 'datto-edr', expected: { ...ADMIN_ONLY, admin: 204, otherTenant: 404 },
    send: async (token) => call('DELETE', `/v1/shares/${(await homeShare()).id}`, { token }) },
  { name: 'GET /v1/keys', module: 'datto-edr', expected: ADMIN_ONLY, send: (token) => call('GET', '/v1/keys', { token }) },
  { name: 'POST /v1/keys', module: 'datto-edr', expected: { ...ADMIN_ONLY, admin: 201, otherTenant: 201 },
    send: (token) => call('POST', '/v1/keys', { token, json: { module: 'datto-edr' } }) },
  { name: 'DELETE /v1/keys/:id', module: 'datto-edr', expected: { ...ADMIN_ONLY, admin: 204, otherTenant: 404 },
    send: async (token) => call('DELETE', `/v1/keys/${(await moduleKey(home.adminToken, 'graphus')).id}`, { token }) },
  { name: 'GET /s/:token', module: 'datto-edr', expected: PUBLIC, send: async (token) => call('GET', `/s/${(await homeShare()).token}`, { token }) },
  { name: 'GET /v1/health', module: 'datto-edr', expected: PUBLIC, send: (token) => call('GET', '/v1/health', { token }) },
  { name: 'GET /v1/openapi.json', module: 'datto-edr', expected: PUBLIC, send: (token) => call('GET', '/v1/openapi.json', { token }) },
];

describe.each(ROUTES)('$name', (route) => {
  it.each(CALLERS)('answers %s with the expected status', async (caller) => {
    const response = await route.send(tokenOf(caller, route.module), caller);
    expect(response.status).toBe(route.expected[caller]);
    if (response.status >= 400) {
      const body = await response.json<{ error: { code: string; message: string } }>();
      expect(body.error.code).toMatch(/^[a-z_]+$/);
      expect(body.error.message).not.toBe('');
    }
  });
});

describe('tenant isolation', () => {
  it('never shows one tenant\'s uploads, modules or changes to another', async () => {
    const a = await newTenant('A');
    const b = await newTenant('B');
    await call('POST', '/v1/uploads', { token: a.adminToken, json: { module: 'graphus', date: '2026-10-05', orgs: [{ orgId: 'secret-org', name: 'Secret', metrics: { ProtectedInboxes: 9 } }] } });
    await call('POST', '/v1/modules', { token: a.adminToken, json: { id: 'secret-module', name: 'Secret', billingTypes: [{ id: 'Seats', label: 'Seats' }] } });
    await call('POST', '/v1/changes', { token: a.adminToken, json: { changes: [{ table: 'accounts', id: 'secret-account', fields: { name: 'Secret' }, hlc: '001790000000000-000000-b1', origin: 'b1' }] } });
    for (const path of ['/v1/uploads', '/v1/modules', '/v1/changes', '/v1/keys']) {
      const text = await (await call('GET', path, { token: b.adminToken })).text();
      expect(text).not.toContain('secret');
    }
    // B cannot upload for A's custom module either: it does not exist for B.
    const upload = await call('POST', '/v1/uploads', { token: b.adminToken, json: { module: 'secret-module', date: '2026-10-05', orgs: [] } });
    expect(upload.status).toBe(400);
  });

  it('a revoked module key is refused', async () => {
    const t = await newTenant();
    const key = await moduleKey(t.adminToken, 'datto-edr');
    expect((await call('POST', '/v1/uploads', { token: key.token, json: edrUpload('2026-10-01', 1) })).status).toBe(200);
    expect((await call('DELETE', `/v1/keys/${key.id}`, { token: t.adminToken })).status).toBe(204);
    const before = await footprint(t.tenantId);
    expect((await call('POST', '/v1/uploads', { token: key.token, json: edrUpload('2026-10-02', 1) })).status).toBe(401);
    expect(await footprint(t.tenantId)).toEqual(before);
  });

  it('an admin token cannot revoke itself', async () => {
    const t = await newTenant();
    const { body } = await callAnswer(keyList, 'GET', '/v1/keys', { token: t.adminToken });
    const own = body.keys.find((k) => k.kind === 'admin');
    expect((await call('DELETE', `/v1/keys/${own?.id ?? ''}`, { token: t.adminToken })).status).toBe(409);
  });

  it('stores only hashes of tokens', async () => {
    const t = await newTenant();
    const key = await moduleKey(t.adminToken, 'datto-edr');
    const { env } = await import('cloudflare:workers');
    const dump = JSON.stringify((await env.DB.prepare('SELECT * FROM tokens WHERE tenant_id = ?').bind(t.tenantId).all()).results);
    expect(dump).not.toContain(key.token);
    expect(dump).not.toContain(t.adminToken);
  });
});
