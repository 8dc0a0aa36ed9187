import type { Invoice } from '../schema/invoice.ts';
import { compareInvoiceNumbers } from './number.ts';

/** What orders two posts of one account's period. */
export interface PostOrder {
  number: string | null;
  postedAt?: string | null | undefined;
  id?: string | null | undefined;
}

// Two browsers offline can both post the same account's month. Both posts sync (the log
// loses nothing) and both get numbers, so every browser must agree which one stands: the
// first numbered, then the first posted, then the smaller id. The other is a duplicate the
// admin voids; until then it bills nothing (docs/billing-rules.md#duplicate-posts).
export function precedes(a: PostOrder, b: PostOrder): boolean {
  if (a.number !== b.number) {
    if (a.number === null) return false;
    if (b.number === null) return true;
    return compareInvoiceNumbers(a.number, b.number) < 0;
  }
  if ((a.postedAt ?? '') !== (b.postedAt ?? '')) return (a.postedAt ?? '') < (b.postedAt ?? '');
  return (a.id ?? '') < (b.id ?? '');
}

/** The posted invoice that stands for each account and period (`accountId\u0000period`), duplicates set aside. */
export function standingPosted(invoices: readonly Invoice[]): Map<string, Invoice> {
  const standing = new Map<string, Invoice>();
  for (const invoice of invoices) {
    if (invoice.status !== 'posted') continue;
    const key = `${invoice.accountId}\u0000${invoice.period}`;
    const current = standing.get(key);
    if (!current || precedes(invoice, current)) standing.set(key, invoice);
  }
  return standing;
}

/** Posted invoices that duplicate another post of the same account and period: to be voided. */
export function duplicatePosts(invoices: readonly Invoice[]): Invoice[] {
  const standing = new Set(standingPosted(invoices).values());
  return invoices.filter((i) => i.status === 'posted' && !standing.has(i));
}
