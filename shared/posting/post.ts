import { addDays, isIsoDay, isPeriod, today } from '../dates/day.ts';
import { periodEnd } from '../dates/period.ts';
import { cursorValue } from '../usage/cursors.ts';
import { lastCursor, usageOf } from '../usage/store.ts';
import type { Invoice } from '../schema/invoice.ts';
import type { Workspace } from '../schema/workspace.ts';
import { computePeriod } from '../invoice/compute-period.ts';
import { frozenLine } from '../invoice/lines.ts';
import { postedOf, postedWith, type PostedIndex } from '../invoice/posted.ts';
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
  /** The day it is posted (its issue date); default asOf. */
  issueDate?: string;
  /** The last upload cursor the posting browser had pulled; default the highest cursor of ws.uploads. */
  usageCursor?: string | null;
}

/** What every invoice of one post shares. */
interface PostContext {
  asOf?: string | undefined;
  issueDate?: string | undefined;
  usageCursor?: string | null | undefined;
}

/**
 * Approve & Post (see docs/billing-rules.md#posting-freezes): freezes the account's invoice
 * for period — every line with its quantity, amount, cost, terms, sources and daily
 * quantities, the parties, dates and taxes — as posted. Refused until asOf is after the
 * period's last day (docs/billing-rules.md#posting-window), when already posted, or when
 * there is nothing to invoice.
 */
export function postInvoice(ws: Workspace, accountId: string, period: string, options: PostOptions): Workspace {
  if (options.number !== null && postedOf(ws).hasNumber(options.number)) {
    throw new Error(`invoice number ${options.number} is already used`);
  }
  return post(ws, [accountId], period, options, () => ({ number: options.number, postedAt: options.postedAt, id: options.id }));
}

/** Approve & Post in bulk: one computation for all accounts; numbered in turn, or all pending when numbered is false. */
export function postInvoices(ws: Workspace, accountIds: readonly string[], period: string, options: { numbered: boolean; postedAt: string } & PostContext): Workspace {
  const first = parseInvoiceNumber(nextInvoiceNumber(ws)) ?? 1;
  return post(ws, accountIds, period, options, (n) => ({ number: options.numbered ? formatInvoiceNumber(first + n) : null, postedAt: options.postedAt, id: undefined }));
}

type Stamp = (n: number) => { number: string | null; postedAt: string; id: string | undefined };

function post(ws: Workspace, accountIds: readonly string[], period: string, context: PostContext, stamp: Stamp): Workspace {
  if (!isPeriod(period)) throw new Error(`period "${period}" must be a month written YYYY-MM`);
  const asOf = context.asOf ?? ws.asOf ?? today();
  const opens = postingOpensOn(period);
  if (!mayPost(period, asOf)) throw new Error(`cannot post ${period} before it ends (asOf ${asOf}): posting opens on ${opens}`);
  const issueDate = context.issueDate ?? asOf;
  if (!isIsoDay(issueDate)) throw new Error(`issueDate "${issueDate}" must be a calendar day written YYYY-MM-DD`);
  const usageCursor = context.usageCursor !== undefined ? context.usageCursor : lastCursor(usageOf(ws), cursorValue);
  const posted = postedOf(ws);
  if (new Set(accountIds).size !== accountIds.length) throw new Error('an account is listed twice');
  for (const accountId of accountIds) {
    if (!ws.accounts.some((a) => a.id === accountId)) throw new Error(`unknown account "${accountId}"`);
    const already = posted.periods(accountId)?.get(period);
    if (already) throw new Error(`the ${period} invoice of account ${accountId} is already posted (${already.number ?? 'number pending'})`);
  }
  const drafts = new Map(computePeriod(ws, period, { asOf, accounts: accountIds, daily: true }).invoices.map((i) => [i.accountId, i]));
  const used = new Set<string>();
  const taken = (id: string) => used.has(id) || posted.hasId(id);
  const added: Invoice[] = [];
  accountIds.forEach((accountId, n) => {
    const draft = drafts.get(accountId);
    if (!draft) throw new Error(`account ${accountId} has nothing to invoice for ${period}`);
    const { number, postedAt, id: requested } = stamp(n);
    const id = requested ?? freeId(taken, accountId, period);
    if (taken(id)) throw new Error(`invoice id "${id}" is already used`);
    used.add(id);
    const account = ws.accounts.find((a) => a.id === accountId);
    const terms = account?.billing?.paymentTermsDays ?? ws.profile?.paymentTermsDays ?? DEFAULT_TERMS_DAYS;
    const { export: _settings, ...from } = ws.profile ?? { name: '', address: [] };
    added.push({
      ...draft, id, status: 'posted', number, postedAt,
      issueDate, dueDate: addDays(issueDate, terms),
      from: structuredClone(from),
      billTo: { name: account?.name ?? accountId, ...structuredClone(account?.billing ?? {}) },
      usageCursor,
      lines: draft.lines.map(frozenLine),
    });
  });
  const invoices = [...ws.invoices, ...added];
  // A workspace that carries its own index (the engine worker's) carries it on with the new posts.
  const own = (ws as { posted?: PostedIndex }).posted;
  return own ? { ...ws, invoices, posted: postedWith(own, { added }) } as Workspace : { ...ws, invoices };
}

/**
 * The first day a period may be posted: the day after its last day, since the last day's
 * nightly upload arrives after midnight (see docs/billing-rules.md#posting-window).
 */
export function postingOpensOn(period: string): string {
  return addDays(periodEnd(period), 1);
}

/** Whether a period may be posted when the engine's today is asOf. */
export function mayPost(period: string, asOf: string): boolean {
  return asOf >= postingOpensOn(period);
}

/** Payment terms when neither the account nor the profile sets them. */
export const DEFAULT_TERMS_DAYS = 30;

function freeId(taken: (id: string) => boolean, accountId: string, period: string): string {
  let n = 1;
  while (taken(`${accountId}/${period}/${n}`)) n++;
  return `${accountId}/${period}/${n}`;
}
