import { addDays, today } from '../dates/day.ts';
import { periodEnd, periodOf } from '../dates/period.ts';
import { computePeriod } from '../invoice/compute-period.ts';
import type { Workspace } from '../schema/workspace.ts';
import { revenueByModule, type ModuleRevenue } from './revenue.ts';
import { unitsTrend, type UnitsTrend } from './trend.ts';

export interface DashboardOptions {
  asOf?: string;
  /** Days of the units trend, ending on the period's last day or asOf, whichever is first (default 30). */
  trendDays?: number;
}

/** What the dashboard shows for a period: revenue per module and the recent trend of billed units. */
export interface Dashboard {
  period: string;
  asOf: string;
  currency: string;
  revenue: ModuleRevenue[];
  trend: UnitsTrend;
}

/**
 * The dashboard of a period, computed by the billing engine: the period's invoices give
 * the revenue per module; they and the previous period's (when the trend window reaches
 * into it) give the daily billed units.
 */
export function dashboard(ws: Workspace, period: string, options: DashboardOptions = {}): Dashboard {
  const asOf = options.asOf ?? ws.asOf ?? today();
  const result = computePeriod(ws, period, { asOf, daily: true });
  const end = periodEnd(period);
  const to = end < asOf ? end : asOf;
  const from = addDays(to, -((options.trendDays ?? 30) - 1));
  const invoices = [...result.invoices];
  // the window may lie in other periods (a month's first days, or a future period's "recent days")
  const periods = new Set<string>();
  for (let day = from; day <= to; day = addDays(day, 1)) periods.add(periodOf(day));
  for (const other of periods) if (other !== period) invoices.push(...computePeriod(ws, other, { asOf, daily: true }).invoices);
  return { period, asOf, currency: result.currency, revenue: revenueByModule(result.invoices, result.currency), trend: unitsTrend(invoices, { from, to }) };
}
