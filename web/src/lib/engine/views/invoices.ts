// The Invoices screen as the worker answers it: a summary of every stored invoice (kept up
// to date record by record as the worker reads changes, never the frozen lines), then per
// query the matching rows' page, their counts and the posted total.
import type { InvoiceRow } from '../../db/rows.ts';
import type { ShareInfo } from '../../billing/shares.ts';
import { sumAmounts } from '../../../../../shared/money/sum.ts';
import { duplicatePosts, precedes } from '../../../../../shared/posting/duplicates.ts';
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

/** The order the screen lists summaries in: newest period first, then by number (pending last), then id. */
export function compareSummaries(a: InvoiceSummary, b: InvoiceSummary): number {
  return b.period.localeCompare(a.period) || (a.number ?? '\uffff').localeCompare(b.number ?? '\uffff') || a.id.localeCompare(b.id);
}

/** Orders the summaries as the screen lists them. */
export function sortSummaries(rows: InvoiceSummary[]): InvoiceSummary[] {
  return rows.sort(compareSummaries);
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

// Past this many changed records in one read, sorting all again beats moving rows one by one.
const RESORT_AT = 2_000;

/**
 * The summaries of every live stored invoice in list order, and the duplicate posts, kept
 * record by record: a changed invoice moves (binary search) in the sorted list and only its
 * account-period's posts are weighed again, so a sync page or an edit costs its records,
 * not a pass over every stored invoice.
 */
export class InvoiceSummaries {
  #byId = new Map<string, InvoiceSummary>();
  #sorted: InvoiceSummary[] | null = [];
  /** account-period → its posted summaries, for the posts that duplicate another. */
  #posts = new Map<string, InvoiceSummary[]>();
  #duplicates = new Set<string>();
  #pending = 0;
  #texts = new Map<string, string>();

  #text(text: string): string {
    const known = this.#texts.get(text);
    if (known !== undefined) return known;
    this.#texts.set(text, text);
    return text;
  }

  /** Summarizes a stored row (a deleted one is dropped). */
  put(row: InvoiceRow & { share?: ShareInfo | null }): void {
    if (row.deleted === true) {
      this.remove(row.id);
      return;
    }
    this.#unlink(row.id);
    const summary = summarize(row);
    // one copy of the texts many invoices repeat (a month, an account, a posting time)
    summary.accountId = this.#text(summary.accountId);
    summary.period = this.#text(summary.period);
    if (summary.frozenName !== null) summary.frozenName = this.#text(summary.frozenName);
    if (summary.currency !== null) summary.currency = this.#text(summary.currency);
    if (summary.postedAt !== null) summary.postedAt = this.#text(summary.postedAt);
    this.#byId.set(summary.id, summary);
    if (this.#sorted && ++this.#pending <= RESORT_AT) this.#sorted.splice(lowerBound(this.#sorted, summary), 0, summary);
    else this.#sorted = null;
    if (summary.status === 'posted') {
      const key = postKey(summary);
      const list = this.#posts.get(key) ?? [];
      list.push(summary);
      this.#posts.set(key, list);
      this.#weigh(list);
    }
  }

  remove(id: string): void {
    this.#unlink(id);
  }

  /** The list and duplicates as of the records put so far (the caller must not change them). */
  index(): InvoiceIndex {
    this.#sorted ??= sortSummaries([...this.#byId.values()]);
    this.#pending = 0;
    return { rows: this.#sorted, duplicates: this.#duplicates };
  }

  #unlink(id: string): void {
    const old = this.#byId.get(id);
    if (!old) return;
    this.#byId.delete(id);
    if (this.#sorted && ++this.#pending <= RESORT_AT) {
      let at = lowerBound(this.#sorted, old);
      while (at < this.#sorted.length && this.#sorted[at] !== old) at++;
      if (at >= this.#sorted.length) at = this.#sorted.indexOf(old);
      this.#sorted.splice(at, 1);
    } else {
      this.#sorted = null;
    }
    if (old.status === 'posted') {
      const key = postKey(old);
      const list = (this.#posts.get(key) ?? []).filter((s) => s !== old);
      this.#duplicates.delete(old.id);
      if (list.length === 0) this.#posts.delete(key);
      else this.#posts.set(key, list);
      this.#weigh(list);
    }
  }

  // The first numbered, then first posted, then smaller id stands (shared/posting/duplicates.ts); the others are duplicates.
  #weigh(list: readonly InvoiceSummary[]): void {
    let standing: InvoiceSummary | undefined;
    for (const s of list) if (!standing || precedes(s, standing)) standing = s;
    for (const s of list) {
      if (s === standing) this.#duplicates.delete(s.id);
      else this.#duplicates.add(s.id);
    }
  }
}

function postKey(summary: InvoiceSummary): string {
  return `${summary.accountId}\u0000${summary.period}`;
}

function lowerBound(sorted: readonly InvoiceSummary[], summary: InvoiceSummary): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareSummaries(sorted[mid] as InvoiceSummary, summary) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
