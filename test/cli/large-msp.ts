// A year of a large MSP as a workspace file, written as it is generated (it is larger than one
// string can be): 2,000 accounts, each with Datto RMM (21 billing types per site) and two of
// nine other modules, so 6,000 module orgs on 10 modules, 365 nightly uploads per module,
// device counts that change now and then. Seeded, so every run writes the same file.
//   node test/cli/large-msp.ts <out.json> [--days 365] [--accounts 2000] [--gzip]
import { createWriteStream } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { CATALOG } from '../../shared/catalog/modules.ts';
import { addDays } from '../../shared/dates/day.ts';
import type { ModuleDef } from '../../shared/schema/module.ts';
import type { Upload } from '../../shared/schema/upload.ts';
import type { Contract } from '../../shared/schema/workspace.ts';
import { workspaceDocumentText, type WorkspaceHead } from '../../shared/workspace-stream/write-document.ts';
import { seededRandom } from '../../scripts/demo/random.ts';

export interface LargeMspOptions {
  accounts: number;
  days: number;
  /** The last upload day. */
  lastDay: string;
  seed: number;
}

export const LARGE_MSP: LargeMspOptions = { accounts: 2_000, days: 365, lastDay: '2026-10-31', seed: 12 };

const OTHERS = ['vsa', 'traverse', 'datto-bcdr', 'datto-edr', 'rocketcyber', 'datto-workplace', 'datto-file-protection', 'spanning', 'compliance-manager'];

function moduleDef(id: string): ModuleDef {
  const def = CATALOG.find((m) => m.id === id);
  if (!def) throw new Error(`no catalog module ${id}`);
  return def;
}

interface Org { orgId: string; sizes: number[]; }

/** The document's members and a generator of its uploads, module by module, day by day. */
export function largeMsp(options: LargeMspOptions = LARGE_MSP): { head: WorkspaceHead; uploads: () => Generator<Upload[]>; uploadCount: number } {
  const random = seededRandom(options.seed);
  const modules = [moduleDef('datto-rmm'), ...OTHERS.map(moduleDef)];
  const orgs = new Map<string, Org[]>(modules.map((m) => [m.id, []]));
  const accounts: WorkspaceHead['accounts'] = [];
  const orgMappings: WorkspaceHead['orgMappings'] = [];
  const contracts: Contract[] = [];
  for (let a = 0; a < options.accounts; a++) {
    const id = `acct-${a}`;
    accounts.push({ id, name: `Client ${a}` });
    const mine = [modules[0] as ModuleDef, moduleDef(OTHERS[a % 9] as string), moduleDef(OTHERS[(a + 4) % 9] as string)];
    const services: Contract['services'] = [];
    const serviceMappings: Contract['serviceMappings'] = [];
    for (const m of mine) {
      const orgId = `${m.id}-site-${a}`;
      orgMappings.push({ module: m.id, orgId, accountId: id });
      orgs.get(m.id)?.push({ orgId, sizes: m.billingTypes.map((t) => (t.unit === 'boolean' ? 1 : Math.floor(random() * 120))) });
      m.billingTypes.slice(0, 4).forEach((t, k) => {
        const serviceId = `${m.id}-${k}`;
        services.push({ id: serviceId, name: `${m.name} ${t.label}`, billing: k === 3 ? 'peak' : 'daily', unitPrice: `${1 + Math.floor(random() * 20)}.50`, unitCost: '1.00' });
        serviceMappings.push({ module: m.id, billingType: t.id, serviceId });
      });
    }
    contracts.push({ id: `contract-${a}`, accountId: id, name: 'Managed Services', startDate: '2025-01-01', endDate: null, services, serviceMappings });
  }
  const firstDay = addDays(options.lastDay, 1 - options.days);
  const head: WorkspaceHead = {
    version: 1, currency: 'USD', asOf: options.lastDay, modules: [], enabledModules: modules.map((m) => m.id).sort(),
    accounts, orgMappings, contracts, charges: [],
  };
  function* uploads(): Generator<Upload[]> {
    for (const m of modules) {
      const mine = orgs.get(m.id) ?? [];
      const types = m.billingTypes;
      for (let d = 0; d < options.days; d++) {
        const date = addDays(firstDay, d);
        const orgsOfDay = mine.map((org) => {
          // Device counts change rarely: one count in fifty moves by one a night.
          const metrics: Record<string, number | boolean> = {};
          types.forEach((t, k) => {
            if (t.unit === 'boolean') metrics[t.id] = true;
            else {
              if (random() < 0.02) org.sizes[k] = Math.max(0, (org.sizes[k] ?? 0) + (random() < 0.5 ? -1 : 1));
              metrics[t.id] = org.sizes[k] ?? 0;
            }
          });
          return { orgId: org.orgId, name: `Site ${org.orgId}`, metrics };
        });
        yield [{ module: m.id, date, orgs: orgsOfDay }];
      }
    }
  }
  return { head, uploads, uploadCount: modules.length * options.days };
}

/** Writes the document to `path` (gzip when asked); returns its size in bytes as written. */
export async function writeLargeMsp(path: string, options: LargeMspOptions = LARGE_MSP, gzip = false): Promise<void> {
  const { head, uploads } = largeMsp(options);
  const text = Readable.from(workspaceDocumentText(head, [], uploads()));
  const out: Writable = createWriteStream(path);
  if (gzip) await pipeline(text, createGzip({ level: 1 }), out);
  else await pipeline(text, out);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const path = args.find((a) => !a.startsWith('--'));
  if (!path) throw new Error('usage: node test/cli/large-msp.ts <out.json> [--days N] [--accounts N] [--gzip]');
  const number = (name: string, fallback: number) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const started = performance.now();
  await writeLargeMsp(path, { ...LARGE_MSP, days: number('--days', LARGE_MSP.days), accounts: number('--accounts', LARGE_MSP.accounts) }, args.includes('--gzip'));
  process.stdout.write(`wrote ${path} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
