// A seeded synthetic MSP at the target scale (docs/billing-rules.md#performance-targets): 2,000 accounts, 6,000 module orgs over
// 12 modules (each with 4 mapped billing types), a month of nightly uploads.
import { CATALOG } from '../../shared/catalog/modules.ts';
import { periodDays } from '../../shared/dates/period.ts';
import type { ModuleDef } from '../../shared/schema/module.ts';
import type { Upload } from '../../shared/schema/upload.ts';
import type { Contract, Workspace } from '../../shared/schema/workspace.ts';
import { pick, seededRandom } from '../../scripts/demo/random.ts';

export interface MspOptions {
  accounts: number;
  modulesPerAccount: number;
  period: string;
  seed: number;
}

export const MSP_SCALE: MspOptions = { accounts: 2_000, modulesPerAccount: 3, period: '2026-10', seed: 42 };

const MODULE_COUNT = 12;
const TYPES_PER_MODULE = 4;
const MODES = ['daily', 'daily', 'period-end', 'peak'] as const;

/** The 12 modules: the catalog ones with at least 4 billing types, then custom ones. */
function benchModules(): { modules: ModuleDef[]; custom: ModuleDef[] } {
  const catalog = CATALOG.filter((m) => m.billingTypes.length >= TYPES_PER_MODULE).slice(0, MODULE_COUNT);
  const custom: ModuleDef[] = [];
  for (let i = catalog.length; i < MODULE_COUNT; i++) {
    custom.push({ id: `bench-vendor-${i}`, name: `Bench Vendor ${i}`, suite: 'Custom', billingTypes: ['Users', 'Devices', 'StorageGb', 'Enabled'].map((id) => ({ id, label: id, unit: id === 'Enabled' ? 'boolean' : 'count' })) });
  }
  return { modules: [...catalog, ...custom], custom };
}

/** A valid workspace (built typed, no parsing needed) for a month of a large MSP. */
export function generateMsp(options: MspOptions = MSP_SCALE): Workspace {
  const random = seededRandom(options.seed);
  const { modules, custom } = benchModules();
  const days = periodDays(options.period);
  const accounts = Array.from({ length: options.accounts }, (_, i) => ({ id: `acct-${i}`, name: `Client ${i}` }));
  const orgMappings: Workspace['orgMappings'] = [];
  const contracts: Contract[] = [];
  // Per module: its orgs with a base size and a drift, so days differ a little.
  const orgsByModule = new Map<string, { orgId: string; base: number; drift: number }[]>();
  for (const m of modules) orgsByModule.set(m.id, []);
  accounts.forEach((account, a) => {
    const mine = Array.from({ length: options.modulesPerAccount }, (_, k) => modules[(a + k * 4) % MODULE_COUNT] as ModuleDef);
    const services: Contract['services'] = MODES.map((billing, k) => ({
      id: `svc-${k}`, name: `Service ${k}`, billing,
      unitPrice: `${1 + Math.floor(random() * 30)}.${String(Math.floor(random() * 10_000)).padStart(4, '0')}`,
      unitCost: random() < 0.7 ? `${Math.floor(random() * 5)}.${String(Math.floor(random() * 100)).padStart(2, '0')}` : null,
    }));
    const serviceMappings: Contract['serviceMappings'] = [];
    for (const m of mine) {
      const orgId = `${m.id}-org-${a}`;
      orgMappings.push({ module: m.id, orgId, accountId: account.id });
      orgsByModule.get(m.id)?.push({ orgId, base: 1 + Math.floor(random() * 200), drift: random() });
      m.billingTypes.slice(0, TYPES_PER_MODULE).forEach((t, k) => serviceMappings.push({ module: m.id, billingType: t.id, serviceId: `svc-${k}` }));
    }
    const midMonth = random() < 0.05;
    contracts.push({
      id: `contract-${a}`, accountId: account.id, name: 'Managed Services',
      startDate: midMonth ? (days[Math.floor(random() * days.length)] as string) : '2025-01-01', endDate: null,
      services, serviceMappings,
    });
  });
  const uploads: Upload[] = [];
  for (const m of modules) {
    const types = m.billingTypes.slice(0, TYPES_PER_MODULE);
    const orgs = orgsByModule.get(m.id) ?? [];
    days.forEach((date, d) => {
      // About one nightly sync in thirty is missed: those days are carried forward.
      if (d > 0 && random() < 0.03) return;
      uploads.push({
        module: m.id, date,
        orgs: orgs.map((org) => ({
          orgId: org.orgId, name: org.orgId,
          metrics: Object.fromEntries(types.map((t, k) => [t.id, t.unit === 'boolean' ? random() < 0.9 : quantityFor(org.base, org.drift, d, k, random)])),
        })),
      });
    });
  }
  return {
    version: 1, currency: 'USD', asOf: days[days.length - 1] as string,
    modules: custom, enabledModules: modules.map((m) => m.id), accounts, orgMappings, contracts, uploads, invoices: [], charges: [],
  };
}

function quantityFor(base: number, drift: number, day: number, type: number, random: () => number): number | string {
  const size = Math.max(0, Math.round(base / (type + 1) + drift * day * 0.2 + (random() < 0.1 ? pick(random, [-2, -1, 1, 2]) : 0)));
  // One type in four is a storage-like decimal, some written as strings (as CSV uploads are).
  if (type === 2) {
    const text = `${size}.${String(Math.floor(random() * 10_000)).padStart(4, '0')}`;
    return random() < 0.5 ? Number(text) : text;
  }
  return size;
}
