import { z } from 'zod';
import { moduleIndex } from '../catalog/lookup.ts';
import { billingTypeId, currency, id, isoDay, moduleId, price } from './primitives.ts';
import { billingMode, priceChanges, tierMode, tiers } from './pricing.ts';
import { accountBilling, profile } from './parties.ts';
import { charge } from './charge.ts';
import { moduleDef } from './module.ts';
import { upload, uploadCatalogIssues } from './upload.ts';
import { invoice } from './invoice.ts';

export const account = z.object({
  id,
  name: z.string().min(1, { error: 'must not be empty' }),
  /** Billing details (docs/billing-rules.md#parties-and-dates); absent: the name only, the profile's terms, no tax. */
  billing: accountBilling.optional(),
});

export const orgMapping = z.object({ module: moduleId, orgId: id, accountId: id });

export { billingMode };

export const contractService = z.object({
  id,
  name: z.string().min(1, { error: 'must not be empty' }),
  unitPrice: price,
  unitCost: price.nullable().optional(),
  billing: billingMode.default('daily'),
  /** Fixed services: how many of the flat fee (default 1). */
  quantity: price.optional(),
  /** Usage services: bill at least this many units a day (a commitment). */
  minimumQuantity: price.optional(),
  /** Usage services: units a day included free. */
  includedQuantity: price.optional(),
  tiers: tiers.optional(),
  tierMode: tierMode.optional(),
  /** Whether its lines are taxed (default true). */
  taxable: z.boolean().optional(),
  /** Income account code for accounting exports. */
  accountCode: z.string().max(50, { error: 'must be at most 50 characters' }).optional(),
  priceChanges: priceChanges.optional(),
});

export const serviceMapping = z.union([
  z.object({ module: moduleId, billingType: billingTypeId, serviceId: id, ignore: z.literal(false).optional() }),
  z.object({ module: moduleId, billingType: billingTypeId, ignore: z.literal(true), serviceId: z.null().optional() }),
], { error: 'must map to a serviceId or set ignore: true' });

export const contract = z.object({
  id,
  accountId: id,
  name: z.string().min(1, { error: 'must not be empty' }),
  startDate: isoDay,
  endDate: isoDay.nullable().default(null),
  services: z.array(contractService).default([]),
  serviceMappings: z.array(serviceMapping).default([]),
});

/** The document's fields without the checks across them (the streamed readers validate in parts, see workspace-stream/). */
export const workspaceShape = z.object({
  version: z.literal(1, { error: 'must be 1' }),
  currency: currency.default('USD'),
  asOf: isoDay.optional(),
  modules: z.array(moduleDef).default([]),
  enabledModules: z.array(moduleId).default([]),
  accounts: z.array(account).default([]),
  orgMappings: z.array(orgMapping).default([]),
  contracts: z.array(contract).default([]),
  uploads: z.array(upload).default([]),
  invoices: z.array(invoice).default([]),
  profile: profile.optional(),
  charges: z.array(charge).default([]),
});

type Path = (string | number)[];

/** The uploads as the checks across the document read them: a module and each org's billing types. */
export interface CatalogUpload {
  module: string;
  orgs: readonly { metrics: Readonly<Record<string, unknown>> }[];
}

/**
 * The checks across a shape-valid document: duplicates, references between records, module
 * and billing types known. Reports each problem with its path, in document order.
 */
