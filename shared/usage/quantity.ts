// Quantities are summed as JS numbers counting 10^-4 units: exact for integers below
// 2^53, far above any real device count, and much faster than BigInt on the hot path.
import { quantityUnits } from '../money/decimal.ts';

const FAST_NUMBER_LIMIT = 1e11;
const FAST_TEXT_DIGITS = 15;
const SCALE = [10_000, 1_000, 100, 10, 1];

/** A quantity (number, decimal string or boolean) in 10^-4 units as an exact JS integer. */
export function unitsOf(value: number | string | boolean): number {
  if (typeof value === 'number') {
    // Below 1e11 the product carries an error under 0.25 units, so rounding is exact
    // for any value with at most 4 decimals (which the schema guarantees).
    if (value >= 0 && value < FAST_NUMBER_LIMIT) return Math.round(value * 10_000);
    return safeUnits(quantityUnits(value), value);
  }
  if (typeof value === 'boolean') return value ? 10_000 : 0;
  return textUnits(value);
}

// Digits and at most one dot, at most 4 decimals, at most 15 digits: exact as a JS
// integer; anything else goes through the BigInt parser (which also reports errors).
function textUnits(text: string): number {
  let units = 0;
  let decimals = -1;
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 && decimals < 0 && digits > 0) {
      decimals = 0;
      continue;
    }
    if (c < 48 || c > 57 || ++digits > FAST_TEXT_DIGITS) return safeUnits(quantityUnits(text), text);
    if (decimals >= 0 && ++decimals > 4) return safeUnits(quantityUnits(text), text);
    units = units * 10 + (c - 48);
  }
  if (digits === 0) return safeUnits(quantityUnits(text), text);
  return units * (SCALE[decimals < 0 ? 0 : decimals] as number);
}

function safeUnits(units: bigint, value: number | string): number {
  if (units < 0n || units > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`quantity ${String(value)} is outside the range trueup bills exactly (0 to 900,719,925,474)`);
  }
  return Number(units);
}
