// The Billing screen as the worker answers it: of a period's invoices, those matching the
// module filter and the search, the totals over all of them, and one page of rows grouped
// by account or by module. The page never receives the whole period.
import type { PeriodResult } from '../../../../../shared/invoice/compute-period.ts';
import type { Invoice, InvoiceLine } from '../../../../../shared/schema/invoice.ts';
import { lineGroup } from '../../../../../shared/invoice/line-group.ts';
import { sumAmounts } from '../../../../../shared/money/sum.ts';
import { sumLines } from '../../billing/lines.ts';
import { postAllPlan, type PostAllPlan } from '../../billing/post-all.ts';
import { matchesSearch, pageOf, type PageInfo, type PageRequest } from './paging.ts';

export interface BillingQuery extends PageRequest {
  period: string;
  /** A module id ('' = every module). */
  module: string;
  /** Words of an account's name. */
  search: string;
  groupBy: 'account' | 'module';
}

/** One account's invoice on the page, with the lines the module filter lets through. */
export interface BillingAccountRow {
  invoice: Invoice;
  accountName: string;
  lines: InvoiceLine[];
}

/** One module's lines across accounts on the page; `subtotal` and `lineCount` cover every page. */
export interface BillingModuleGroup {
  key: string;
  name: string;
  subtotal: string;
  lineCount: number;
  lines: { line: InvoiceLine; accountId: string; accountName: string; invoiceStatus: Invoice['status'] }[];
}

export interface BillingTotals {
  pending: string;
  /** null when no pending line has a cost. */
  cost: string | null;
  margin: string | null;
  posted: string;
  /** Draft invoices matching the filter. */
  drafts: number;
}

export interface BillingView {
  period: string;
  asOf: string;
  currency: string;
  /** Every module with lines in the period (the filter's choices), by name. */
  modules: [id: string, name: string][];
  totals: BillingTotals;
  /** What "Approve & Post all" would post, with and without the $0.00 drafts. */
  postAll: { withoutZero: PostAllPlan; withZero: PostAllPlan };
  /** Accounts (groupBy account) or lines (groupBy module) matching the filter. */
  info: PageInfo;
  accounts: BillingAccountRow[];
  groups: BillingModuleGroup[];
}

interface Entry { invoice: Invoice; accountName: string; lines: InvoiceLine[] }

/** The page of the Billing screen for a query, from the period's result and the account names. */
export function billingView(result: PeriodResult, names: ReadonlyMap<string, string>, query: BillingQuery): BillingView {
  const { currency } = result;
  const modules = new Map<string, string>();
  for (const invoice of result.invoices) for (const line of invoice.lines) { const group = lineGroup(line); modules.set(group.key, group.name); }

  const nameOf = (invoice: Invoice) => invoice.accountName ?? names.get(invoice.accountId) ?? invoice.accountId;
  const shown: Entry[] = [];
  for (const invoice of result.invoices) {
    const accountName = nameOf(invoice);
    if (!matchesSearch(accountName, query.search)) continue;
    const lines = query.module === '' ? invoice.lines : invoice.lines.filter((l) => l.module === query.module);
    if (query.module !== '' && lines.length === 0) continue;
    shown.push({ invoice, accountName, lines });
  }
  shown.sort((a, b) => a.accountName.localeCompare(b.accountName) || a.invoice.accountId.localeCompare(b.invoice.accountId));

  const drafts = shown.filter((s) => s.invoice.status === 'draft');
  const pendingLines = drafts.flatMap((d) => d.lines);
  const totals: BillingTotals = {
    pending: sumAmounts(pendingLines.map((l) => l.amount), currency),
    cost: sumLines(pendingLines, 'cost', currency),
    margin: sumLines(pendingLines, 'margin', currency),
    posted: sumAmounts(shown.filter((s) => s.invoice.status === 'posted').flatMap((s) => s.lines.map((l) => l.amount)), currency),
    drafts: drafts.length,
  };
  const draftInvoices = drafts.map((d) => d.invoice);
  const base = {
    period: result.period, asOf: result.asOf, currency,
    modules: [...modules].sort((a, b) => a[1].localeCompare(b[1])),
    totals,
    postAll: { withoutZero: postAllPlan(draftInvoices, currency, false), withZero: postAllPlan(draftInvoices, currency, true) },
  };

  if (query.groupBy === 'account') {
    const { rows, info } = pageOf(shown, query);
    return { ...base, info, accounts: rows, groups: [] };
  }
  return { ...base, ...moduleGroups(shown, currency, query) };
}

/** Lines grouped by module (groups by name, lines by account within), paged by line. */
function moduleGroups(shown: readonly Entry[], currency: string, request: PageRequest): { info: PageInfo; accounts: []; groups: BillingModuleGroup[] } {
  const byModule = new Map<string, { name: string; lines: BillingModuleGroup['lines'] }>();
  for (const { invoice, accountName, lines } of shown) {
    for (const line of lines) {
      const { key, name } = lineGroup(line);
      let group = byModule.get(key);
      if (!group) { group = { name, lines: [] }; byModule.set(key, group); }
      group.lines.push({ line, accountId: invoice.accountId, accountName, invoiceStatus: invoice.status });
    }
  }
  const ordered = [...byModule].sort((a, b) => a[1].name.localeCompare(b[1].name));
  const flat = ordered.flatMap(([key, group]) => group.lines.map((entry) => ({ key, entry })));
  const { rows, info } = pageOf(flat, request);
  const groups: BillingModuleGroup[] = [];
  for (const { key, entry } of rows) {
    let group = groups[groups.length - 1];
    if (!group || group.key !== key) {
      const all = byModule.get(key);
      const lines = all?.lines ?? [];
      group = { key, name: all?.name ?? key, subtotal: sumAmounts(lines.map((l) => l.line.amount), currency), lineCount: lines.length, lines: [] };
      groups.push(group);
    }
    group.lines.push(entry);
  }
  return { info, accounts: [], groups };
}

/**
 * The page's rows with their daily quantities (the "days carried" badges), taken from a
 * result computed for the page's accounts only: the whole period is computed without them.
 */
export function withDaily(view: BillingView, daily: PeriodResult, module: string): BillingView {
  const byAccount = new Map(daily.invoices.map((invoice) => [invoice.accountId, invoice]));
  const key = (line: InvoiceLine) => [line.kind, line.contractId, line.serviceId, line.module, line.period, line.chargeId ?? ''].join('|');
  const dailyLine = new Map<string, InvoiceLine>();
  for (const invoice of daily.invoices) for (const line of invoice.lines) dailyLine.set(`${invoice.accountId}|${key(line)}`, line);
  return {
    ...view,
    accounts: view.accounts.map((row) => {
      const invoice = byAccount.get(row.invoice.accountId);
      if (!invoice) return row;
      return { ...row, invoice, lines: module === '' ? invoice.lines : invoice.lines.filter((l) => l.module === module) };
    }),
    groups: view.groups.map((group) => ({
      ...group,
      lines: group.lines.map((entry) => ({ ...entry, line: dailyLine.get(`${entry.accountId}|${key(entry.line)}`) ?? entry.line })),
    })),
  };
}

/** The accounts whose rows are on the page. */
export function pageAccounts(view: BillingView): string[] {
  return [...new Set([...view.accounts.map((row) => row.invoice.accountId), ...view.groups.flatMap((g) => g.lines.map((l) => l.accountId))])].sort();
}
