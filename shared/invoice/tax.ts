import { formatScaled, sumUnits, type Units } from '../money/scaled.ts';
import { minorDigits } from '../money/currency.ts';
import { divRound, parseScaled } from '../money/scaled.ts';
import type { InvoiceLine, InvoiceTax } from '../schema/invoice.ts';
import type { AccountTax } from '../schema/parties.ts';

/**
 * The taxes of an invoice (see docs/billing-rules.md#tax): per rate, the sum of its taxable
 * lines (a line is taxable unless it says taxable: false) × rate / 100, rounded once, half
 * away from zero. None for an account without a tax or exempt (null).
 */
export function invoiceTaxes(lines: readonly { line: Pick<InvoiceLine, 'taxable'>; amount: Units }[], tax: AccountTax | undefined, currency: string): { taxes: InvoiceTax[]; total: bigint } {
  if (!tax) return { taxes: [], total: 0n };
  const base = BigInt(sumUnits(lines.filter((l) => l.line.taxable !== false).map((l) => l.amount)));
  // rate is a percentage with up to 4 decimals: base × rate units / (100 × 10^4).
  const amount = divRound(base * parseScaled(tax.rate, 4), 1_000_000n);
  const digits = minorDigits(currency);
  return { taxes: [{ name: tax.name, rate: tax.rate, taxable: formatScaled(base, digits), amount: formatScaled(amount, digits) }], total: amount };
}
