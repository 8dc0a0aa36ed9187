// Quantities are summed as JS numbers counting 10^-4 units: exact for integers below
// 2^53, far above any real device count, and much faster than BigInt on the hot path.
import { quantityUnits } from '../money/decimal.ts';

const FAST_NUMBER_LIMIT = 1e11;
const FAST_DIGITS = 11;

/** A quantity (number, decimal string or boolean) in 10^-4 units as an exact JS integer. */
export function unitsOf(value: number | string | boolean): number {
  if (typeof value === 'number') {
    // Below 1e11 the product carries an error under 0.25 units, so rounding is exact
    // for any value with at most 4 decimals (which the schema guarantees).
    if (value >= 0 && value < FAST_NUMBER_LIMIT) return Math.round(value * 10_000);
    return safeUnits(quantityUnits(value), value);
  }
  if (typeof value === 'boolean') return value ? 10_000 : 0;
  const dot = value.indexOf('.');
  const whole = dot < 0 ? value : value.slice(0, dot);
  const fraction = dot < 0 ? '' : value.slice(dot + 1);
  if (whole.length > 0 && whole.length <= FAST_DIGITS && fraction.length <= 4 && /^\d+$/.test(whole) && /^\d*$/.test(fraction)) {
    return Number(whole) * 10_000 + (fraction === '' ? 0 : Number(fraction.padEnd(4, '0')));
  }
  return safeUnits(quantityUnits(value), value);
}

function safeUnits(units: bigint, value: number | string): number {
  if (units < 0n || units > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`quantity ${String(value)} is outside the range trueup bills exactly (0 to 900,719,925,474)`);
  }
  return Number(units);
}
