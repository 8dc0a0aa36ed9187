import { moduleDays } from './module-days.ts';
import { exactUsage, type UsageDay } from './exact.ts';
import type { UploadIndex } from './upload-index.ts';

export interface UsageQuery {
  module: string;
  orgIds: readonly string[];
  billingTypes: readonly string[];
  period: string;
  asOf: string;
}

/**
 * The daily quantity series of a period for one module, summed over orgs and billing
 * types (docs/billing-rules.md#usage-series): one org and one type gives a module org's series, a service's mapped
 * orgs and types give what its billing item bills.
 */
export function dailyUsage(index: UploadIndex, query: UsageQuery): UsageDay[] {
  const days = moduleDays(index.get(query.module), query.period, query.asOf);
  return exactUsage(days, query.orgIds, query.billingTypes);
}
