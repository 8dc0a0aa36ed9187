// Exact fixed-point decimals on BigInt. A value is an integer count of 10^-scale
// units, so prices (4 dp), quantities (4 dp) and amounts (minor units) never touch
// binary floating point; rounding happens only where a caller asks for it.

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

/** Formats integer units of 10^-scale as a decimal string with exactly `scale` fractional digits. */
export function formatScaled(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return (negative ? '-' : '') + whole + (scale > 0 ? '.' + fraction : '');
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
export function formatQuantity(units: bigint): string {
  return formatScaled(units, QTY_SCALE);
}

/** The plain decimal text of a finite JS number, or an error for exponent forms such as 1e-7. */
export function numberToDecimalText(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`${value} is not a finite number`);
  const text = String(value);
  if (/e/i.test(text)) throw new Error(`${value} is outside the supported range`);
  return text;
}
