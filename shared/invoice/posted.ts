import { minorDigits } from '../money/currency.ts';
import { divRound, parseScaled, pow10 } from '../money/scaled.ts';
import type { Invoice, InvoiceLine } from '../schema/invoice.ts';
import { itemKey } from '../billing/item.ts';
import { precedes } from '../posting/duplicates.ts';

/** What was billed for one posted item since: the adjustments posted for it. */
export interface PostedAdjustments {
  amount: bigint;
  cost: bigint;
  /** The quantity as last billed: the latest posted adjustment's new quantity, else null (the item's). */
  lastQuantity: string | null;
}

/** The posted (not voided) invoices, by account then period. */
export interface PostedIndex {
  invoices: Map<string, Map<string, Invoice>>;
}

/** Indexes the posted invoices of a workspace; voided, draft and duplicate posts do not count. */
export function indexPosted(invoices: readonly Invoice[]): PostedIndex {
  // standingPosted's rule, without a key string per invoice: every recompute runs this over the whole history.
  const byAccount = new Map<string, Map<string, Invoice>>();
  for (let i = 0; i < invoices.length; i++) {
    const invoice = invoices[i] as Invoice;
    if (invoice.status !== 'posted') continue;
    let periods = byAccount.get(invoice.accountId);
    if (!periods) {
      periods = new Map();
      byAccount.set(invoice.accountId, periods);
    }
    const current = periods.get(invoice.period);
    if (!current || precedes(invoice, current)) periods.set(invoice.period, invoice);
  }
  return { invoices: byAccount };
}

/** The adjustments posted on an account's invoices, by the key of the item each adjusts (oldest invoice first, so the latest new quantity is kept). */
export function postedAdjustments(periods: ReadonlyMap<string, Invoice>, currency: string): Map<string, PostedAdjustments> {
  const result = new Map<string, PostedAdjustments>();
  for (const invoice of [...periods.values()].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0))) {
    for (const line of invoice.lines) {
      if (line.kind !== 'adjustment') continue;
      const key = lineKey(line);
      let entry = result.get(key);
      if (!entry) {
        entry = { amount: 0n, cost: 0n, lastQuantity: null };
        result.set(key, entry);
      }
      entry.amount += amountMinor(line.amount, currency);
      entry.cost += line.cost == null ? 0n : amountMinor(line.cost, currency);
      entry.lastQuantity = line.newQuantity ?? entry.lastQuantity;
    }
  }
  return result;
}

/** The key of the item an invoice line bills or adjusts. */
export function lineKey(line: Pick<InvoiceLine, 'contractId' | 'serviceId' | 'module' | 'period'>): string {
  return itemKey(line.contractId ?? '', line.serviceId ?? '', line.module ?? '', line.period);
}

/**
 * An amount of a stored invoice in the currency's minor units. Stored amounts come from
 * outside (imports, other clients): one written with more decimals than the currency has
 * is rounded half away from zero rather than rejected.
 */
export function amountMinor(text: string, currency: string): bigint {
  const digits = minorDigits(currency);
  const fraction = text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
  if (fraction <= digits) return parseScaled(text, digits);
  return divRound(parseScaled(text, fraction), pow10(fraction - digits));
}
