// What "Approve & Post all" is about to do, for its confirmation: which invoices, how many,
// their total. $0.00 invoices are left out unless the admin includes them: posting one
// uses a number of the gapless sequence for nothing to collect.
import type { Invoice } from '../../../../shared/schema/invoice.ts';
import { amountUnits, formatAmount } from '../../../../shared/money/amount.ts';

export interface PostAllPlan {
  /** The accounts whose invoices would be posted, in the order given. */
  accountIds: string[];
  /** Σ of their totals. */
  total: string;
  /** How many draft invoices total $0.00 (left out unless included). */
  zero: number;
}

/** The drafts to post: every draft invoice, without the $0.00 ones unless `includeZero`. */
export function postAllPlan(invoices: readonly Invoice[], currency: string, includeZero: boolean): PostAllPlan {
  const accountIds: string[] = [];
  let total = 0n;
  let zero = 0;
  for (const invoice of invoices) {
    if (invoice.status !== 'draft') continue;
    const amount = amountUnits(invoice.total, currency);
    if (amount === 0n) {
      zero++;
      if (!includeZero) continue;
    }
    accountIds.push(invoice.accountId);
    total += amount;
  }
  return { accountIds, total: formatAmount(total, currency), zero };
}
