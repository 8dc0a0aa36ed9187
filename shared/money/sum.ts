import { amountUnits, formatAmount } from './amount.ts';

/**
 * Σ of amounts of one currency, exactly (minor units, BigInt), written as an amount of
 * that currency; "0.00" (or the currency's zero) for none. Every total on a screen, an
 * invoice document or a shared page is this sum of its rounded lines
 * (docs/billing-rules.md#rounding).
 */
export function sumAmounts(amounts: Iterable<string>, currency: string): string {
  let total = 0n;
  for (const amount of amounts) total += amountUnits(amount, currency);
  return formatAmount(total, currency);
}
