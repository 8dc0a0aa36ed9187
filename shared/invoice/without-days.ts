// A period's billing computed with daily quantities, as it reads without them: `daily` is
// only attached to items and lines (shared/billing/compute.ts), so dropping it gives what
// computing without it gives. The engine worker computes the dashboard's period with days and
// answers Billing's plain request from that result instead of computing the period again.
import type { PeriodResult } from './compute-period.ts';

function bare<T extends object>(value: T): T {
  if (!('daily' in value)) return value;
  const { daily: _daily, ...rest } = value as T & { daily?: unknown };
  return rest as T;
}

export function withoutDays(result: PeriodResult): PeriodResult {
  // draft lines are the items themselves: keep them one object
  const items = new Map(result.items.map((item) => [item, bare(item)]));
  return {
    ...result,
    items: [...items.values()],
    invoices: result.invoices.map((invoice) => ({
      ...invoice,
      lines: invoice.lines.map((line) => (items.get(line as never) ?? bare(line)) as typeof line),
    })),
  };
}
