import { formatScaled, sumUnits } from '../money/scaled.ts';
import { minorDigits } from '../money/currency.ts';
import type { Invoice } from '../schema/invoice.ts';
import type { AccountTax } from '../schema/parties.ts';
import type { OrderedLine } from './lines.ts';
import { invoiceTaxes } from './tax.ts';

/**
 * A draft invoice of one account and period: subtotal = Σ rounded lines, taxes per rate
 * on the taxable lines, total = subtotal + taxes, a credit note when negative.
 */
export function draftInvoice(account: { id: string; name?: string; tax?: AccountTax }, period: string, currency: string, lines: readonly OrderedLine[]): Invoice {
  const subtotal = BigInt(sumUnits(lines.map((l) => l.amount)));
  const { taxes, total: tax } = invoiceTaxes(lines, account.tax, currency);
  const total = subtotal + tax;
  const digits = minorDigits(currency);
  const invoice: Invoice = {
    accountId: account.id,
    period,
    status: 'draft',
    number: null,
    currency,
    subtotal: formatScaled(subtotal, digits),
    taxes,
    total: formatScaled(total, digits),
    creditNote: total < 0n,
    lines: lines.map((l) => l.line),
  };
  if (account.name !== undefined) invoice.accountName = account.name;
  return invoice;
}
