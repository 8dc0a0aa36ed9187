// The D1 chores of the scripts: migrate, run SQL, create a tenant.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { newId, newToken, sha256Hex } from '../../worker/auth/token.ts';
import { ROOT, runWrangler, targetFlags, type Target } from './wrangler.ts';

const DATABASE = 'trueup';

/** wrangler dev and the vitest plugin refuse a missing assets folder; the SPA build fills it later. */
export async function ensureAssetsFolder(): Promise<void> {
  await mkdir(join(ROOT, 'web', 'build'), { recursive: true });
}

/** Applies every pending migration of worker/migrations. */
export async function migrate(target: Target = {}): Promise<void> {
  await ensureAssetsFolder();
  await runWrangler(['d1', 'migrations', 'apply', DATABASE, ...targetFlags(target)]);
}

function sqlText(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Runs SQL and returns the rows of its last statement. */
export async function query(sql: string, target: Target = {}): Promise<Record<string, unknown>[]> {
  const output = await runWrangler(['d1', 'execute', DATABASE, ...targetFlags(target), '--json', '--command', sql]);
  const start = output.indexOf('[');
  const parsed: unknown = JSON.parse(output.slice(start));
  if (!Array.isArray(parsed)) return [];
  const last: unknown = parsed[parsed.length - 1];
  if (last && typeof last === 'object' && 'results' in last && Array.isArray(last.results)) return last.results as Record<string, unknown>[];
  return [];
}

export interface NewTenant {
  tenantId: string;
  adminToken: string;
}

/** Creates a tenant with one admin token; the token exists only in the answer. */
export async function createTenant(name: string, target: Target = {}): Promise<NewTenant> {
  const tenantId = newId();
  const adminToken = newToken('admin');
  const hash = await sha256Hex(adminToken);
  const now = new Date().toISOString();
  await query(
    `INSERT INTO tenants (id, name, created_at) VALUES (${sqlText(tenantId)}, ${sqlText(name)}, ${sqlText(now)}); ` +
    `INSERT INTO tokens (id, tenant_id, kind, hash, label, created_at) VALUES (${sqlText(newId())}, ${sqlText(tenantId)}, 'admin', ${sqlText(hash)}, 'created by npm run tenant', ${sqlText(now)});`,
    target,
  );
  return { tenantId, adminToken };
}
