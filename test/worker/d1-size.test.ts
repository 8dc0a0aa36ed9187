// What a tenant costs in D1: a scaled-down large MSP (200 accounts, 600 module orgs on ten
// modules, two weeks of nightly uploads, eleven posted months) loaded through the real API,
// the database's size read from D1 itself (size_after of a statement) and extrapolated to
// 2,000 accounts, a year of uploads and 21,780 posted invoices. Extrapolating per org-day
// and per invoice is conservative: parts of 600 orgs compress better than parts of 60.
// The figures are printed; the assertions are on what the pulls give back.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { changePull, uploadPull } from '../../shared/schema/api.ts';
import { call, callAnswer, newTenant } from './support/edge.ts';
import { postedInvoiceFields, scaledOrgs, scaledUploads } from './support/scaled-msp.ts';

const ACCOUNTS = 200;
const DAYS = 14;
const MONTHS = 11;
const NOW = 1_790_000_000_000;
const clock = (counter: number) => `${String(NOW).padStart(15, '0')}-${String(counter).padStart(6, '0')}-browser-a`;

async function dbBytes(): Promise<number> {
  const result = await env.DB.prepare('SELECT 1').run();
  return result.meta.size_after;
}

async function payload(sql: string, tenantId: string): Promise<number> {
  const row = await env.DB.prepare(sql).bind(tenantId).first<{ bytes: number | null }>();
  return row?.bytes ?? 0;
}

const MB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

describe('D1 bytes of a large MSP', () => {
  it('stores a scaled tenant, pulls it back whole, and prints what a year of 2,000 clients costs', { timeout: 600_000 }, async () => {
    const t = await newTenant('Scaled MSP');
    const orgs = scaledOrgs(ACCOUNTS);
    const start = await dbBytes();
    const sent = [];
    for (let d = 0; d < DAYS; d++) {
      const date = `2025-03-${String(d + 1).padStart(2, '0')}`;
      for (const upload of scaledUploads(orgs, date, d)) {
        const response = await call('POST', '/v1/uploads', { token: t.adminToken, json: upload });
        expect(response.status).toBe(200);
        sent.push(upload);
      }
    }
    const afterUploads = await dbBytes();
    const invoices = [];
    for (let m = 0; m < MONTHS; m++) {
      const period = `2025-${String(m + 1).padStart(2, '0')}`;
      for (let a = 0; a < ACCOUNTS; a++) {
        invoices.push({ table: 'invoices', id: `inv-${period}-${a}`, fields: postedInvoiceFields(a, period, `${period}-28T09:00:00.000Z`), hlc: clock(invoices.length), origin: 'browser-a' });
      }
    }
    for (let i = 0; i < invoices.length; i += 200) {
      const response = await call('POST', '/v1/changes', { token: t.adminToken, json: { changes: invoices.slice(i, i + 200) } });
      expect(response.status).toBe(200);
    }
    const afterInvoices = await dbBytes();

    // Everything comes back as it was sent.
    const pulled = [];
    let since = '0';
    for (;;) {
      const { body } = await callAnswer(uploadPull, 'GET', `/v1/uploads?since=${since}&limit=200`, { token: t.adminToken });
      pulled.push(...body.uploads);
      since = body.cursor;
      if (!body.more) break;
    }
    expect(pulled).toEqual(sent);
    const changes = [];
    since = '0';
    for (;;) {
      const { body } = await callAnswer(changePull, 'GET', `/v1/changes?since=${since}&limit=1000`, { token: t.adminToken });
      changes.push(...body.changes);
      since = body.cursor;
      if (!body.more) break;
    }
    expect(changes).toHaveLength(2 * invoices.length);
    expect(changes.filter((c) => c.origin !== 'edge')).toEqual(invoices);
    expect(changes.filter((c) => c.origin === 'edge').map((c) => c.fields)).toEqual(invoices.map((_, i) => ({ number: `INV-${String(i + 1).padStart(6, '0')}` })));

    const orgDays = orgs.length * DAYS;
    const uploadBytes = afterUploads - start;
    const invoiceBytes = afterInvoices - afterUploads;
    const yearUploads = (uploadBytes / orgDays) * 6_000 * 365;
    const yearInvoices = (invoiceBytes / invoices.length) * 21_780;
    const parts = await payload('SELECT SUM(LENGTH(CAST(orgs AS BLOB))) AS bytes FROM upload_parts WHERE tenant_id = ?', t.tenantId);
    const fields = await payload('SELECT SUM(LENGTH(CAST(fields AS BLOB))) AS bytes FROM changes WHERE tenant_id = ?', t.tenantId);
    console.log([
      `D1 after ${orgDays} org-days of uploads and ${invoices.length} posted invoices (${ACCOUNTS} accounts):`,
      `  uploads  ${MB(uploadBytes)} (${(uploadBytes / orgDays).toFixed(0)} B per org-day; part values ${MB(parts)})`,
      `  invoices ${MB(invoiceBytes)} (${(invoiceBytes / invoices.length).toFixed(0)} B per posted invoice with its number; change values ${MB(fields)})`,
      `  a year of 2,000 accounts (6,000 orgs, 365 days, 21,780 invoices): uploads ${MB(yearUploads)} + invoices ${MB(yearInvoices)} = ${MB(yearUploads + yearInvoices)}`,
    ].join('\n'));
  });
});
