// Exact integer arithmetic on JS numbers for the common case where every value stays
// below 2^53; BigInt (shared/money) takes over where a value would not fit.

/** An exact integer count of units: a JS number while safe, else a bigint. */
export type Units = number | bigint;

/** round(a × b × c / den), half away from zero, for non-negative integers; null when a × b × c passes 2^53. */
export function mulDivRound(a: number, b: number, c: number, den: number): number | null {
  // Rounding is monotonic, so a float product at or below 2^53 − 1 means the true one is
  // too, and then every partial product was exact as well.
  const product = a * b * c;
  if (!(product <= Number.MAX_SAFE_INTEGER)) return null;
  let quotient = Math.floor(product / den);
  let rest = product - quotient * den;
  if (rest < 0) {
    quotient -= 1;
    rest += den;
  } else if (rest >= den) {
    quotient += 1;
    rest -= den;
  }
  return 2 * rest >= den ? quotient + 1 : quotient;
}

const POWERS = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];

/**
 * A plain decimal string ("12", "5.0050") as an exact JS integer of 10^-scale units, or null
 * when it is anything else (sign, spaces, more than scale decimals, over 15 digits): the
 * caller then parses it with BigInt, which also reports what is wrong.
 */
export function scaledInteger(text: string, scale: number): number | null {
  let units = 0;
  let digits = 0;
  let decimals = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 && decimals < 0 && digits > 0) {
      decimals = 0;
      continue;
    }
    if (c < 48 || c > 57 || ++digits > 15) return null;
    if (decimals >= 0 && ++decimals > scale) return null;
    units = units * 10 + (c - 48);
  }
  if (digits === 0 || decimals === 0 || scale >= POWERS.length) return null;
  // Below 2^53 the product is exact; past it, rounding keeps it past (monotonic).
  const scaled = units * (POWERS[scale - (decimals < 0 ? 0 : decimals)] as number);
  return scaled <= Number.MAX_SAFE_INTEGER ? scaled : null;
}

/** An integer count of 10^-scale units as a decimal string with exactly scale decimals. */
export function formatUnits(units: Units, scale: number): string {
  const negative = units < 0;
  let digits = String(negative ? -units : units);
  if (digits.length <= scale) digits = digits.padStart(scale + 1, '0');
  const sign = negative ? '-' : '';
  if (scale === 0) return sign + digits;
  const cut = digits.length - scale;
  return sign + digits.slice(0, cut) + '.' + digits.slice(cut);
}

/** a − b exactly. */
export function subtractUnits(a: Units, b: Units): Units {
  if (typeof a === 'number' && typeof b === 'number' && Math.abs(a) + Math.abs(b) <= Number.MAX_SAFE_INTEGER) return a - b;
  return BigInt(a) - BigInt(b);
}

/** Σ of units exactly: JS numbers while the running sum is safe. */
export function sumUnits(values: Iterable<Units>): Units {
  let fast = 0;
  let big: bigint | null = null;
  for (const value of values) {
    if (big === null && typeof value === 'number' && Math.abs(fast) + Math.abs(value) <= Number.MAX_SAFE_INTEGER) fast += value;
    else big = (big ?? BigInt(fast)) + BigInt(value);
  }
  return big ?? fast;
}
