import { divRound } from '../money/decimal.ts';
import { lineAmount, priceUnits, PRICE_SCALE } from '../money/amount.ts';
import type { BillingMode } from '../schema/workspace.ts';
import { mulDivRound, scaledInteger, type Units } from './whole.ts';

/**
 * What the mode formulas need from an item's daily quantities over its N active days, in
 * 10^-4 units: JS integers on the fast path, bigints when a sum passes 2^53.
 */
export interface UsageSummary {
  sum: Units;
  lastDay: Units;
  peak: Units;
  activeDays: number;
  periodDays: number;
}

/** A unit price or cost: its text and, when exact, its 10^-4 units as a JS integer. */
export interface Price {
  text: string;
  fast: number | null;
}

/** Parses a unit price or cost (at most 4 dp) for the formulas; a text the fast parser declines stays for BigInt. */
export function toPrice(text: string): Price {
  return { text, fast: scaledInteger(text, PRICE_SCALE) };
}

// price (10^-4) × quantity (10^-4) → 10^-8 of the currency unit.
const SCALE = 1e8;

/** The quantity a mode bills (docs/billing-rules.md#modes): Σq (daily, shown as Σq/D), q on the last active day, or max q. */
export function billedQuantity(mode: BillingMode, usage: UsageSummary): Units {
  return mode === 'daily' ? usage.sum : mode === 'peak' ? usage.peak : usage.lastDay;
}

/** The quantity shown on the line, 10^-4 units: Σq/D rounded half away from zero for daily, else the billed quantity. */
export function shownQuantity(mode: BillingMode, usage: UsageSummary): Units {
  if (mode !== 'daily') return billedQuantity(mode, usage);
  const sum = usage.sum;
  const fast = typeof sum === 'number' ? mulDivRound(sum, 1, 1, usage.periodDays) : null;
  return fast ?? divRound(BigInt(sum), BigInt(usage.periodDays));
}

/**
 * The amount (or cost) of a line in minor units (docs/billing-rules.md#modes): unit × Σq / D for daily,
 * unit × q × N / D otherwise, rounded once, half away from zero. Exact JS integer
 * arithmetic when it fits below 2^53, lineAmount's BigInt otherwise: same results.
 */
export function lineMoney(mode: BillingMode, usage: UsageSummary, unit: Price, currency: string, minorFactor: number): Units {
  const q = billedQuantity(mode, usage);
  const n = mode === 'daily' ? 1 : usage.activeDays;
  if (unit.fast !== null && typeof q === 'number') {
    const fast = mulDivRound(unit.fast, q, n * minorFactor, SCALE * usage.periodDays);
    if (fast !== null) return fast;
  }
  return lineAmount(priceUnits(unit.text), BigInt(q), BigInt(n), BigInt(usage.periodDays), currency);
}
