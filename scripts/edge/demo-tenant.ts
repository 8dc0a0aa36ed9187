// The local demo tenant of `npm start`. Only the token's hash is in D1, so the token
// itself is remembered in a git-ignored file under .wrangler/ to print it on every start.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTenant, query, type NewTenant } from './d1.ts';
import { ROOT } from './wrangler.ts';

const FILE = join(ROOT, '.wrangler', 'trueup-demo-tenant.json');

async function remembered(): Promise<NewTenant | null> {
  try {
    const saved: unknown = JSON.parse(await readFile(FILE, 'utf8'));
    if (saved && typeof saved === 'object' && 'tenantId' in saved && 'adminToken' in saved
      && typeof saved.tenantId === 'string' && typeof saved.adminToken === 'string') {
      return { tenantId: saved.tenantId, adminToken: saved.adminToken };
    }
  } catch {
    // no file yet, or unreadable: a new demo tenant is made
  }
  return null;
}

/** The demo tenant of the local D1: the remembered one while it still exists, else a new one (`created: true`). */
export async function ensureDemoTenant(name = 'Demo MSP'): Promise<NewTenant & { created: boolean }> {
  const saved = await remembered();
  if (saved && !/[^0-9a-f]/.test(saved.tenantId)) {
    const rows = await query(`SELECT id FROM tenants WHERE id = '${saved.tenantId}'`);
    if (rows.length > 0) return { ...saved, created: false };
  }
  const tenant = await createTenant(name);
  await mkdir(join(ROOT, '.wrangler'), { recursive: true });
  await writeFile(FILE, JSON.stringify(tenant, null, 2) + '\n', { mode: 0o600 });
  return { ...tenant, created: true };
}
