// What the engine worker holds of a large MSP's posted invoices, and what a sync page or an
// edit costs it: the old way (every invoice row, lines and all, plus configOf's copies,
// rebuilt after every change) against the slim posted index and the Invoices summaries kept
// record by record (docs/posted-index.md). Node only, no browser: the rows are cloned through
// the structured-clone serializer, as IndexedDB hands them to the worker.
//   node --expose-gc test/bench/posted-index.ts [--accounts 2000] [--page 200]
// Prints a table and the figures as JSON; it asserts nothing (see docs/benchmarks.md).
import { performance } from 'node:perf_hooks';
import { deserialize, serialize } from 'node:v8';
import { addDays } from '../../shared/dates/day.ts';
import { periodEnd } from '../../shared/dates/period.ts';
import { computePeriod } from '../../shared/invoice/compute-period.ts';
import { PostedLedger, postedWith } from '../../shared/invoice/posted.ts';
import { postInvoices } from '../../shared/posting/post.ts';
import type { Invoice } from '../../shared/schema/invoice.ts';
import type { Workspace } from '../../shared/schema/workspace.ts';
import { UsageStore } from '../../shared/usage/store.ts';
import { configOf } from '../../web/src/lib/db/config.ts';
import { splitDaily } from '../../web/src/lib/db/invoices.ts';
import type { InvoiceRow } from '../../web/src/lib/db/rows.ts';
import { InvoiceSummaries, sortSummaries, summarize, contestedIds } from '../../web/src/lib/engine/views/invoices.ts';
import { generateLargeMsp, largeWorkspace, LARGE_SCALE } from './large/generate.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
}

const accounts = option('accounts', LARGE_SCALE.accounts);
const pageSize = option('page', 200);
const today = '2026-11-05';

function heapUsed(): number {
  for (let i = 0; i < 3; i++) gc?.();
  return process.memoryUsage().heapUsed;
}
const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: Math.round((performance.now() - start) * 10) / 10 };
}

// The MSP, its year of uploads in the compact store, and its 11 posted months (rows as stored: frozen days split off).
const started = performance.now();
const msp = generateLargeMsp(today, { ...LARGE_SCALE, accounts });
// Cursors as the edge gives them: one per module-day, in upload order.
msp.uploads.forEach((u, i) => { u.cursor = String(i + 1); });
let ws: Workspace = largeWorkspace(msp);
const usage = UsageStore.fromUploads(ws.uploads);
ws = { ...ws, uploads: [], usage } as Workspace;
const cursorBefore = (day: string) => {
  let cursor = 0;
  for (const u of msp.uploads) if (u.date < day) cursor = Math.max(cursor, Number(u.cursor));
  return String(cursor);
};
const stored: Buffer[] = [];
for (const { period, accountIds } of msp.posted) {
  const asOf = addDays(periodEnd(period), 2);
  const before = ws.invoices.length;
  ws = postInvoices(ws, accountIds, period, { numbered: true, postedAt: `${asOf}T12:00:00Z`, asOf, usageCursor: cursorBefore(asOf) });
  const added = ws.invoices.slice(before).map((invoice) => {
    const { lines } = splitDaily(invoice.id ?? '', invoice.lines);
    const row = { ...invoice, id: invoice.id ?? '', lines } as InvoiceRow;
    stored.push(serialize(row));
    return row;
  });
  // keep the history without its days, as the store does
  ws = { ...ws, invoices: [...ws.invoices.slice(0, before), ...added] };
  console.log(`posted ${period}: ${added.length} invoices (${Math.round((performance.now() - started) / 1000)} s)`);
}
const lines = ws.invoices.reduce((n, i) => n + i.lines.length, 0);
const storedBytes = stored.reduce((n, b) => n + b.length, 0);
const config = { ...ws, invoices: [] as Invoice[] };
ws = config;
const read = (i: number) => deserialize(stored[i] as Buffer) as InvoiceRow;

// Old: every row kept, and configOf's alive() copies of all of them (the worker held both).
const base = heapUsed();
const rowsKept = new Map<string, InvoiceRow>();
for (let i = 0; i < stored.length; i++) {
  const row = read(i);
  rowsKept.set(row.id, row);
}
const tables = { settings: undefined, accounts: config.accounts.map((a) => ({ ...a })), modules: [], enabledModules: [], orgMappings: config.orgMappings.map((m) => ({ ...m, id: `${m.module}|${m.orgId}` })), contracts: config.contracts, charges: [] };
const oldConfig = configOf({ ...tables, invoices: [...rowsKept.values()] });
const oldHeap = heapUsed() - base;
if (oldConfig.invoices.length !== stored.length) throw new Error('configOf lost invoices');
// after each sync page or edit the old worker ran configOf over everything again
const oldRebuild = timed(() => configOf({ ...tables, invoices: [...rowsKept.values()] }));
// and the Invoices screen summarized and sorted every row
const oldList = timed(() => {
  const rows = [...rowsKept.values()].map(summarize);
  contestedIds(rows);
  return sortSummaries(rows);
});
rowsKept.clear();

