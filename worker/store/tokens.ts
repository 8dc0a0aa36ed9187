import type { Caller } from '../env.ts';
import { newId, newToken, sha256Hex } from '../auth/token.ts';

interface TokenRow {
  id: string;
  tenant_id: string;
  kind: 'admin' | 'module';
  module: string | null;
}

/** The caller a token stands for, or null when it is unknown or revoked. */
export async function findCaller(db: D1Database, token: string): Promise<Caller | null> {
  const row = await db.prepare('SELECT id, tenant_id, kind, module FROM tokens WHERE hash = ? AND revoked_at IS NULL')
    .bind(await sha256Hex(token)).first<TokenRow>();
  return row ? { tenantId: row.tenant_id, tokenId: row.id, kind: row.kind, module: row.module } : null;
}

/** Creates an admin token (module null) or a module key; the token is returned once and only its hash is kept. */
export async function createToken(db: D1Database, tenantId: string, module: string | null, label: string, now: string): Promise<{ id: string; token: string }> {
  const id = newId();
  const token = newToken(module === null ? 'admin' : 'module');
  await db.prepare('INSERT INTO tokens (id, tenant_id, kind, module, hash, label, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .bind(id, tenantId, module === null ? 'admin' : 'module', module, await sha256Hex(token), label, now).run();
  return { id, token };
}

/** Revokes a token of the tenant; false when the tenant has no such token. */
export async function revokeToken(db: D1Database, tenantId: string, id: string, now: string): Promise<boolean> {
  const row = await db.prepare('SELECT id FROM tokens WHERE id = ? AND tenant_id = ?').bind(id, tenantId).first();
  if (!row) return false;
  await db.prepare('UPDATE tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? AND tenant_id = ?').bind(now, id, tenantId).run();
  return true;
}

interface KeyRow {
  id: string;
  kind: 'admin' | 'module';
  module: string | null;
  label: string;
  created_at: string;
  revoked_at: string | null;
}

/** Every token of the tenant, without secrets. */
export async function listTokens(db: D1Database, tenantId: string) {
  const { results } = await db.prepare('SELECT id, kind, module, label, created_at, revoked_at FROM tokens WHERE tenant_id = ? ORDER BY created_at, id')
    .bind(tenantId).all<KeyRow>();
  return results.map((r) => ({ id: r.id, kind: r.kind, module: r.module, label: r.label, createdAt: r.created_at, revokedAt: r.revoked_at }));
}
