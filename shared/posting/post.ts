import { isPeriod, today } from '../dates/day.ts';
import { periodEnd } from '../dates/period.ts';
import type { Invoice } from '../schema/invoice.ts';
import type { Workspace } from '../schema/workspace.ts';
import { computePeriod } from '../invoice/compute-period.ts';
import { frozenLine } from '../invoice/lines.ts';
import { formatInvoiceNumber, nextInvoiceNumber, parseInvoiceNumber } from './number.ts';

export interface PostOptions {
  /** The invoice number, or null for "number pending" (the edge numbers a post when it syncs). */
  number: string | null;
  /** When it was posted (ISO time), recorded on the invoice. */
  postedAt: string;
  /** The invoice's id; default `<accountId>/<period>/<n>`. */
  id?: string;
  /** The engine's today; default ws.asOf, else the machine's today. */
  asOf?: string;
}

/**
 * The posting window (docs/billing-rules.md#posting): the first day a period's invoices
 * may be posted, once every day of the month is known to the engine.
 */
export function postingOpensOn(period: string): string {
  return periodEnd(period);
}

/** Whether a period may be posted when the engine's today is asOf. */
export function mayPost(period: string, asOf: string): boolean {
  return asOf >= postingOpensOn(period);
}

/**
 * Approve & Post (docs/billing-rules.md#posting): freezes the account's invoice for period — every line with
 * its quantity, amount, cost and daily quantities — as posted. Refused before the period
 * has ended by asOf, when already posted, or when there is nothing to invoice.
 */
export function postInvoice(ws: Workspace, accountId: string, period: string, options: PostOptions): Workspace {
  if (options.number !== null && ws.invoices.some((i) => i.number === options.number)) {
    throw new Error(`invoice number ${options.number} is already used`);
  }
  return post(ws, [accountId], period, options.asOf, () => ({ number: options.number, postedAt: options.postedAt, id: options.id }));
}

/** Approve & Post in bulk: one computation for all accounts; numbered in turn, or all pending when numbered is false. */
export function postInvoices(ws: Workspace, accountIds: readonly string[], period: string, options: { numbered: boolean; postedAt: string; asOf?: string }): Workspace {
  const first = parseInvoiceNumber(nextInvoiceNumber(ws)) ?? 1;
  return post(ws, accountIds, period, options.asOf, (n) => ({ number: options.numbered ? formatInvoiceNumber(first + n) : null, postedAt: options.postedAt, id: undefined }));
}

type Stamp = (n: number) => { number: string | null; postedAt: string; id: string | undefined };

function post(ws: Workspace, accountIds: readonly string[], period: string, asOfOption: string | undefined, stamp: Stamp): Workspace {
  if (!isPeriod(period)) throw new Error(`period "${period}" must be a month written YYYY-MM`);
  const asOf = asOfOption ?? ws.asOf ?? today();
  if (!mayPost(period, asOf)) throw new Error(`cannot post ${period} before it ends (asOf ${asOf})`);
  if (new Set(accountIds).size !== accountIds.length) throw new Error('an account is listed twice');
  for (const accountId of accountIds) {
    if (!ws.accounts.some((a) => a.id === accountId)) throw new Error(`unknown account "${accountId}"`);
    const already = ws.invoices.find((i) => i.status === 'posted' && i.accountId === accountId && i.period === period);
    if (already) throw new Error(`the ${period} invoice of account ${accountId} is already posted (${already.number ?? 'number pending'})`);
  }
  const drafts = new Map(computePeriod(ws, period, { asOf, accounts: accountIds, daily: true }).invoices.map((i) => [i.accountId, i]));
  const used = new Set(ws.invoices.map((i) => i.id));
  const added: Invoice[] = [];
  accountIds.forEach((accountId, n) => {
    const draft = drafts.get(accountId);
    if (!draft) throw new Error(`account ${accountId} has nothing to invoice for ${period}`);
    const { number, postedAt, id: requested } = stamp(n);
    const id = requested ?? freeId(used, accountId, period);
    if (used.has(id)) throw new Error(`invoice id "${id}" is already used`);
    used.add(id);
    added.push({ ...draft, id, status: 'posted', number, postedAt, lines: draft.lines.map(frozenLine) });
  });
  return { ...ws, invoices: [...ws.invoices, ...added] };
}

function freeId(used: ReadonlySet<string | undefined>, accountId: string, period: string): string {
  let n = 1;
  while (used.has(`${accountId}/${period}/${n}`)) n++;
  return `${accountId}/${period}/${n}`;
}
