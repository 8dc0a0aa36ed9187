import { divRound, formatScaled, parseScaled, pow10, QTY_SCALE } from './scaled.ts';
import { minorDigits } from './currency.ts';

export const PRICE_SCALE = 4;

/** Parses a unit price or cost string (at most 4 dp) into units of 10^-4. */
export function priceUnits(text: string): bigint {
  return parseScaled(text, PRICE_SCALE);
}

/**
 * Rounds price × quantity × numerator / denominator once, half away from zero, to the
 * currency's minor units. price and quantity are in 10^-4 units.
 */
export function lineAmount(price: bigint, quantity: bigint, numerator: bigint, denominator: bigint, currency: string): bigint {
  const minor = pow10(minorDigits(currency));
  const scale = pow10(PRICE_SCALE + QTY_SCALE);
  return divRound(price * quantity * numerator * minor, scale * denominator);
}

/** Formats minor units as the currency's amount string ("52.50", "1200" for JPY). */
export function formatAmount(minorUnits: bigint, currency: string): string {
  return formatScaled(minorUnits, minorDigits(currency));
}

/** Parses an amount string of the currency into minor units. */
export function amountUnits(text: string, currency: string): bigint {
  return parseScaled(text, minorDigits(currency));
}
