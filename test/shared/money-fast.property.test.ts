// The engine does its money and quantity math in JS integers while every intermediate
// value is provably below 2^53, and falls back to BigInt otherwise. These properties pin
// the fast path to the BigInt reference (shared/money), so it cannot silently change a
// rounding, including at and past the 2^53 boundary.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineMoney, shownQuantity, toPrice, type UsageSummary } from '../../shared/billing/modes.ts';
import { summarize } from '../../shared/billing/summary.ts';
import { divRound, formatScaled, mulDivRound, parseScaled, quantityUnits, scaledInteger, unitsOf } from '../../shared/money/scaled.ts';
import { lineAmount, priceUnits } from '../../shared/money/amount.ts';
import { minorDigits } from '../../shared/money/currency.ts';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MODES = ['daily', 'period-end', 'peak'] as const;
// 2, 0, 3 and 4 minor digits, and one not listed (2).
const CURRENCIES = ['USD', 'JPY', 'KWD', 'CLF', 'XYZ'] as const;

/** Non-negative integers spread over every magnitude up to well past 2^53. */
const wide = fc.oneof(
  fc.integer({ min: 0, max: 1_000 }),
  fc.integer({ min: 0, max: 2_000_000_000 }),
  fc.bigInt({ min: 0n, max: MAX_SAFE }).map(Number),
  fc.bigInt({ min: MAX_SAFE - 1_000n, max: MAX_SAFE }).map(Number),
);

/** A price text (≤ 4 dp), from cents to amounts whose units pass 2^53. */
const priceText = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 9_999 }), fc.integer({ min: 0, max: 4 })),
  fc.tuple(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 0, max: 9_999 }), fc.integer({ min: 0, max: 4 })),
).map(([whole, fraction, decimals]) => (decimals === 0 ? String(whole) : `${whole}.${String(fraction).padStart(4, '0').slice(0, decimals)}`));

/** A period length and an active range inside it. */
const days = fc.integer({ min: 28, max: 31 }).chain((periodDays) =>
  fc.tuple(fc.constant(periodDays), fc.integer({ min: 1, max: periodDays })));

