import { formatUnits, sumUnits } from '../billing/whole.ts';
import { minorDigits } from '../money/currency.ts';
import type { Invoice } from '../schema/invoice.ts';
import type { OrderedLine } from './lines.ts';

/** A draft invoice of one account and period: total = Σ rounded lines, a credit note when negative. */
export function draftInvoice(account: { id: string; name?: string }, period: string, currency: string, lines: readonly OrderedLine[]): Invoice {
  const total = sumUnits(lines.map((l) => l.amount));
  const invoice: Invoice = {
    accountId: account.id,
    period,
    status: 'draft',
    number: null,
    currency,
    total: formatUnits(total, minorDigits(currency)),
    creditNote: total < 0,
    lines: lines.map((l) => l.line),
  };
  if (account.name !== undefined) invoice.accountName = account.name;
  return invoice;
}
