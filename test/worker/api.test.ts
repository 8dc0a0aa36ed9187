import { describe, expect, it } from 'vitest';
import { call, callAnswer, callError, callJson, newTenant } from './support/edge.ts';
import { keyAnswer } from '../../shared/schema/api.ts';

describe('the OpenAPI document', () => {
  it('describes every route, generated from the validating schemas', async () => {
    const { status, body } = await callJson<{ openapi: string; paths: Record<string, Record<string, unknown>>; components: { schemas?: Record<string, unknown> } }>('GET', '/v1/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toMatch(/^3\./);
    const routes = Object.entries(body.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`)).sort();
    expect(routes).toEqual([
      'DELETE /v1/connectors/{module}', 'DELETE /v1/keys/{id}', 'DELETE /v1/shares/{id}', 'GET /s/{token}', 'GET /v1/changes', 'GET /v1/connectors', 'GET /v1/health',
      'GET /v1/keys', 'GET /v1/modules', 'GET /v1/snapshot', 'GET /v1/uploads', 'POST /v1/changes', 'POST /v1/connectors/{module}/run', 'POST /v1/connectors/{module}/test',
      'POST /v1/keys', 'POST /v1/modules', 'POST /v1/modules/datto-rmm/devices', 'POST /v1/shares', 'POST /v1/uploads', 'PUT /v1/connectors/{module}',
    ]);
    const upload = JSON.stringify(body.paths['/v1/uploads']);
    expect(upload).toContain('text/csv');
    expect(upload).toContain('orgId');
  });
});

describe('errors and CORS', () => {
  it('answers unknown routes with the JSON error shape', async () => {
    const { status, body } = await callError('GET', '/v1/nothing-here', { token: (await newTenant()).adminToken });
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });

  it('answers a wrong content type on JSON routes with 415', async () => {
    const t = await newTenant();
    for (const path of ['/v1/changes', '/v1/shares', '/v1/keys', '/v1/modules', '/v1/modules/datto-rmm/devices?date=2026-10-01']) {
      const response = await call('POST', path, { token: t.adminToken, text: 'module=x', type: 'application/x-www-form-urlencoded' });
      expect(response.status, path).toBe(415);
    }
  });

  it('answers malformed JSON on JSON routes with 400 in the error shape', async () => {
    const t = await newTenant();
    for (const path of ['/v1/changes', '/v1/shares', '/v1/keys', '/v1/modules', '/v1/modules/datto-rmm/devices?date=2026-10-01']) {
      const { status, body } = await callError('POST', path, { token: t.adminToken, text: '{"a":', type: 'application/json' });
      expect(status, path).toBe(400);
      expect(body.error.code).toBe('invalid');
      expect(body.error.issues.length).toBeGreaterThan(0);
    }
  });

  it('allows the SPA dev origin and no other', async () => {
    const allowed = await call('OPTIONS', '/v1/uploads', { headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const other = await call('OPTIONS', '/v1/uploads', { headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('keys', () => {
  it('creates module keys and admin tokens shown once, and lists them without secrets', async () => {
    const t = await newTenant();
    const { status, body } = await callAnswer(keyAnswer, 'POST', '/v1/keys', { token: t.adminToken, json: { module: 'graphus', label: 'Graphus nightly' } });
    expect(status).toBe(201);
    expect(body).toMatchObject({ kind: 'module', module: 'graphus' });
    expect(body.token).toMatch(/^tum_[A-Za-z0-9_-]{43}$/);
    const admin = await callAnswer(keyAnswer, 'POST', '/v1/keys', { token: t.adminToken, json: { admin: true } });
    expect(admin.body.kind).toBe('admin');
    expect((await call('GET', '/v1/modules', { token: admin.body.token })).status).toBe(200);
    const list = await (await call('GET', '/v1/keys', { token: t.adminToken })).text();
    expect(list).toContain('Graphus nightly');
    expect(list).not.toContain(body.token);
  });

  it('rejects a key for an unknown module, or for nothing', async () => {
    const t = await newTenant();
    expect((await call('POST', '/v1/keys', { token: t.adminToken, json: { module: 'nope' } })).status).toBe(400);
    expect((await call('POST', '/v1/keys', { token: t.adminToken, json: {} })).status).toBe(400);
    expect((await call('POST', '/v1/keys', { token: t.adminToken, json: { module: 'graphus', admin: true } })).status).toBe(400);
  });
});
