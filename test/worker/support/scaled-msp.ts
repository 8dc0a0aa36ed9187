// A scaled-down copy of the large MSP of the D1 size measurement: the first ten catalog
// modules (Datto RMM with its 21 types per site), three module orgs per account, nightly
// uploads, and one posted invoice per account and month with frozen daily quantities, as
// the SPA pushes them. Deterministic, so before/after figures compare the same tenant.
import { CATALOG } from '../../../shared/catalog/modules.ts';
import type { Upload } from '../../../shared/schema/upload.ts';
import type { Json } from '../../../shared/sync/merge.ts';

export const MODULES = CATALOG.slice(0, 10);

/** A stable id that looks like a vendor's site uid (36 characters). */
function uid(n: number): string {
  const hex = (n * 2_654_435_761 >>> 0).toString(16).padStart(8, '0');
  return `${hex}-${hex.slice(0, 4)}-4${hex.slice(1, 4)}-a${hex.slice(5, 8)}-${hex}${hex.slice(0, 4)}`;
}

export interface ScaledOrg { module: string; orgId: string; name: string; account: number; base: number }

/** Three module orgs per account, spread over the ten modules. */
export function scaledOrgs(accounts: number): ScaledOrg[] {
  const orgs: ScaledOrg[] = [];
  for (let a = 0; a < accounts; a++) {
    for (let k = 0; k < 3; k++) {
      const module = MODULES[(a + k * 3) % MODULES.length];
      if (!module) continue;
      orgs.push({ module: module.id, orgId: uid(a * 3 + k + 1), name: `Client ${a} Plumbing & Heating Ltd - Main Office`, account: a, base: 5 + ((a * 7 + k * 13) % 90) });
    }
  }
  return orgs;
}

/** Every module's upload of one day (day index `d` makes counts drift a little). */
export function scaledUploads(orgs: readonly ScaledOrg[], date: string, d: number): Upload[] {
  return MODULES.map((m) => ({
    module: m.id,
    date,
    orgs: orgs.filter((o) => o.module === m.id).map((o) => ({
      orgId: o.orgId,
      name: o.name,
      metrics: Object.fromEntries(m.billingTypes.map((t, i) => [t.id, Math.max(0, o.base - i * 3 + ((d + o.account + i) % 11 === 0 ? 1 : 0) + Math.floor(d / 60))])),
    })),
  }));
}

/** The days of a month, YYYY-MM-DD. */
function monthDays(period: string): string[] {
  const [y, m] = period.split('-').map(Number);
  const count = new Date(Date.UTC(y ?? 2025, m ?? 1, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => `${period}-${String(i + 1).padStart(2, '0')}`);
}

/**
 * A posted invoice's change fields, as the SPA records them (the whole invoice but its id,
 * `deleted: false`): four item lines, each with its frozen daily quantities (~13 KB).
 */
export function postedInvoiceFields(account: number, period: string, postedAt: string): Record<string, Json> {
  const days = monthDays(period);
  const lines = Array.from({ length: 4 }, (_, k) => ({
    kind: 'item', contractId: `contract-${account}`, serviceId: `svc-${k}`, module: MODULES[k % MODULES.length]?.id ?? null, period,
    serviceName: `Service ${k}`, moduleName: MODULES[k % MODULES.length]?.name ?? '', billing: 'daily',
    unitPrice: `${3 + k}.5000`, unitCost: '1.2500', minimumQuantity: null, includedQuantity: null, tiers: null, tierMode: null, taxable: true,
    activeFrom: null, activeTo: null, sources: { orgIds: [uid(account * 3 + 1)], billingTypes: ['AllDevicesMetric'] },
    quantity: `${20 + k}.0000`, amount: `${(20 + k) * (3 + k)}.00`, cost: '25.00', margin: null, estimated: false,
    daily: days.map((date, d) => ({ date, quantity: `${20 + k + (d % 7 === 0 ? 1 : 0)}.0000`, carried: d === 3, estimated: false })),
  }));
  return {
    accountId: `acct-${account}`, accountName: `Client ${account} Plumbing & Heating Ltd`, period, status: 'posted', number: null, currency: 'USD',
    subtotal: '1000.00', taxes: [{ name: 'Sales tax', rate: '0.0725', taxable: '1000.00', amount: '72.50' }], total: '1072.50',
    issueDate: `${period}-28`, dueDate: `${period}-28`,
    from: { name: 'Northwind Managed IT', address: '1 Harbour Street\nPortsmouth', taxId: 'GB123456789', email: 'billing@northwind.example' },
    billTo: { name: `Client ${account} Plumbing & Heating Ltd`, address: `${account} High Street\nSouthampton`, taxId: null, email: `accounts@client${account}.example` },
    usageCursor: '12345', postedAt, lines, deleted: false,
  };
}
