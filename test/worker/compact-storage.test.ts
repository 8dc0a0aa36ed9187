// Large change values and upload parts are stored compressed (docs/edge-storage.md); rows
// written before migration 0006 (JSON text) are still served exactly as they were stored.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { changePull, uploadPull } from '../../shared/schema/api.ts';
import { call, callAnswer, edrUpload, newTenant } from './support/edge.ts';
import { postedInvoiceFields } from './support/scaled-msp.ts';

const NOW = 1_790_000_000_000;
const clock = (counter: number, origin = 'browser-a') => `${String(NOW).padStart(15, '0')}-${String(counter).padStart(6, '0')}-${origin}`;

describe('compact storage at the edge', () => {
  it('keeps a posted invoice\'s lines once, compressed, and gives the change back exactly, keys in order', async () => {
    const t = await newTenant();
    const post = { table: 'invoices', id: 'inv-1', fields: postedInvoiceFields(7, '2025-10', '2025-10-31T09:00:00.000Z'), hlc: clock(1), origin: 'browser-a' };
    expect((await call('POST', '/v1/changes', { token: t.adminToken, json: { changes: [post] } })).status).toBe(200);
    const row = await env.DB.prepare("SELECT fields, LENGTH(packed) AS packed, fields ->> '$.status' AS status FROM changes WHERE tenant_id = ? AND origin = 'browser-a'")
      .bind(t.tenantId).first<{ fields: string; packed: number; status: string }>();
    // The lines (with 31 days each) are in the blob, a tenth of their JSON; the status stays readable by SQL.
    expect(JSON.parse(row?.fields ?? '{}').lines).toBeNull();
    expect(row?.status).toBe('posted');
    expect(row?.packed).toBeLessThan(JSON.stringify(post.fields.lines).length / 5);
    const { body } = await callAnswer(changePull, 'GET', '/v1/changes', { token: t.adminToken });
    expect(body.changes[0]).toEqual(post);
    expect(JSON.stringify(body.changes[0])).toBe(JSON.stringify(post));
    expect(body.changes[1]?.fields).toEqual({ number: 'INV-000001' });
  });

  it('pushing the same large change again stores it once', async () => {
    const t = await newTenant();
    const post = { table: 'invoices', id: 'inv-1', fields: postedInvoiceFields(1, '2025-09', '2025-09-30T09:00:00.000Z'), hlc: clock(1), origin: 'browser-a' };
    await call('POST', '/v1/changes', { token: t.adminToken, json: { changes: [post] } });
    await call('POST', '/v1/changes', { token: t.adminToken, json: { changes: [post, post] } });
    const { body } = await callAnswer(changePull, 'GET', '/v1/changes', { token: t.adminToken });
    expect(body.changes.map((c) => c.origin)).toEqual(['browser-a', 'edge']);
  });

  it('stores upload parts compressed and pulls them back whole', async () => {
    const t = await newTenant();
    const upload = edrUpload('2025-10-01', 300);
    expect((await call('POST', '/v1/uploads', { token: t.adminToken, json: upload })).status).toBe(200);
    const part = await env.DB.prepare('SELECT typeof(orgs) AS kind, LENGTH(orgs) AS bytes FROM upload_parts WHERE tenant_id = ?').bind(t.tenantId).first<{ kind: string; bytes: number }>();
    expect(part?.kind).toBe('blob');
    expect(part?.bytes).toBeLessThan(JSON.stringify(upload.orgs).length / 4);
    const { body } = await callAnswer(uploadPull, 'GET', '/v1/uploads', { token: t.adminToken });
    expect(body.uploads).toEqual([upload]);
  });

  it('serves rows stored as JSON text before migration 0006 exactly as before, beside compressed ones', async () => {
    const t = await newTenant();
    const old = { table: 'invoices', id: 'inv-old', fields: postedInvoiceFields(3, '2025-08', '2025-08-31T09:00:00.000Z'), hlc: clock(1), origin: 'browser-a' };
    const oldUpload = edrUpload('2025-08-01', 20);
    // As the edge wrote them before: fields and parts as JSON text, no blob.
    await env.DB.batch([
      env.DB.prepare("INSERT INTO changes (tenant_id, seq, tbl, record_id, fields, hlc, origin) VALUES (?, 1, 'invoices', ?, ?, ?, ?)")
        .bind(t.tenantId, old.id, JSON.stringify(old.fields), old.hlc, old.origin),
      env.DB.prepare("INSERT INTO uploads (tenant_id, module, date, seq, hash, org_count, parts, received_at) VALUES (?, 'datto-edr', '2025-08-01', 2, 'old', 20, 1, '2025-08-01T00:00:00Z')").bind(t.tenantId),
      env.DB.prepare("INSERT INTO upload_parts (tenant_id, module, date, part, orgs) VALUES (?, 'datto-edr', '2025-08-01', 0, ?)").bind(t.tenantId, JSON.stringify(oldUpload.orgs)),
      env.DB.prepare('UPDATE tenants SET seq = 2 WHERE id = ?').bind(t.tenantId),
    ]);
    const fresh = { ...old, id: 'inv-new', hlc: clock(2) };
    const newUpload = edrUpload('2025-08-02', 20, 2);
    await call('POST', '/v1/changes', { token: t.adminToken, json: { changes: [fresh] } });
    await call('POST', '/v1/uploads', { token: t.adminToken, json: newUpload });
    const changes = (await callAnswer(changePull, 'GET', '/v1/changes', { token: t.adminToken })).body.changes;
    expect(changes.filter((c) => c.origin !== 'edge')).toEqual([old, fresh]);
    expect((await callAnswer(uploadPull, 'GET', '/v1/uploads', { token: t.adminToken })).body.uploads).toEqual([oldUpload, newUpload]);
  });
});