describe('fast integer money path', () => {
  it('mulDivRound is round-half-away-from-zero of a × b × c / den, or null past 2^53', () => {
    fc.assert(fc.property(wide, wide, fc.integer({ min: 0, max: 31_000 }), fc.integer({ min: 1, max: 3_100_000_000 }), (a, b, c, den) => {
      const product = BigInt(a) * BigInt(b) * BigInt(c);
      const fast = mulDivRound(a, b, c, den);
      if (product > MAX_SAFE) expect(fast).toBeNull();
      else expect(fast).toBe(Number(divRound(product, BigInt(den))));
    }), { numRuns: 5_000 });
  });

  it('mulDivRound rounds exact halves up and just-below halves down at the 2^53 edge', () => {
    // den even, product = k × den + den / 2 − {0, 1}: the first rounds up, the second down.
    for (const den of [2, 100, 3_100_000_000]) {
      const k = Math.floor((Number.MAX_SAFE_INTEGER - den) / den);
      const half = k * den + den / 2;
      expect(mulDivRound(half, 1, 1, den)).toBe(k + 1);
      expect(mulDivRound(half - 1, 1, 1, den)).toBe(k);
    }
    expect(mulDivRound(Number.MAX_SAFE_INTEGER, 1, 1, 1)).toBe(Number.MAX_SAFE_INTEGER);
    expect(mulDivRound(Number.MAX_SAFE_INTEGER, 2, 1, 2)).toBeNull();
  });

  it('a line amount (and cost) equals lineAmount on BigInt, for every mode, currency and size', () => {
    fc.assert(fc.property(priceText, wide, wide, days, fc.constantFrom(...MODES), fc.constantFrom(...CURRENCIES), (text, sum, q, [periodDays, activeDays], mode, currency) => {
      const usage: UsageSummary = { sum, lastDay: q, peak: q, activeDays, periodDays };
      const minorFactor = 10 ** minorDigits(currency);
      const got = lineMoney(mode, usage, toPrice(text), currency, minorFactor);
      const billed = mode === 'daily' ? sum : q;
      const n = mode === 'daily' ? 1n : BigInt(activeDays);
      const expected = lineAmount(priceUnits(text), BigInt(billed), n, BigInt(periodDays), currency);
      expect(BigInt(got)).toBe(expected);
      // A JS number only where it is exact; a bigint past it.
      if (typeof got === 'number') expect(Number.isSafeInteger(got)).toBe(true);
      expect(formatScaled(got, minorDigits(currency))).toBe(formatScaled(expected, minorDigits(currency)));
    }), { numRuns: 5_000 });
  });

  it('the same holds with bigint usage sums (past 2^53 the engine sums in BigInt)', () => {
    fc.assert(fc.property(priceText, fc.bigInt({ min: 0n, max: 10n ** 22n }), days, fc.constantFrom(...MODES), fc.constantFrom(...CURRENCIES), (text, big, [periodDays, activeDays], mode, currency) => {
      const usage: UsageSummary = { sum: big, lastDay: big, peak: big, activeDays, periodDays };
      const got = lineMoney(mode, usage, toPrice(text), currency, 10 ** minorDigits(currency));
      const n = mode === 'daily' ? 1n : BigInt(activeDays);
      expect(BigInt(got)).toBe(lineAmount(priceUnits(text), big, n, BigInt(periodDays), currency));
    }), { numRuns: 1_000 });
  });

  it('the shown quantity equals the BigInt one', () => {
    fc.assert(fc.property(wide, wide, days, fc.constantFrom(...MODES), (sum, q, [periodDays, activeDays], mode) => {
      const usage: UsageSummary = { sum, lastDay: q, peak: q, activeDays, periodDays };
      const expected = mode === 'daily' ? divRound(BigInt(sum), BigInt(periodDays)) : BigInt(q);
      expect(BigInt(shownQuantity(mode, usage))).toBe(expected);
    }), { numRuns: 3_000 });
  });

  it('scaledInteger reads a price exactly or declines (then BigInt reads it)', () => {
    const texts = fc.oneof(priceText, fc.string({ maxLength: 8 }), fc.constantFrom('', '.', '5.', '.5', '-1', ' 1', '1.23456', '1e3', '0007.50', '9007199254740991', '900719925474.0992'));
    fc.assert(fc.property(texts, (text) => {
      const fast = scaledInteger(text, 4);
      let reference: bigint | null = null;
      try {
        reference = parseScaled(text, 4);
      } catch {
        reference = null;
      }
      if (fast !== null) expect(BigInt(fast)).toBe(reference);
      if (reference !== null && reference >= 0n && reference <= MAX_SAFE && /^\d{1,15}(\.\d{1,4})?$/.test(text) && text.replace('.', '').length <= 15) expect(fast).not.toBeNull();
    }), { numRuns: 5_000 });
  });

  it('formatScaled writes a JS integer exactly as it writes the same bigint', () => {
    const signed = fc.tuple(wide, fc.boolean()).map(([n, negative]) => (negative ? -n : n));
    fc.assert(fc.property(signed, fc.integer({ min: 0, max: 4 }), (units, scale) => {
      expect(formatScaled(units, scale)).toBe(formatScaled(BigInt(units), scale));
    }), { numRuns: 3_000 });
  });

  it('unitsOf reads a quantity (number, text, boolean) exactly as quantityUnits does on BigInt', () => {
    const quantities = fc.oneof(
      fc.tuple(fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 0, max: 9_999 }), fc.integer({ min: 0, max: 4 }))
        .map(([whole, fraction, decimals]) => (decimals === 0 ? String(whole) : `${whole}.${String(fraction).padStart(4, '0').slice(0, decimals)}`)),
      fc.integer({ min: 0, max: 1e9 }).map((n) => n / 10_000),
      fc.boolean(),
    );
    fc.assert(fc.property(quantities, fc.boolean(), (value, asNumber) => {
      const input = asNumber && typeof value === 'string' ? Number(value) : value;
      expect(BigInt(unitsOf(input))).toBe(quantityUnits(input));
    }), { numRuns: 3_000 });
  });

  it('summarize gives the BigInt sum, peak and last day of the summed columns', () => {
    const layout = fc.integer({ min: 28, max: 31 }).chain((length) => fc.record({
      length: fc.constant(length),
      // Three columns of one module, an item summing some of them (repeats allowed).
      values: fc.array(fc.integer({ min: 0, max: 4_000_000 }), { minLength: 3 * length, maxLength: 3 * length }),
      columns: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 4 }),
      range: fc.tuple(fc.integer({ min: 0, max: length - 1 }), fc.integer({ min: 0, max: length - 1 })),
      keepDays: fc.boolean(),
    }));
    fc.assert(fc.property(layout, ({ length, values, columns, range: [first, last], keepDays }) => {
      const usage: UsageSummary = { sum: 0, lastDay: 0, peak: 0, activeDays: 0, periodDays: 0 };
      const scratch = new Float64Array(31);
      expect(summarize(Float64Array.from(values), length, columns, 0, columns.length, first, last, usage, scratch, keepDays)).toBe(true);
      let sum = 0n;
      let peak = 0n;
      let lastDay = 0n;
      for (let day = first; day <= last; day++) {
        const q = columns.reduce((total, c) => total + BigInt(values[c * length + day] as number), 0n);
        sum += q;
        if (q > peak) peak = q;
        lastDay = q;
        if (keepDays) expect(scratch[day]).toBe(Number(q));
      }
      expect([BigInt(usage.sum), BigInt(usage.peak), BigInt(usage.lastDay)]).toEqual([sum, peak, lastDay]);
      expect(usage.activeDays).toBe(first <= last ? last - first + 1 : 0);
    }), { numRuns: 2_000 });
  });
});