export function workspaceCrossChecks(ws: Omit<z.output<typeof workspaceShape>, 'uploads'> & { uploads: readonly CatalogUpload[] }, report: (path: Path, message: string) => void): void {
  const modules = moduleIndex(ws.modules);
  const accounts = new Set<string>();
  ws.accounts.forEach((a, i) => {
    if (accounts.has(a.id)) report(['accounts', i, 'id'], `duplicate account id "${a.id}"`);
    accounts.add(a.id);
  });
  const checkType = (m: string, t: string, path: Path) => {
    const def = modules.get(m);
    if (def && !def.billingTypes.some((b) => b.id === t)) report(path, `unknown billing type "${t}" for module ${m}`);
  };
  ws.enabledModules.forEach((m, i) => { if (!modules.has(m)) report(['enabledModules', i], `unknown module "${m}"`); });
  const mapped = new Set<string>();
  ws.orgMappings.forEach((om, i) => {
    if (!modules.has(om.module)) report(['orgMappings', i, 'module'], `unknown module "${om.module}"`);
    if (!accounts.has(om.accountId)) report(['orgMappings', i, 'accountId'], `unknown account "${om.accountId}"`);
    const key = `${om.module}\u0000${om.orgId}`;
    if (mapped.has(key)) report(['orgMappings', i, 'orgId'], `org "${om.orgId}" of ${om.module} is mapped twice`);
    mapped.add(key);
  });
  const contractIds = new Set<string>();
  ws.contracts.forEach((c, i) => {
    if (contractIds.has(c.id)) report(['contracts', i, 'id'], `duplicate contract id "${c.id}"`);
    contractIds.add(c.id);
    if (!accounts.has(c.accountId)) report(['contracts', i, 'accountId'], `unknown account "${c.accountId}"`);
    if (c.endDate !== null && c.endDate < c.startDate) report(['contracts', i, 'endDate'], 'must not be before startDate');
    const services = new Set<string>();
    c.services.forEach((s, j) => {
      if (services.has(s.id)) report(['contracts', i, 'services', j, 'id'], `duplicate service id "${s.id}"`);
      services.add(s.id);
    });
    const fixed = new Set(c.services.filter((s) => s.billing === 'fixed').map((s) => s.id));
    const typeKeys = new Set<string>();
    c.serviceMappings.forEach((sm, j) => {
      const path: Path = ['contracts', i, 'serviceMappings', j];
      if (!modules.has(sm.module)) report([...path, 'module'], `unknown module "${sm.module}"`);
      else checkType(sm.module, sm.billingType, [...path, 'billingType']);
      if (!sm.ignore && !services.has(sm.serviceId)) report([...path, 'serviceId'], `unknown service "${sm.serviceId}" on contract ${c.id}`);
      if (!sm.ignore && fixed.has(sm.serviceId)) report([...path, 'serviceId'], `${sm.module} ${sm.billingType} is mapped to the fixed service "${sm.serviceId}": a fixed service takes no billing type`);
      const key = `${sm.module}\u0000${sm.billingType}`;
      if (typeKeys.has(key)) report([...path, 'billingType'], `${sm.module} ${sm.billingType} is mapped twice on this contract`);
      typeKeys.add(key);
    });
  });
  const chargeIds = new Set<string>();
  ws.charges.forEach((ch, i) => {
    if (chargeIds.has(ch.id)) report(['charges', i, 'id'], `duplicate charge id "${ch.id}"`);
    chargeIds.add(ch.id);
    if (!accounts.has(ch.accountId)) report(['charges', i, 'accountId'], `unknown account "${ch.accountId}"`);
  });
  ws.uploads.forEach((u, i) => {
    for (const problem of uploadCatalogIssues(u, modules, ['uploads', i])) report(problem.path, problem.message);
  });
}

/** The whole local state of a tenant (docs/billing-rules.md#workspace-document), with cross references checked. */
export const workspace = workspaceShape.superRefine((ws, ctx) => {
  workspaceCrossChecks(ws, (path, message) => ctx.addIssue({ code: 'custom', path, message }));
});

export type Account = z.infer<typeof account>;
export type OrgMapping = z.infer<typeof orgMapping>;
export type BillingMode = z.infer<typeof billingMode>;
export type ContractService = z.infer<typeof contractService>;
export type ServiceMapping = z.infer<typeof serviceMapping>;
export type Contract = z.infer<typeof contract>;
export type { Charge } from './charge.ts';
export type { Profile, AccountBilling } from './parties.ts';
export type Workspace = z.infer<typeof workspace>;
/** The workspace as written in a file, before defaults are applied. */
export type WorkspaceInput = z.input<typeof workspace>;
