import { addDays, today } from '../dates/day.ts';
import { periodEnd, periodOf } from '../dates/period.ts';
import { computePeriod, type PeriodResult } from '../invoice/compute-period.ts';
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

/** The trend's days and the periods they fall in (the period itself first). */
export function dashboardWindow(period: string, asOf: string, trendDays = 30): { from: string; to: string; periods: string[] } {
  const end = periodEnd(period);
  const to = end < asOf ? end : asOf;
  const from = addDays(to, -(trendDays - 1));
  // the window may lie in other periods (a month's first days, or a future period's "recent days")
  const periods = new Set<string>([period]);
  for (let day = from; day <= to; day = addDays(day, 1)) periods.add(periodOf(day));
  return { from, to, periods: [...periods] };
}

/**
 * The dashboard from the billing of its periods (each computed with daily quantities, as of
 * `asOf`): `results[0]` is the period's own, the rest the other periods of its window.
 */
export function dashboardOf(results: readonly PeriodResult[], period: string, asOf: string, trendDays = 30): Dashboard {
  const [result, ...others] = results;
  if (!result) throw new Error('the dashboard needs its period\'s billing');
  const { from, to } = dashboardWindow(period, asOf, trendDays);
  const invoices = [...result.invoices, ...others.flatMap((r) => r.invoices)];
  return { period, asOf, currency: result.currency, revenue: revenueByModule(result.invoices, result.currency), trend: unitsTrend(invoices, { from, to }) };
}

/**
 * The dashboard of a period, computed by the billing engine: the period's invoices give
 * the revenue per module; they and the previous period's (when the trend window reaches
 * into it) give the daily billed units.
 */
export function dashboard(ws: Workspace, period: string, options: DashboardOptions = {}): Dashboard {
  const asOf = options.asOf ?? ws.asOf ?? today();
  const { periods } = dashboardWindow(period, asOf, options.trendDays);
  return dashboardOf(periods.map((p) => computePeriod(ws, p, { asOf, daily: true })), period, asOf, options.trendDays);
}
