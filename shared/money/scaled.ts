// Scaled integers: a value is an integer count of 10^-scale units, so prices (4 dp),
// quantities (4 dp) and amounts (minor units) never touch binary floating point, and
// rounding happens only where a caller asks for it. Every operation has two paths side by
// side: a fast one on JS numbers, taken only while every value provably stays below 2^53,
// and the BigInt one that is always exact. A property test (test/shared/money-fast.property.test.ts)
// pins each fast path to its BigInt twin.

/** An exact integer count of units: a JS number while safe, else a bigint. */
export type Units = number | bigint;

export const QTY_SCALE = 4;
const QTY_FACTOR = 10_000n;

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Parses a decimal string into integer units of 10^-scale; rejects more fractional digits than scale. */
export function parseScaled(text: string, scale: number): bigint {
  const match = DECIMAL.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a decimal number`);
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > scale) throw new Error(`"${text}" has more than ${scale} decimal places`);
  const units = BigInt(whole + fraction.padEnd(scale, '0'));
  return sign ? -units : units;
}

/** Integer division rounding half away from zero. */
export function divRound(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new Error('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (n * 2n + d) / (d * 2n);
  return negative ? -quotient : quotient;
}

/** 10^n as a bigint. */
export function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** Parses a quantity (number, decimal string or boolean) into units of 10^-4. */
export function quantityUnits(value: number | string | boolean): bigint {
  if (typeof value === 'boolean') return value ? QTY_FACTOR : 0n;
  return parseScaled(typeof value === 'number' ? numberToDecimalText(value) : value, QTY_SCALE);
}

/** Formats quantity units (10^-4) as a 4-decimal string. */
export function formatQuantity(units: Units): string {
  return formatScaled(units, QTY_SCALE);
}

/** The plain decimal text of a finite JS number, or an error for exponent forms such as 1e-7. */
export function numberToDecimalText(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`${value} is not a finite number`);
  const text = String(value);
  if (/e/i.test(text)) throw new Error(`${value} is outside the supported range`);
  return text;
}

// ---------------------------------------------------------------------------------------
// The fast paths on JS numbers.

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

/** An integer count of 10^-scale units (number or bigint) as a decimal string with exactly scale decimals. */
export function formatScaled(units: Units, scale: number): string {
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

const FAST_NUMBER_LIMIT = 1e11;

/** A quantity (number, decimal string or boolean) in 10^-4 units as an exact JS integer. */
export function unitsOf(value: number | string | boolean): number {
  if (typeof value === 'number') {
    // Below 1e11 the product carries an error under 0.25 units, so rounding is exact
    // for any value with at most 4 decimals (which the schema guarantees).
    if (value >= 0 && value < FAST_NUMBER_LIMIT) return Math.round(value * 10_000);
    return safeUnits(quantityUnits(value), value);
  }
  if (typeof value === 'boolean') return value ? 10_000 : 0;
  // Plain decimal text is read exactly as a JS integer; anything else goes through the BigInt parser (which also reports errors).
  return scaledInteger(value, QTY_SCALE) ?? safeUnits(quantityUnits(value), value);
}

function safeUnits(units: bigint, value: number | string): number {
  if (units < 0n || units > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`quantity ${String(value)} is outside the range trueup bills exactly (0 to 900,719,925,474)`);
  }
  return Number(units);
}