// New: the slim ledger and the summaries, each row let go once indexed.
const base2 = heapUsed();
const ledger = new PostedLedger({ slim: true });
const list = new InvoiceSummaries();
const firstRead = timed(() => {
  for (let i = 0; i < stored.length; i++) {
    const row = read(i);
    ledger.put(row.id, row);
  }
});
const ledgerHeap = heapUsed() - base2;
firstRead.ms += timed(() => {
  for (let i = 0; i < stored.length; i++) list.put(read(i));
  list.index();
}).ms;
const newHeap = heapUsed() - base2;
// a page of changed invoices (voided, then posted again): only those are put again; best of 3 pages
const pages = [0, 1, 2].map((k) => {
  const rows = Array.from({ length: Math.min(pageSize, stored.length) }, (_, i) => read((k * 7919 + i * 104_729) % stored.length));
  return timed(() => {
    for (const row of rows) {
      const voided = { ...row, status: 'voided' as const };
      ledger.put(voided.id, voided);
      list.put(voided);
    }
    for (const row of rows) {
      ledger.put(row.id, row);
      list.put(row);
    }
  }).ms;
});
const page = { ms: Math.min(...pages) };
const listAfterPage = timed(() => list.index());
const newRebuild = timed(() => configOf({ ...tables, invoices: [] }));

// computePeriod of the month after the last posted one, with none and with all months posted,
// the whole invoices of the computed period read "from IndexedDB" (here: none are posted in it).
const period = msp.posted.length > 0 ? (msp.posted[msp.posted.length - 1] as { period: string }).period : '2026-10';
const current = today.slice(0, 7);
const engineWs = (posted: PostedLedger) => ({ ...config, asOf: msp.lastDay, uploads: [], usage, posted: postedWith(posted, { whole: [] }) });
const none = new PostedLedger({ slim: true });
const best = (posted: PostedLedger) => {
  const runs = Array.from({ length: 5 }, () => timed(() => computePeriod(engineWs(posted) as Workspace, current)).ms);
  return { ms: Math.min(...runs) };
};
const zero = best(none);
const eleven = best(ledger);
// what one cached period result weighs (the session keeps them per data version): a whole month, before it is posted
const base3 = heapUsed();
const held = computePeriod(engineWs(none) as Workspace, period);
const resultHeap = heapUsed() - base3;

const figures = {
  scale: { accounts, postedInvoices: stored.length, postedLines: lines, storedRowsMiB: mib(storedBytes), lastPosted: period },
  heapMiB: { oldRowsAndConfig: mib(oldHeap), newLedgerAndSummaries: mib(newHeap), newLedger: mib(ledgerHeap), onePeriodResult: mib(resultHeap), heldItems: held.items.length },
  ms: {
    oldConfigRebuildPerChange: oldRebuild.ms, newConfigRebuildPerConfigChange: newRebuild.ms,
    oldInvoiceListPerVersion: oldList.ms, newFirstRead: firstRead.ms, newPageOfChanges: page.ms, newInvoiceListAfterPage: listAfterPage.ms,
    computeCurrentMonth0Posted: zero.ms, computeCurrentMonth11Posted: eleven.ms,
  },
};
console.log(`\n| what | old (rows) | new (index) |\n|---|---|---|`);
console.log(`| worker heap for ${stored.length} posted invoices (${lines} lines) | ${figures.heapMiB.oldRowsAndConfig} MiB | ${figures.heapMiB.newLedgerAndSummaries} MiB |`);
console.log(`| per sync page / edit: config rebuilt | ${oldRebuild.ms} ms (every change) | ${newRebuild.ms} ms (config changes only) + ${page.ms} ms to index ${pageSize} invoices voided and posted again |`);
console.log(`| Invoices list after a change | ${oldList.ms} ms (summarize + sort all) | ${listAfterPage.ms} ms |`);
console.log(`| computePeriod ${current} (best of 5), 0 / 11 posted months | | ${zero.ms} / ${eleven.ms} ms |`);
console.log(JSON.stringify(figures, null, 2));
