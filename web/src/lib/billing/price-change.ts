// "New price from <month>": which month a new price defaults to, and the history a service's
// price changes tell. Posted months keep the price they were posted with, so by default a
// new price starts with the first month the account has no posted invoice for.
import { addMonths, periodOf } from '../../../../shared/dates/period.ts';
import type { ContractService } from '../../../../shared/schema/workspace.ts';

/** The first month from the contract's start on without a posted invoice of the account. */
export function firstOpenPeriod(postedPeriods: Iterable<string>, contractStart: string): string {
  const posted = new Set(postedPeriods);
  let period = periodOf(contractStart);
  while (posted.has(period)) period = addMonths(period, 1);
  return period;
}

export interface PriceStep {
  /** null: the service's own price, before any change. */
  from: string | null;
  unitPrice: string;
  unitCost: string | null;
  tiered: boolean;
}

/** The prices in force over time, oldest first: each change keeps what it omits from the step before. */
export function priceHistory(service: Pick<ContractService, 'unitPrice' | 'unitCost' | 'tiers' | 'priceChanges'>): PriceStep[] {
  const steps: PriceStep[] = [{ from: null, unitPrice: service.unitPrice, unitCost: service.unitCost ?? null, tiered: (service.tiers ?? []).length > 0 }];
  for (const change of [...(service.priceChanges ?? [])].sort((a, b) => a.from.localeCompare(b.from))) {
    const before = steps[steps.length - 1] ?? steps[0];
    if (!before) break;
    steps.push({
      from: change.from,
      unitPrice: change.unitPrice ?? before.unitPrice,
      unitCost: change.unitCost === undefined ? before.unitCost : change.unitCost,
      tiered: change.tiers === undefined ? before.tiered : (change.tiers ?? []).length > 0,
    });
  }
  return steps;
}
