import type { Contract } from '../schema/workspace.ts';

/**
 * Every contract of the account with the billing type set to Ignore where the contract has
 * not decided it yet; a contract that maps it to a service keeps its service. Returns only
 * the contracts that change, so one action records one edit per contract.
 */
export function ignoreTypeForAccount<C extends Pick<Contract, 'id' | 'accountId' | 'serviceMappings'>>(contracts: readonly C[], accountId: string, module: string, billingType: string): C[] {
  return contracts
    .filter((c) => c.accountId === accountId && !c.serviceMappings.some((m) => m.module === module && m.billingType === billingType))
    .map((c) => ({ ...c, serviceMappings: [...c.serviceMappings, { module, billingType, ignore: true as const }] }));
}
