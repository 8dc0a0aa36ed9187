import { periodLength, periodEnd, periodStart } from '../dates/period.ts';
import type { Contract, ContractService, Workspace } from '../schema/workspace.ts';
import { itemKey } from './item.ts';

/** The key of the item a spec computes, in a period. */
export function specKey(spec: ItemSpec, period: string): string {
  return itemKey(spec.contract.id, spec.service.id, spec.module, period);
}

/** What one billing item sums: a service's mapped billing types of one module over the account's orgs of it. */
export interface ItemSpec {
  accountId: string;
  contract: Contract;
  contractIndex: number;
  service: ContractService;
  serviceIndex: number;
  module: string;
  billingTypes: string[];
  orgIds: string[];
  /** Active days as 0-based day indexes of the period, inclusive; first > last when none. */
  first: number;
  last: number;
}

/** Orgs of each (account, module), from the org mappings. */
export type OrgsByAccount = Map<string, Map<string, string[]>>;

/** Groups the org mappings by account then module. */
export function orgsByAccount(ws: Pick<Workspace, 'orgMappings'>): OrgsByAccount {
  const result: OrgsByAccount = new Map();
  for (const mapping of ws.orgMappings) {
    let modules = result.get(mapping.accountId);
    if (!modules) {
      modules = new Map();
      result.set(mapping.accountId, modules);
    }
    const orgs = modules.get(mapping.module);
    if (orgs) orgs.push(mapping.orgId);
    else modules.set(mapping.module, [mapping.orgId]);
  }
  return result;
}

/** The active day indexes of a contract in a period, [first, last]; first > last when none. */
export function activeRange(contract: Pick<Contract, 'startDate' | 'endDate'>, period: string): [number, number] {
  const start = periodStart(period);
  const end = periodEnd(period);
  const from = contract.startDate > start ? contract.startDate : start;
  const to = contract.endDate !== null && contract.endDate < end ? contract.endDate : end;
  if (from > to) return [periodLength(period), -1];
  return [Number(from.slice(8, 10)) - 1, Number(to.slice(8, 10)) - 1];
}

/** The (service, module) → billing types of a contract, ignored types excluded, in mapping order. */
export function mappedTypes(contract: Contract, includeModule: (module: string) => boolean): Map<string, Map<string, string[]>> {
  const byService = new Map<string, Map<string, string[]>>();
  for (const mapping of contract.serviceMappings) {
    if (mapping.ignore === true || !includeModule(mapping.module)) continue;
    let modules = byService.get(mapping.serviceId);
    if (!modules) {
      modules = new Map();
      byService.set(mapping.serviceId, modules);
    }
    const types = modules.get(mapping.module);
    if (types) types.push(mapping.billingType);
    else modules.set(mapping.module, [mapping.billingType]);
  }
  return byService;
}

/**
 * Every billing item of the period (SPEC §5): per contract with active days, per service
 * and per enabled module with a billing type mapped to it. accounts limits the plan.
 */
export function planItems(ws: Workspace, period: string, orgs: OrgsByAccount, accounts?: ReadonlySet<string>): ItemSpec[] {
  const enabled = new Set(ws.enabledModules);
  const specs: ItemSpec[] = [];
  ws.contracts.forEach((contract, contractIndex) => {
    if (accounts && !accounts.has(contract.accountId)) return;
    const [first, last] = activeRange(contract, period);
    if (first > last) return;
    const byService = mappedTypes(contract, (module) => enabled.has(module));
    contract.services.forEach((service, serviceIndex) => {
      const modules = byService.get(service.id);
      if (!modules) return;
      for (const [module, billingTypes] of modules) {
        specs.push({
          accountId: contract.accountId, contract, contractIndex, service, serviceIndex, module, billingTypes,
          orgIds: orgs.get(contract.accountId)?.get(module) ?? [], first, last,
        });
      }
    });
  });
  return specs;
}

/**
 * The spec to recompute a posted item with current data, whether or not its module is
 * still enabled (disabling a module stops future billing, it does not credit the past);
 * null when its contract or service no longer exists.
 */
export function specForPosted(ws: Workspace, orgs: OrgsByAccount, ref: { contractId: string; serviceId: string; module: string; period: string }): ItemSpec | null {
  const contractIndex = ws.contracts.findIndex((c) => c.id === ref.contractId);
  const contract = ws.contracts[contractIndex];
  if (!contract) return null;
  const serviceIndex = contract.services.findIndex((s) => s.id === ref.serviceId);
  const service = contract.services[serviceIndex];
  if (!service) return null;
  const [first, last] = activeRange(contract, ref.period);
  const billingTypes = mappedTypes(contract, (module) => module === ref.module).get(service.id)?.get(ref.module) ?? [];
  return {
    accountId: contract.accountId, contract, contractIndex, service, serviceIndex, module: ref.module, billingTypes,
    orgIds: orgs.get(contract.accountId)?.get(ref.module) ?? [], first, last,
  };
}
