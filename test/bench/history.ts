// Posted history must not slow billing down: computePeriod for the current month of a
// 2,000-account MSP with 0 and with 24 posted months before it, the same uploads in both.
// Target: 24 posted months within 1.3× of none, and under 250 ms (docs/billing-rules.md#incremental-adjustments).
import { performance } from 'node:perf_hooks';
import { addDays } from '../../shared/dates/day.ts';
import { addMonths, periodDays, periodEnd } from '../../shared/dates/period.ts';
import { computePeriod } from '../../shared/invoice/compute-period.ts';
import { frozenLine } from '../../shared/invoice/lines.ts';
import type { Invoice } from '../../shared/schema/invoice.ts';
import type { Upload } from '../../shared/schema/upload.ts';
import type { Workspace } from '../../shared/schema/workspace.ts';
import { generateMsp, MSP_SCALE } from './msp.ts';
import { timed } from './timed.ts';

const RUNS = 9;
const WARM_UP = 2;
const POSTED_MONTHS = 24;

function timedRuns(work: () => unknown): { ms: number; best: number; cpu: number } {
  const t = timed(work, RUNS, WARM_UP + 1);
  return { ms: t.ms, best: t.best, cpu: t.cpuMs };
}

/**
 * The MSP of the engine section with 24 earlier months of nightly uploads (each history
 * day reuses the org rows of the current month's day of the same number, so memory stays
 * flat) and, in the order the edge received them, a cursor on every upload.
 */
export function withHistory(): { ws: Workspace; periods: string[] } {
  const base = generateMsp();
  const period = MSP_SCALE.period;
  const periods = Array.from({ length: POSTED_MONTHS }, (_, i) => addMonths(period, i - POSTED_MONTHS));
  const current = new Map(base.uploads.map((u) => [`${u.module}\u0000${Number(u.date.slice(8, 10))}`, u]));
  const uploads: Upload[] = [];
  for (const p of periods) {
    for (const module of base.enabledModules) {
      periodDays(p).forEach((date, d) => {
        const same = current.get(`${module}\u0000${d + 1}`) ?? current.get(`${module}\u00001`);
        if (same) uploads.push({ module, date, orgs: same.orgs });
      });
    }
  }
  uploads.push(...base.uploads);
  uploads.forEach((u, i) => { u.cursor = String(i + 1); });
  const contracts = base.contracts.map((c) => (c.startDate < period ? { ...c, startDate: addMonths(period, -POSTED_MONTHS - 1) + '-01' } : c));
  return { ws: { ...base, contracts, uploads }, periods };
}

/** Each history month posted the day after it ended, with the cursor of the last upload then received. */
export function postHistory(ws: Workspace, periods: readonly string[]): Invoice[] {
  const invoices: Invoice[] = [];
  let number = 0;
  for (const p of periods) {
    const end = periodEnd(p);
    let usageCursor = '0';
    for (const u of ws.uploads) if (u.date <= end && u.cursor !== undefined) usageCursor = u.cursor;
    // Daily quantities are left off the frozen lines here: they do not enter what is measured.
    for (const draft of computePeriod(ws, p, { asOf: addDays(end, 1) }).invoices) {
      number++;
      invoices.push({ ...draft, id: `${draft.accountId}/${p}/1`, status: 'posted', number: `INV-${String(number).padStart(6, '0')}`, usageCursor, issueDate: addDays(end, 1), lines: draft.lines.map(frozenLine) });
    }
  }
  return invoices;
}

export async function bench(): Promise<Record<string, unknown>> {
  const period = MSP_SCALE.period;
  const setupStart = performance.now();
  const { ws, periods } = withHistory();
  const invoices = postHistory(ws, periods);
  const setupMs = performance.now() - setupStart;
  const none = { ...ws, invoices: [] };
  const posted = { ...ws, invoices };
  const check = computePeriod(posted, period);
  const zero = timedRuns(() => computePeriod(none, period));
  const history = timedRuns(() => computePeriod(posted, period));
  const round = (n: number) => Math.round(n * 10) / 10;
  const figures = {
    scale: { accounts: ws.accounts.length, moduleOrgs: ws.orgMappings.length, modules: ws.enabledModules.length, days: periodDays(period).length, uploads: ws.uploads.length, postedMonths: periods.length, postedInvoices: invoices.length, postedLines: invoices.reduce((n, i) => n + i.lines.length, 0), adjustmentsDue: check.adjustments.length },
    setupMs: round(setupMs),
    noHistoryMs: round(zero.ms),
    noHistoryBestMs: round(zero.best),
    noHistoryCpuMs: round(zero.cpu),
    postedHistoryMs: round(history.ms),
    postedHistoryBestMs: round(history.best),
    postedHistoryCpuMs: round(history.cpu),
    historyOverNone: Math.round((history.ms / zero.ms) * 100) / 100,
    targets: { within1_3xOfNone: history.ms <= 1.3 * zero.ms, under250ms: history.ms < 250 },
  };
  console.table({
    'computePeriod, 0 posted months': { median: figures.noHistoryMs, best: figures.noHistoryBestMs, cpu: figures.noHistoryCpuMs, target: '' },
    [`computePeriod, ${periods.length} posted months`]: { median: figures.postedHistoryMs, best: figures.postedHistoryBestMs, cpu: figures.postedHistoryCpuMs, target: '< 250 ms' },
    'posted / none': { median: figures.historyOverNone, best: '', cpu: '', target: '≤ 1.3' },
  });
  console.log(`${invoices.length.toLocaleString('en')} posted invoices, ${figures.scale.postedLines.toLocaleString('en')} posted lines, ${ws.uploads.length.toLocaleString('en')} uploads; ${check.adjustments.length} adjustments due`);
  return figures;
}
