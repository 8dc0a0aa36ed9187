import { amountUnits, formatAmount } from '../money/amount.ts';
import type { Invoice, InvoiceLine } from '../schema/invoice.ts';

/** Σ of the rounded line amounts, in minor units. */
export function linesTotal(lines: readonly InvoiceLine[], currency: string): bigint {
  let total = 0n;
  for (const line of lines) total += amountUnits(line.amount, currency);
  return total;
}

/** A draft invoice of one account and period: total = Σ rounded lines, a credit note when negative. */
export function draftInvoice(account: { id: string; name?: string }, period: string, currency: string, lines: InvoiceLine[]): Invoice {
  const total = linesTotal(lines, currency);
  const invoice: Invoice = {
    accountId: account.id,
    period,
    status: 'draft',
    number: null,
    currency,
    total: formatAmount(total, currency),
    creditNote: total < 0n,
    lines,
  };
  if (account.name !== undefined) invoice.accountName = account.name;
  return invoice;
}
