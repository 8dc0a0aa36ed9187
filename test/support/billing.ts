// Builders for billing scenarios written like invoices: an account, a contract, the
// uploads day by day, then the exact lines expected.
import { addDays } from '../../shared/dates/day.ts';
import { parseOrThrow } from '../../shared/schema/issues.ts';
import { workspace, type Workspace, type WorkspaceInput } from '../../shared/schema/workspace.ts';
import type { Upload } from '../../shared/schema/upload.ts';

type Quantity = number | string | boolean;
/** Per org: per billing type: the quantity reported. */
export type OrgRows = Record<string, Record<string, Quantity>>;
type UploadInput = Upload;

/** One module's upload of one day. */
export function upload(module: string, date: string, orgs: OrgRows): UploadInput {
  return { module, date, orgs: Object.entries(orgs).map(([orgId, metrics]) => ({ orgId, name: orgId, metrics })) };
}

/** One upload per day from `from` to `to` inclusive, the rows given by day. */
export function uploadsEachDay(module: string, from: string, to: string, rows: (day: string) => OrgRows): UploadInput[] {
  const list: UploadInput[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) list.push(upload(module, day, rows(day)));
  return list;
}

/** A parsed workspace; throws on a scenario that is not valid input. */
export function scenario(input: Omit<WorkspaceInput, 'version'>): Workspace {
  return parseOrThrow(workspace, { version: 1, ...input }, 'scenario');
}

/** The usual one-account, one-contract, one-service scenario for Datto RMM AllDevicesMetric. */
export function oneService(options: {
  billing?: 'daily' | 'period-end' | 'peak';
  unitPrice?: string;
  unitCost?: string | null;
  startDate?: string;
  endDate?: string | null;
  asOf?: string;
  currency?: string;
  uploads: UploadInput[];
  orgs?: string[];
}): Workspace {
  const orgs = options.orgs ?? ['s-17'];
  return scenario({
    currency: options.currency ?? 'USD',
    ...(options.asOf ? { asOf: options.asOf } : {}),
    enabledModules: ['datto-rmm'],
    accounts: [{ id: 'a1', name: 'Brass Building Supplies' }],
    orgMappings: orgs.map((orgId) => ({ module: 'datto-rmm', orgId, accountId: 'a1' })),
    contracts: [{
      id: 'c1', accountId: 'a1', name: 'Managed Services',
      startDate: options.startDate ?? '2026-01-01', endDate: options.endDate ?? null,
      services: [{ id: 's1', name: 'Desktop Monitoring', unitPrice: options.unitPrice ?? '5.00', unitCost: options.unitCost === undefined ? '1.20' : options.unitCost, billing: options.billing ?? 'daily' }],
      serviceMappings: [{ module: 'datto-rmm', billingType: 'AllDevicesMetric', serviceId: 's1' }],
    }],
    uploads: options.uploads,
  });
}

/** Clients on Datto RMM, a "Managed Services" contract each: Desktop Monitoring at $5.00 a desktop or laptop, billed at period end. */
export function desktopMonitoring(accounts: { id: string; name: string }[], options: { startDate: string; unitCost: string | null; uploads: UploadInput[] }): Workspace {
  return scenario({
    currency: 'USD',
    enabledModules: ['datto-rmm'],
    accounts,
    orgMappings: accounts.map((a) => ({ module: 'datto-rmm', orgId: `rmm-${a.id}`, accountId: a.id })),
    contracts: accounts.map((a) => ({
      id: `c-${a.id}`, accountId: a.id, name: 'Managed Services', startDate: options.startDate, endDate: null,
      services: [{ id: 's1', name: 'Desktop Monitoring', unitPrice: '5.00', unitCost: options.unitCost, billing: 'period-end' as const }],
      serviceMappings: [{ module: 'datto-rmm', billingType: 'DesktopLaptopMetric', serviceId: 's1' }],
    })),
    uploads: options.uploads,
  });
}
