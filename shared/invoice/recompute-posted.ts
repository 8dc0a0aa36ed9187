import { activeRange, mappedTypes, type ItemSpec, type OrgsByAccount } from '../billing/plan.ts';
import { frozenTerms, termsFor } from '../billing/terms.ts';
import type { InvoiceLine } from '../schema/invoice.ts';
import type { Contract, ContractService, Workspace } from '../schema/workspace.ts';

/** The contracts of a workspace by id, with their place (which orders lines). */
export type ContractLookup = Map<string, { contract: Contract; index: number }>;

export function contractLookup(ws: Pick<Workspace, 'contracts'>): ContractLookup {
  return new Map(ws.contracts.map((contract, index) => [contract.id, { contract, index }]));
}

/**
 * The spec that recomputes a posted usage item as posted: its frozen terms, sources and
 * active days, read against today's uploads (see docs/billing-rules.md#adjustments). A
 * field the line lacks (a document from before lines carried them) comes from today's
 * workspace; null when neither has it (the contract or service is gone).
 */
export function postedItemSpec(line: InvoiceLine, accountId: string, contracts: ContractLookup, orgs: OrgsByAccount): ItemSpec | null {
  if (line.kind !== 'item' || line.module === null || line.contractId == null || line.serviceId == null) return null;
  const found = contracts.get(line.contractId);
  const service: ContractService | undefined = found?.contract.services.find((s) => s.id === line.serviceId);
  const terms = frozenTerms(line, service ? termsFor(service, line.period) : null);
  if (terms === null) return null;
  let orgIds = line.sources?.orgIds;
  let billingTypes = line.sources?.billingTypes;
  if (orgIds === undefined || billingTypes === undefined) {
    if (!found || !service) return null;
    orgIds = orgs.get(found.contract.accountId)?.get(line.module) ?? [];
    billingTypes = mappedTypes(found.contract, (module) => module === line.module).get(service.id)?.get(line.module) ?? [];
  }
  let first: number;
  let last: number;
  if (line.activeFrom != null && line.activeTo != null) {
    first = Number(line.activeFrom.slice(8, 10)) - 1;
    last = Number(line.activeTo.slice(8, 10)) - 1;
  } else if (line.activeFrom === null && line.activeTo === null) {
    first = 0;
    last = -1;
  } else {
    if (!found) return null;
    [first, last] = activeRange(found.contract, line.period);
  }
  return {
    accountId, contractId: line.contractId, contractIndex: found?.index ?? Number.MAX_SAFE_INTEGER, serviceId: line.serviceId,
    serviceName: line.serviceName ?? service?.name ?? line.serviceId,
    serviceIndex: service && found ? found.contract.services.indexOf(service) : Number.MAX_SAFE_INTEGER,
    module: line.module, terms, billingTypes, orgIds, first, last,
  };
}
