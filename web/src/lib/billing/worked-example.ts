// The service editor's worked example: the account's current period computed by the engine
// with the contract as it is being edited (not yet saved) in place of the stored one, so
// the admin sees what an option does to this month's figure before saving it.
import type { Contract } from '../../../../shared/schema/workspace.ts';
import type { PeriodResult } from '../../../../shared/invoice/compute-period.ts';
import type { InvoiceLine } from '../../../../shared/schema/invoice.ts';
import type { WorkspaceConfig } from '../db/config.ts';
import { sumLines } from './lines.ts';

export interface ExampleLine {
  module: string | null;
  moduleName: string | null;
  quantity: string;
  amount: string;
  basis: string | null;
}

export interface ServiceExample {
  lines: ExampleLine[];
  /** Σ of its lines' amounts this period. */
  amount: string;
}

export interface WorkedExample {
  period: string;
  asOf: string;
  currency: string;
  /** By service id; a service without lines this period is absent. */
  services: Record<string, ServiceExample>;
}

/** The config with `contract` in place of the stored contract of the same id (or added). */
export function withDraftContract(config: WorkspaceConfig, contract: Contract): WorkspaceConfig {
  const others = config.contracts.filter((c) => c.id !== contract.id);
  return { ...config, contracts: [...others, contract] };
}

/** The example of each service of `contract`, from the engine's result for its account. */
export function examplesOf(result: PeriodResult, contract: Contract): WorkedExample {
  const invoice = result.invoices.find((i) => i.accountId === contract.accountId);
  const byService = new Map<string, InvoiceLine[]>();
  for (const line of invoice?.lines ?? []) {
    if (line.kind !== 'item' || line.contractId !== contract.id || !line.serviceId) continue;
    byService.set(line.serviceId, [...(byService.get(line.serviceId) ?? []), line]);
  }
  const services: Record<string, ServiceExample> = {};
  for (const [serviceId, lines] of byService) {
    services[serviceId] = {
      lines: lines.map((l) => ({ module: l.module, moduleName: l.moduleName ?? l.module, quantity: l.quantity, amount: l.amount, basis: l.basis ?? null })),
      amount: sumLines(lines, 'amount', result.currency) ?? '0',
    };
  }
  return { period: result.period, asOf: result.asOf, currency: result.currency, services };
}

/** Computes the worked example with `compute` (the engine worker's call on a config). */
export async function workedExample(
  compute: (config: WorkspaceConfig) => Promise<PeriodResult>, config: WorkspaceConfig, contract: Contract,
): Promise<WorkedExample> {
  return examplesOf(await compute(withDraftContract(config, contract)), contract);
}
