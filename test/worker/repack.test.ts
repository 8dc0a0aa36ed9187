// Rows stored as JSON text before compact storage are rewritten compact by the nightly run,
// and every answer stays byte for byte what it was.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { changePull } from '../../shared/schema/api.ts';
import { repackStored } from '../../worker/store/repack.ts';
import { call, callAnswer, edrUpload, newTenant } from './support/edge.ts';
import { postedInvoiceFields } from './support/scaled-msp.ts';

const NOW = 1_790_000_000_000;
const clock = (counter: number) => `${String(NOW).padStart(15, '0')}-${String(counter).padStart(6, '0')}-browser-a`;

async function text(path: string, token: string): Promise<string> {
  return (await call('GET', path, { token })).text();
}

describe('the nightly repack of rows stored before compact storage', () => {
  it('compresses old invoice changes and upload parts, serving exactly the same answers', async () => {
    const t = await newTenant();
    const post = { table: 'invoices', id: 'inv-old', fields: postedInvoiceFields(3, '2025-08', '2025-08-31T09:00:00.000Z'), hlc: clock(1), origin: 'browser-a' };
    const small = { table: 'accounts', id: 'acct-3', fields: { name: 'Client 3', deleted: false }, hlc: clock(2), origin: 'browser-a' };
    const upload = edrUpload('2025-08-01', 200);
    // As the edge stored them before migration 0006.
    await env.DB.batch([
      env.DB.prepare("INSERT INTO changes (tenant_id, seq, tbl, record_id, fields, hlc, origin) VALUES (?1, 1, 'invoices', ?2, json(?3), ?4, 'browser-a')").bind(t.tenantId, post.id, JSON.stringify(post.fields), post.hlc),
      env.DB.prepare("INSERT INTO changes (tenant_id, seq, tbl, record_id, fields, hlc, origin) VALUES (?1, 2, 'accounts', ?2, json(?3), ?4, 'browser-a')").bind(t.tenantId, small.id, JSON.stringify(small.fields), small.hlc),
      env.DB.prepare("INSERT INTO uploads (tenant_id, module, date, seq, hash, org_count, parts, received_at) VALUES (?, 'datto-edr', '2025-08-01', 3, 'old', 200, 1, '2025-08-01T00:00:00Z')").bind(t.tenantId),
      env.DB.prepare("INSERT INTO upload_parts (tenant_id, module, date, part, orgs) VALUES (?, 'datto-edr', '2025-08-01', 0, ?)").bind(t.tenantId, JSON.stringify(upload.orgs)),
      env.DB.prepare('UPDATE tenants SET seq = 3 WHERE id = ?').bind(t.tenantId),
    ]);
    const changesBefore = await text('/v1/changes', t.adminToken);
    const uploadsBefore = await text('/v1/uploads', t.adminToken);
    const snapshotBefore = await text('/v1/snapshot', t.adminToken);

    const first = await repackStored(env.DB, 10_000);
    expect(first.changes).toBeGreaterThanOrEqual(1);
    expect(first.parts).toBeGreaterThanOrEqual(1);
    const rows = await env.DB.prepare('SELECT record_id, packed IS NOT NULL AS packed FROM changes WHERE tenant_id = ? ORDER BY seq').bind(t.tenantId).all<{ record_id: string; packed: number }>();
    expect(rows.results).toEqual([{ record_id: 'inv-old', packed: 1 }, { record_id: 'acct-3', packed: 0 }]);
    const part = await env.DB.prepare('SELECT typeof(orgs) AS kind FROM upload_parts WHERE tenant_id = ?').bind(t.tenantId).first<{ kind: string }>();
    expect(part?.kind).toBe('blob');

    expect(await text('/v1/changes', t.adminToken)).toBe(changesBefore);
    expect(await text('/v1/uploads', t.adminToken)).toBe(uploadsBefore);
    expect(await text('/v1/snapshot', t.adminToken)).toBe(snapshotBefore);
    // Nothing is left to rewrite, and a browser pushing the old change again adds nothing.
    expect(await repackStored(env.DB, 10_000)).toEqual({ changes: 0, parts: 0 });
    await call('POST', '/v1/changes', { token: t.adminToken, json: { changes: [post, small] } });
    const { body } = await callAnswer(changePull, 'GET', '/v1/changes', { token: t.adminToken });
    expect(body.changes.filter((c) => c.origin !== 'edge')).toEqual([post, small]);
  });
});
