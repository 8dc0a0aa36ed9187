import type { Invoice } from '../../shared/schema/invoice.ts';
import { invoice as invoiceSchema } from '../../shared/schema/invoice.ts';
import { newId, newToken, sha256Hex } from '../auth/token.ts';

/** Publishes a frozen invoice; the token exists only in the answer. */
export async function createShare(db: D1Database, tenantId: string, invoice: Invoice, createdAt: string, expiresAt: string | null): Promise<{ id: string; token: string }> {
  const id = newId();
  const token = newToken('share');
  await db.prepare('INSERT INTO shares (id, tenant_id, token_hash, invoice, invoice_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .bind(id, tenantId, await sha256Hex(token), JSON.stringify(invoice), invoice.id ?? null, createdAt, expiresAt).run();
  return { id, token };
}

/** Revokes a share of the tenant; false when the tenant has no live share with that id. */
export async function revokeShare(db: D1Database, tenantId: string, id: string, at: string): Promise<boolean> {
  const result = await db.prepare('UPDATE shares SET revoked_at = ? WHERE id = ? AND tenant_id = ? AND revoked_at IS NULL')
    .bind(at, id, tenantId).run();
  return result.meta.changes > 0;
}

export interface SharedInvoice {
  invoice: Invoice;
  tenantName: string;
  createdAt: string;
}

interface ShareRow {
  invoice: string;
  created_at: string;
  expires_at: string | null;
  name: string;
  status: string | null;
  voided_at: string | null;
}

/**
 * The invoice behind a share token, or null when unknown, revoked or expired. The frozen
 * document is served with the invoice's status as the change log has it now (latest clock
 * wins per field, as every browser merges it): a void that synced shows as voided.
 */
export async function findShare(db: D1Database, token: string, now: number): Promise<SharedInvoice | null> {
  const row = await db.prepare(
    `SELECT s.invoice, s.created_at, s.expires_at, t.name,
            (SELECT c.fields ->> '$.status' FROM changes c
              WHERE c.tenant_id = s.tenant_id AND c.tbl = 'invoices' AND c.record_id = s.invoice_id AND c.fields ->> '$.status' IS NOT NULL
              ORDER BY c.hlc DESC LIMIT 1) AS status,
            (SELECT c.fields ->> '$.voidedAt' FROM changes c
              WHERE c.tenant_id = s.tenant_id AND c.tbl = 'invoices' AND c.record_id = s.invoice_id AND c.fields ->> '$.voidedAt' IS NOT NULL
              ORDER BY c.hlc DESC LIMIT 1) AS voided_at
     FROM shares s JOIN tenants t ON t.id = s.tenant_id
     WHERE s.token_hash = ? AND s.revoked_at IS NULL`,
  ).bind(await sha256Hex(token)).first<ShareRow>();
  if (!row) return null;
  if (row.expires_at !== null && Date.parse(row.expires_at) <= now) return null;
  const frozen = invoiceSchema.parse(JSON.parse(row.invoice));
  const invoice = row.status === 'voided' && frozen.status !== 'voided'
    ? { ...frozen, status: 'voided' as const, ...(row.voided_at ? { voidedAt: row.voided_at } : {}) }
    : frozen;
  return { invoice, tenantName: row.name, createdAt: row.created_at };
}
