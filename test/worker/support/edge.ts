// Helpers for worker tests: tenants and tokens created straight in D1 (as the tenant
// script does), requests through the real app with the test D1 binding.
import { env } from 'cloudflare:workers';
import type { z } from 'zod';
import { apiError, type ApiError } from '../../../shared/schema/api.ts';
import app from '../../../worker/index.ts';
import { newId, newToken, sha256Hex } from '../../../worker/auth/token.ts';

export interface Tenant {
  tenantId: string;
  adminToken: string;
}

/** A new tenant with one admin token. */
export async function newTenant(name = 'Test MSP'): Promise<Tenant> {
  const tenantId = newId();
  const adminToken = newToken('admin');
  const now = new Date().toISOString();
  await env.DB.batch([
    env.DB.prepare('INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?)').bind(tenantId, name, now),
    env.DB.prepare("INSERT INTO tokens (id, tenant_id, kind, hash, created_at) VALUES (?, ?, 'admin', ?, ?)").bind(newId(), tenantId, await sha256Hex(adminToken), now),
  ]);
  return { tenantId, adminToken };
}

export interface CallOptions {
  token?: string | null;
  json?: unknown;
  text?: string;
  type?: string;
  headers?: Record<string, string>;
  /** Bindings that differ for this request, e.g. the dev clock shift (worker/clock.ts). */
  bindings?: Partial<Cloudflare.Env>;
}

/** Sends a request through the worker app. */
export async function call(method: string, path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] = options.type ?? 'application/json';
  } else if (options.text !== undefined) {
    body = options.text;
    headers['content-type'] = options.type ?? 'text/csv';
  }
  return app.request(`http://edge.test${path}`, { method, headers, body }, options.bindings ? { ...env, ...options.bindings } : env);
}

/** Sends a request and returns status and parsed JSON body (null when the body is empty). */
export async function callJson<T = Record<string, unknown>>(method: string, path: string, options: CallOptions = {}): Promise<{ status: number; body: T }> {
  const response = await call(method, path, options);
  const text = await response.text();
  return { status: response.status, body: (text === '' ? null : JSON.parse(text)) as T };
}

/**
 * Sends a request and reads the answer with the edge's own answer schema
 * (shared/schema/api.ts), so an answer that drifts from its published shape fails the test.
 */
export async function callAnswer<T>(schema: z.ZodType<T>, method: string, path: string, options: CallOptions = {}): Promise<{ status: number; body: T }> {
  const { status, body } = await callJson<unknown>(method, path, options);
  if (status >= 400) throw new Error(`${method} ${path} answered ${status}: ${JSON.stringify(body).slice(0, 500)}`);
  return { status, body: schema.parse(body) };
}

/** An error answer, its problem list always present (empty when the error names none). */
export interface ErrorAnswer { error: ApiError['error'] & { issues: NonNullable<ApiError['error']['issues']> } }

/** Sends a request that must fail, and reads the error answer with the shared apiError schema. */
export async function callError(method: string, path: string, options: CallOptions = {}): Promise<{ status: number; body: ErrorAnswer }> {
  const { status, body } = await callJson<unknown>(method, path, options);
  if (status < 400) throw new Error(`${method} ${path} answered ${status}, not an error`);
  const { error } = apiError.parse(body);
  return { status, body: { error: { ...error, issues: error.issues ?? [] } } };
}

/** A module upload key made through the admin route. */
export async function moduleKey(adminToken: string, module: string): Promise<{ id: string; token: string }> {
  const { status, body } = await callJson<{ id: string; token: string }>('POST', '/v1/keys', { token: adminToken, json: { module } });
  if (status !== 201) throw new Error(`creating a key for ${module} answered ${status}`);
  return body;
}

/** Row counts of everything a tenant owns, to prove a rejected request wrote nothing. */
export async function footprint(tenantId: string): Promise<Record<string, unknown>> {
  const row = await env.DB.prepare(
    `SELECT (SELECT seq FROM tenants WHERE id = ?1) AS seq,
            (SELECT COUNT(*) FROM uploads WHERE tenant_id = ?1) AS uploads,
            (SELECT COUNT(*) FROM upload_parts WHERE tenant_id = ?1) AS parts,
            (SELECT COUNT(*) FROM changes WHERE tenant_id = ?1) AS changes,
            (SELECT COUNT(*) FROM modules WHERE tenant_id = ?1) AS modules,
            (SELECT COUNT(*) FROM shares WHERE tenant_id = ?1) AS shares,
            (SELECT COUNT(*) FROM invoice_numbers WHERE tenant_id = ?1) AS numbers,
            (SELECT COUNT(*) FROM tokens WHERE tenant_id = ?1) AS tokens`,
  ).bind(tenantId).first();
  return row ?? {};
}

/** An upload of `orgs` orgs with every Datto EDR metric. */
export function edrUpload(date: string, orgs: number, base = 1): { module: string; date: string; orgs: { orgId: string; name: string; metrics: Record<string, number> }[] } {
  return {
    module: 'datto-edr',
    date,
    orgs: Array.from({ length: orgs }, (_, i) => ({
      orgId: `org-${i}`,
      name: `Org ${i}`,
      metrics: { TotalDevices: base + i, WindowsDevices: base, MacDevices: 0, LinuxDevices: i % 2 },
    })),
  };
}

/** A posted invoice as the bill command prints it. */
export function sampleInvoice(accountName = 'Brass Building Supplies') {
  return {
    id: 'inv-1', accountId: 'a1', accountName, period: '2026-10', status: 'posted' as const, number: 'INV-000007', currency: 'USD',
    total: '47.50',
    lines: [
      { kind: 'item' as const, contractId: 'c1', serviceId: 's1', serviceName: 'Desktop Monitoring', module: 'datto-rmm', moduleName: 'Datto RMM',
        period: '2026-10', quantity: '10.5000', unitPrice: '5.00', amount: '52.50', cost: '12.60', estimated: false },
      { kind: 'adjustment' as const, contractId: 'c1', serviceId: 's1', serviceName: 'Desktop Monitoring', module: 'datto-rmm', moduleName: 'Datto RMM',
        period: '2026-09', quantity: '-1.0000', oldQuantity: '11.0000', newQuantity: '10.0000', amount: '-5.00', cost: null, estimated: false },
    ],
  };
}
