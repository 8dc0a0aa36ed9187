// The Invoices screen as the worker answers it: a summary of every stored invoice (built
// once per data version, never the frozen lines), then per query the matching rows' page,
// their counts and the posted total.
import type { InvoiceRow } from '../../db/rows.ts';
import type { ShareInfo } from '../../billing/shares.ts';
import { sumAmounts } from '../../../../../shared/money/sum.ts';
import { duplicatePosts } from '../../../../../shared/posting/duplicates.ts';
import { matchesSearch, pageOf, type PageInfo, type PageRequest } from './paging.ts';

/** What the list shows of one invoice. */
export interface InvoiceSummary {
  id: string;
  number: string | null;
  accountId: string;
  /** The name frozen on the invoice, if any (the live account name wins on screen). */
  frozenName: string | null;
  period: string;
  status: InvoiceRow['status'];
  total: string;
  currency: string | null;
  creditNote: boolean;
  shared: boolean;
  postedAt: string | null;
}

export interface InvoiceIndex {
  /** Newest period first, then by number (pending numbers last). */
  rows: InvoiceSummary[];
  /** Ids of posts that duplicate another post of the same account and period. */
  duplicates: Set<string>;
}

/** The list entry of a stored invoice. */
export function summarize(row: InvoiceRow & { share?: ShareInfo | null }): InvoiceSummary {
  return {
    id: row.id, number: row.number, accountId: row.accountId, frozenName: row.accountName ?? null,
    period: row.period, status: row.status, total: row.total, currency: row.currency ?? null,
    creditNote: row.creditNote === true, shared: row.share !== undefined && row.share !== null, postedAt: row.postedAt ?? null,
  };
}

/** Orders the summaries as the screen lists them. */
export function sortSummaries(rows: InvoiceSummary[]): InvoiceSummary[] {
  return rows.sort((a, b) => b.period.localeCompare(a.period) || (a.number ?? '\uffff').localeCompare(b.number ?? '\uffff') || a.id.localeCompare(b.id));
}

/**
 * Account-period pairs posted more than once: only those need the full invoices to say
 * which post stands (shared/posting/duplicates.ts), so only those are read whole.
 */
export function contestedIds(rows: readonly InvoiceSummary[]): string[] {
  const byKey = new Map<string, string[]>();
  for (const row of rows) {
    if (row.status !== 'posted') continue;
    const key = `${row.accountId}\u0000${row.period}`;
    byKey.set(key, [...(byKey.get(key) ?? []), row.id]);
  }
  return [...byKey.values()].filter((ids) => ids.length > 1).flat();
}

/** The duplicates among the contested invoices (read whole). */
export function duplicateIds(contested: readonly InvoiceRow[]): Set<string> {
  return new Set(duplicatePosts(contested).map((i) => i.id ?? ''));
}

export interface InvoiceQuery extends PageRequest {
  status: 'all' | 'posted' | 'voided';
  /** Words of the account's name, the number or the period (YYYY-MM). */
  search: string;
}

export interface InvoiceListRow extends InvoiceSummary {
  account: string;
  duplicate: boolean;
}

export interface InvoiceListView {
  rows: InvoiceListRow[];
  info: PageInfo;
  /** Every stored invoice (whatever the filter), and how many match it posted / voided. */
  stored: number;
  posted: number;
  voided: number;
  /** Σ of the matching posted invoices' totals. */
  postedTotal: string;
}

/** One page of the invoices matching the query. */
export function invoiceListView(index: InvoiceIndex, names: ReadonlyMap<string, string>, currency: string, query: InvoiceQuery): InvoiceListView {
  const account = (row: InvoiceSummary) => names.get(row.accountId) ?? row.frozenName ?? row.accountId;
  const matching = index.rows.filter((row) => (query.status === 'all' || row.status === query.status)
    && matchesSearch(`${account(row)} ${row.number ?? ''} ${row.period}`, query.search));
  const posted = matching.filter((row) => row.status === 'posted');
  const { rows, info } = pageOf(matching, query);
  return {
    rows: rows.map((row) => ({ ...row, account: account(row), duplicate: index.duplicates.has(row.id) })),
    info,
    stored: index.rows.length,
    posted: posted.length,
    voided: matching.length - posted.length,
    postedTotal: sumAmounts(posted.map((row) => row.total), currency),
  };
}
