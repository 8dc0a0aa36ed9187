import type { BillingMode } from '../schema/workspace.ts';
import type { DailyQuantity, LineSources } from '../schema/invoice.ts';
import type { Tier, TierMode } from '../schema/pricing.ts';

/**
 * The bill for one (contract service, module, period) (docs/billing-rules.md#billing-items); amounts are currency
 * strings. It is also its own invoice line (an InvoiceLine with a few extra fields), so
 * the engine builds one object per item, not two.
 */
export interface BillingItem {
  kind: 'item';
  contractId: string;
  serviceId: string;
  /** The module summed; null for a fixed fee. */
  module: string | null;
  period: string;
  /** The quantity shown: Σq/D (daily), q on the last active day (period-end) or max q (peak), 4 dp. */
  quantity: string;
  amount: string;
  cost: string | null;
  /** True when an active day lies after asOf and was projected. */
  estimated: boolean;
  serviceName: string;
  moduleName: string;
  billing: BillingMode;
  unitPrice: string;
  unitCost: string | null;
  minimumQuantity: string | null;
  includedQuantity: string | null;
  tiers: Tier[] | null;
  tierMode: TierMode | null;
  taxable: boolean;
  /** The first and last active day; null when none. */
  activeFrom: string | null;
  activeTo: string | null;
  /** The module orgs and billing types summed (null for a fixed fee). */
  sources: LineSources | null;
  /** How the amount arises where it is not quantity × unit price. */
  basis?: string;
  margin: string | null;
  accountId: string;
  activeDays: number;
  periodDays: number;
  daily?: DailyQuantity[];
}

/** The stable key of a billing item: contract, service, module and period. */
export function itemKey(contractId: string, serviceId: string, module: string, period: string): string {
  return JSON.stringify([contractId, serviceId, module, period]);
}
