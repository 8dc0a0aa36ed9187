import { minorDigits } from '../money/currency.ts';
import { divRound, parseScaled, pow10 } from '../money/decimal.ts';
import type { Invoice, InvoiceLine } from '../schema/invoice.ts';
import { itemKey } from '../billing/item.ts';
import { standingPosted } from '../posting/duplicates.ts';

/** What was posted for one item: its item line, and the adjustments posted for it since. */
export interface PostedItem {
  accountId: string;
  line: InvoiceLine | null;
  adjusted: bigint;
  adjustedCost: bigint;
  /** The quantity as last billed: the latest posted adjustment's new quantity, else the item's. */
  lastQuantity: string;
  lastPeriod: string;
}

/** The posted (not voided) invoices, by account then period, and every posted item by key. */
export interface PostedIndex {
  invoices: Map<string, Map<string, Invoice>>;
  items: Map<string, PostedItem>;
}

/** Indexes the posted invoices of a workspace; voided, draft and duplicate posts do not count. */
export function indexPosted(invoices: readonly Invoice[], currency: string): PostedIndex {
  const byAccount = new Map<string, Map<string, Invoice>>();
  for (const invoice of standingPosted(invoices).values()) {
    let periods = byAccount.get(invoice.accountId);
    if (!periods) {
      periods = new Map();
      byAccount.set(invoice.accountId, periods);
    }
    periods.set(invoice.period, invoice);
  }
  const items = new Map<string, PostedItem>();
  const entry = (accountId: string, line: InvoiceLine) => {
    const key = itemKey(line.contractId ?? '', line.serviceId ?? '', line.module ?? '', line.period);
    let posted = items.get(key);
    if (!posted) {
      posted = { accountId, line: null, adjusted: 0n, adjustedCost: 0n, lastQuantity: '0.0000', lastPeriod: '' };
      items.set(key, posted);
    }
    return posted;
  };
  for (const periods of byAccount.values()) {
    // Oldest invoice first, so the latest adjustment's new quantity is the one kept.
    for (const invoice of [...periods.values()].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0))) {
      for (const line of invoice.lines) {
        const posted = entry(invoice.accountId, line);
        if (line.kind === 'item') {
          posted.line = line;
          if (posted.lastPeriod === '') posted.lastQuantity = line.quantity;
        } else {
          posted.adjusted += amountMinor(line.amount, currency);
          posted.adjustedCost += line.cost === null ? 0n : amountMinor(line.cost, currency);
          posted.lastQuantity = line.newQuantity ?? posted.lastQuantity;
          posted.lastPeriod = invoice.period;
        }
      }
    }
  }
  return { invoices: byAccount, items };
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
