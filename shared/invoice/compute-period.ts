import { moduleIndex } from '../catalog/lookup.ts';
import { isIsoDay, isPeriod, today } from '../dates/day.ts';
import type { Invoice, InvoiceLine } from '../schema/invoice.ts';
import type { Workspace } from '../schema/workspace.ts';
import { usageOf } from '../usage/store.ts';
import { computeItems } from '../billing/compute.ts';
import { orgsByAccount, planItems } from '../billing/plan.ts';
import type { BillingItem } from '../billing/item.ts';
import { dueAdjustments } from './adjustments.ts';
import { dueCharges } from './charges.ts';
import { postedOf } from './posted.ts';
import { contractLookup } from './recompute-posted.ts';
import { orderLines, type OrderedLine } from './lines.ts';
import { draftInvoice } from './build.ts';

export interface PeriodOptions {
  /** The engine's today; default ws.asOf, else the machine's today. */
  asOf?: string;
  /** Only these accounts (posting one invoice need not compute them all). */
  accounts?: readonly string[];
  /** Attach daily quantities to items and lines (what posting freezes); off by default for speed. */
  daily?: boolean;
}

/** An adjustment line due in the period, with its account and the key of the item it adjusts. */
export type Adjustment = InvoiceLine & { accountId: string; key: string };

export interface PeriodResult {
  period: string;
  asOf: string;
  currency: string;
  /** Pending billing items (accounts whose invoice is posted are not recomputed); the same objects are the drafts' item lines. */
  items: BillingItem[];
  adjustments: Adjustment[];
  /** One per account with items, charges or adjustments: a draft, or the posted invoice untouched. */
  invoices: Invoice[];
}

/** The engine's entry point: billing items, adjustments, charges and invoices of every account for a period. */
export function computePeriod(ws: Workspace, period: string, options: PeriodOptions = {}): PeriodResult {
  if (!isPeriod(period)) throw new Error(`period "${period}" must be a month written YYYY-MM`);
  const asOf = options.asOf ?? ws.asOf ?? today();
  if (!isIsoDay(asOf)) throw new Error(`asOf "${asOf}" must be a calendar day written YYYY-MM-DD`);
  const currency = ws.currency;
  const modules = moduleIndex(ws.modules);
  const moduleRank = new Map([...modules.keys()].map((id, i) => [id, i]));
  const posted = postedOf(ws);
  const only = options.accounts ? new Set(options.accounts) : undefined;
  const postedNow = new Map<string, Invoice>();
  for (const accountId of posted.accountIds()) {
    if (only && !only.has(accountId)) continue;
    if (!posted.periods(accountId)?.has(period)) continue;
    const invoice = posted.whole(accountId, period);
    // The engine worker reads the whole invoices of the period it is asked for before computing.
    if (!invoice) throw new Error(`the posted ${period} invoice of account ${accountId} was not read whole`);
    postedNow.set(accountId, invoice);
  }
  let pending: Set<string> | undefined = only ? new Set([...only].filter((id) => !postedNow.has(id))) : undefined;
  if (!pending && postedNow.size > 0) pending = new Set(ws.accounts.map((a) => a.id).filter((id) => !postedNow.has(id)));

  const orgs = orgsByAccount(ws);
  const base = { index: usageOf(ws), modules, asOf, currency };
  const computed = computeItems({ ...base, period }, planItems(ws, period, orgs, pending), options.daily ?? false);
  const due = dueAdjustments(period, base, orgs, contractLookup(ws), posted, pending);
  const charges = dueCharges(ws.charges, period, currency, posted, pending);

  const linesByAccount = new Map<string, OrderedLine[]>();
  const add = (accountId: string, entry: OrderedLine) => {
    const list = linesByAccount.get(accountId);
    if (list) list.push(entry);
    else linesByAccount.set(accountId, [entry]);
  };
  for (const entry of computed) add(entry.item.accountId, entry);
  for (const adjustment of due) add(adjustment.accountId, adjustment);
  for (const charge of charges) add(charge.accountId, charge);

  const invoices: Invoice[] = [];
  const names = new Map(ws.accounts.map((a) => [a.id, a.name]));
  const taxOf = new Map(ws.accounts.map((a) => [a.id, a.billing?.tax ?? undefined]));
  const accountIds = [...ws.accounts.map((a) => a.id), ...[...postedNow.keys(), ...linesByAccount.keys()].filter((id) => !names.has(id))];
  for (const accountId of new Set(accountIds)) {
    const postedInvoice = postedNow.get(accountId);
    if (postedInvoice) {
      // Posted before invoices carried a subtotal and taxes: untaxed, its total is its subtotal.
      invoices.push(postedInvoice.subtotal === undefined ? { ...postedInvoice, subtotal: postedInvoice.total, taxes: postedInvoice.taxes ?? [] } : postedInvoice);
      continue;
    }
    const lines = linesByAccount.get(accountId);
    if (!lines) continue;
    const name = names.get(accountId);
    const tax = taxOf.get(accountId);
    invoices.push(draftInvoice({ id: accountId, ...(name === undefined ? {} : { name }), ...(tax ? { tax } : {}) }, period, currency, orderLines(lines, moduleRank)));
  }
  return {
    period,
    asOf,
    currency,
    items: computed.map((c) => c.item),
    adjustments: due.map((d) => ({ ...d.line, accountId: d.accountId, key: d.key })),
    invoices,
  };
}
