// Billing's first page and the Insights screen of the large MSP, in Node: the engine
// worker's view functions on the workspace it holds (config, posted invoices without
// their days, the compact usage store), timed cold (nothing cached) as a screen opened
// after a data change pays them. `node test/bench/views-large.ts [--accounts N] [--runs N]
// [--today YYYY-MM-DD] [--profile]`; the posted months are cached in /tmp between runs.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { addDays, periodEnd, periodOf } from '../../shared/dates/index.ts';
import { computePeriod } from '../../shared/invoice/compute-period.ts';
import { computeInsights } from '../../shared/insights/insights.ts';
import { postInvoices } from '../../shared/posting/index.ts';
import type { Invoice } from '../../shared/schema/invoice.ts';
import type { Workspace } from '../../shared/schema/workspace.ts';
import { UsageStore } from '../../shared/usage/store.ts';
import { billingView, pageAccounts, withDaily } from '../../web/src/lib/engine/views/billing.ts';
import { insightsView } from '../../web/src/lib/engine/views/insights.ts';
import { timed } from './timed.ts';
import { generateLargeMsp, largeWorkspace, LARGE_SCALE, GENERATOR_VERSION } from './large/generate.ts';


function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const accounts = Number(option('accounts', String(LARGE_SCALE.accounts)));
const runs = Number(option('runs', '5'));
const today = option('today', '2026-11-18');
const scale = { ...LARGE_SCALE, accounts };

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** The posted months (without their daily quantities, as the worker holds them), cached per scale and day. */
function postedInvoices(ws: Workspace, msp: ReturnType<typeof generateLargeMsp>): Invoice[] {
  const file = `/tmp/trueup-views-posted-g${GENERATOR_VERSION}-c-${accounts}-${today}.json`;
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Invoice[];
  const start = performance.now();
  let current = ws;
  for (const { period, accountIds } of msp.posted) {
    const asOf = addDays(periodEnd(period), 2);
    // as the edge numbered them: the last upload received before the post
    let usageCursor = 0;
    for (const u of msp.uploads) if (u.date < asOf) usageCursor = Math.max(usageCursor, Number(u.cursor));
    const before = current.invoices.length;
    current = postInvoices(current, accountIds, period, { numbered: true, postedAt: `${asOf}T12:00:00.000Z`, asOf, usageCursor: String(usageCursor) });
    // the worker's rows carry no daily quantities (they live apart in invoiceDaily)
    const added = current.invoices.slice(before).map((i) => ({ ...i, lines: i.lines.map((l) => { const { daily: _d, ...rest } = l as typeof l & { daily?: unknown }; return rest as typeof l; }) }));
    current = { ...current, invoices: [...current.invoices.slice(0, before), ...added] };
    console.log(`posted ${period}: ${added.length} (${seconds(performance.now() - start)})`);
  }
  writeFileSync(file, JSON.stringify(current.invoices));
  return current.invoices;
}

function timedRuns(label: string, work: () => unknown): number {
  const t = timed(work, runs);
  console.log(`${label}: median ${t.ms.toFixed(0)} ms, cpu ${t.cpuMs.toFixed(0)} ms (runs ${t.times.map((x) => x.toFixed(0)).join(', ')})`);
  return t.ms;
}

const setup = performance.now();
const msp = generateLargeMsp(today, scale);
// cursors in the order the edge received them (oldest day first)
msp.uploads.forEach((u, i) => { u.cursor = String(i + 1); });
const base = largeWorkspace(msp);
const invoices = postedInvoices(base, msp);
const usage = UsageStore.fromUploads(msp.uploads);
msp.uploads.length = 0;
const ws: Workspace & { usage: UsageStore } = { ...base, uploads: [], invoices, usage, asOf: today };
console.log(`${accounts} accounts, ${invoices.length} posted invoices, ${usage.size} module-days; set up in ${seconds(performance.now() - setup)}`);

const period = periodOf(today);
const names = new Map(ws.accounts.map((a) => [a.id, a.name]));
const query = { period, module: '', search: '', groupBy: 'account' as const, page: 0, pageSize: 25 };

if (process.argv.includes('--profile')) {
  // a few of each, for `node --cpu-prof`
  for (let i = 0; i < 4; i++) {
    computePeriod(ws, period, {});
    computeInsights(ws, {});
  }
} else {
  const periodMs = timedRuns('computePeriod (whole period)', () => computePeriod(ws, period, {}));
  const billingMs = timedRuns('Billing first page (cold)', () => {
    const view = billingView(computePeriod(ws, period, {}), names, query);
    return withDaily(view, computePeriod(ws, period, { daily: true, accounts: pageAccounts(view) }), '');
  });
  const insightsComputeMs = timedRuns('computeInsights', () => computeInsights(ws, {}));
  const insightsMs = timedRuns('Insights (cold)', () => insightsView(computeInsights(ws, {}), ws.orgMappings, names, { limit: 10, all: [] }));
  console.log(JSON.stringify({ accounts, invoices: invoices.length, periodMs, billingMs, insightsComputeMs, insightsMs }));
}
