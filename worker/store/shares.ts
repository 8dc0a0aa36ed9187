import type { Invoice } from '../../shared/schema/invoice.ts';
import { invoice as invoiceSchema } from '../../shared/schema/invoice.ts';
import { newId, newToken, sha256Hex } from '../auth/token.ts';

/** Publishes a frozen invoice; the token exists only in the answer. */
export async function createShare(db: D1Database, tenantId: string, invoice: Invoice, expiresAt: string | null, now: string): Promise<{ id: string; token: string }> {
  const id = newId();
  const token = newToken('share');
  await db.prepare('INSERT INTO shares (id, tenant_id, token_hash, invoice, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
    .bind(id, tenantId, await sha256Hex(token), JSON.stringify(invoice), now, expiresAt).run();
  return { id, token };
}

/** Revokes a share of the tenant; false when the tenant has no live share with that id. */
export async function revokeShare(db: D1Database, tenantId: string, id: string, now: string): Promise<boolean> {
  const result = await db.prepare('UPDATE shares SET revoked_at = ? WHERE id = ? AND tenant_id = ? AND revoked_at IS NULL')
    .bind(now, id, tenantId).run();
  return result.meta.changes > 0;
}

export interface SharedInvoice {
  invoice: Invoice;
  tenantName: string;
  createdAt: string;
}

/** The invoice behind a share token, or null when unknown, revoked or expired. */
export async function findShare(db: D1Database, token: string, now: number): Promise<SharedInvoice | null> {
  const row = await db.prepare(
    `SELECT s.invoice, s.created_at, s.expires_at, t.name FROM shares s JOIN tenants t ON t.id = s.tenant_id
     WHERE s.token_hash = ? AND s.revoked_at IS NULL`,
  ).bind(await sha256Hex(token)).first<{ invoice: string; created_at: string; expires_at: string | null; name: string }>();
  if (!row) return null;
  if (row.expires_at !== null && Date.parse(row.expires_at) <= now) return null;
  return { invoice: invoiceSchema.parse(JSON.parse(row.invoice)), tenantName: row.name, createdAt: row.created_at };
}
