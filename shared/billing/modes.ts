import { minorDigits } from '../money/currency.ts';
import type { Terms } from './terms.ts';
import { lineAmount, priceUnits, PRICE_SCALE } from '../money/amount.ts';
import type { BillingMode } from '../schema/workspace.ts';
import { divRound, formatScaled, mulDivRound, parseScaled, scaledInteger, type Units } from '../money/scaled.ts';

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
 * The amount (or cost) of a line in minor units: unit × Σq / D for daily,
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

// ---------------------------------------------------------------------------------------
// The general formulas (see docs/billing-rules.md#pricing): per-day minimum and included
// units, tiers, fixed fees. Exact on BigInt; lines that take them are few next to plain
// ones, which take lineMoney above.

/** An item's exact figures: shown quantity (10^-4), amount and cost (minor units), and how the amount arises. */
export interface Priced {
  quantity: bigint;
  amount: bigint;
  cost: bigint | null;
  basis?: string;
}

const QTY = 10_000n;

/** A rational quantity of 10^-4 units: num / den. */
interface Quantity {
  num: bigint;
  den: bigint;
}

function units(text: string): bigint {
  return parseScaled(text, 4);
}

/** Q (and Q_raw) of a usage mode over the active days' quantities (10^-4 units), with f = fn / fd. */
function modeQuantity(mode: BillingMode, days: readonly bigint[], periodDays: number): Quantity {
  if (days.length === 0) return { num: 0n, den: 1n };
  if (mode === 'daily') return { num: days.reduce((a, b) => a + b, 0n), den: BigInt(periodDays) };
  if (mode === 'peak') return { num: days.reduce((a, b) => (b > a ? b : a), 0n), den: 1n };
  return { num: days[days.length - 1] as bigint, den: 1n };
}

/**
 * The amount, cost and basis of a usage item (mode daily, period-end or peak) from its
 * active days' raw quantities q_d: q'_d = max(0, max(q_d, minimum) − included) per day,
 * Q by mode, price of Q (plain or tiered), × f, rounded once.
 */
export function priceUsage(terms: Terms, raw: readonly bigint[], periodDays: number, currency: string): Priced {
  const minimum = terms.minimumQuantity === null ? 0n : units(terms.minimumQuantity);
  const included = terms.includedQuantity === null ? 0n : units(terms.includedQuantity);
  const billed = minimum === 0n && included === 0n ? raw : raw.map((q) => {
    const floor = q > minimum ? q : minimum;
    return floor > included ? floor - included : 0n;
  });
  const n = raw.length;
  const fraction = terms.billing === 'daily' || n === 0 ? { num: 1n, den: 1n } : { num: BigInt(n), den: BigInt(periodDays) };
  const q = modeQuantity(terms.billing, billed, periodDays);
  const qRaw = modeQuantity(terms.billing, raw, periodDays);
  const notes: string[] = [];
  if (minimum > 0n) notes.push(`minimum ${trimmed(minimum)}`);
  if (included > 0n) notes.push(`${trimmed(included)} included`);
  return price(terms, q, qRaw, fraction, n, periodDays, currency, notes.length > 0 ? `${notes.join(', ')} per day` : null);
}

/** A fixed fee: unit price × quantity × N / D, never estimated (see docs/billing-rules.md#fixed-fees). */
export function priceFixed(terms: Terms, activeDays: number, periodDays: number, currency: string): Priced {
  const q = { num: units(terms.quantity ?? '1'), den: 1n };
  const fraction = { num: BigInt(activeDays), den: BigInt(periodDays) };
  return price(terms, q, q, fraction, activeDays, periodDays, currency, null);
}

// 10^-4 price × 10^-4 quantity = 10^-8 of the currency unit.
const PRICE_QTY = 100_000_000n;

function price(terms: Terms, q: Quantity, qRaw: Quantity, f: Quantity, activeDays: number, periodDays: number, currency: string, note: string | null): Priced {
  const minor = 10n ** BigInt(minorDigits(currency));
  const shown = divRound(q.num, q.den);
  const { total, pieces } = priceOf(terms, q);
  // total is in 10^-8 × q.den; amount = total × f, in minor units, rounded once.
  const amount = divRound(total * f.num * minor, q.den * PRICE_QTY * f.den);
  const cost = terms.unitCost === null ? null : divRound(units(terms.unitCost) * qRaw.num * f.num * minor, qRaw.den * PRICE_QTY * f.den);
  const prorated = f.num !== f.den;
  const tiered = terms.tiers !== null;
  if (!prorated && !tiered && note === null) return { quantity: shown, amount, cost };
  let text = pieces.length === 0 ? '0' : pieces.join(' + ');
  if (prorated) text = `${pieces.length > 1 ? `(${text})` : text} × ${activeDays}/${periodDays} days`;
  const tags = [...(tiered ? [terms.tierMode ?? 'graduated'] : []), ...(note === null ? [] : [note])];
  if (tags.length > 0) text += ` (${tags.join('; ')})`;
  return { quantity: shown, amount, cost, basis: text };
}

/** The price of Q in 10^-8 units × Q's denominator, and the pieces of its basis. */
function priceOf(terms: Terms, q: Quantity): { total: bigint; pieces: string[] } {
  const tiers = terms.tiers;
  if (tiers === null) return { total: units(terms.unitPrice) * q.num, pieces: [`${trimmed(divRound(q.num, q.den))} × ${terms.unitPrice}`] };
  const pieces: string[] = [];
  let total = 0n;
  let lower = 0n;
  if ((terms.tierMode ?? 'graduated') === 'volume') {
    if (q.num === 0n) return { total: 0n, pieces: [] };
    for (const tier of tiers) {
      const upper = tier.upTo === null ? null : units(tier.upTo) * q.den;
      if (upper === null || q.num <= upper) {
        total = units(tier.unitPrice) * q.num;
        pieces.push(`${trimmed(divRound(q.num, q.den))} × ${tier.unitPrice}`);
        if (tier.flatFee !== undefined) {
          total += units(tier.flatFee) * QTY * q.den;
          pieces.push(tier.flatFee);
        }
        break;
      }
    }
    return { total, pieces };
  }
  for (const tier of tiers) {
    if (!(q.num > lower)) break;
    const upper = tier.upTo === null ? null : units(tier.upTo) * q.den;
    const top = upper === null || q.num < upper ? q.num : upper;
    const inTier = top - lower;
    total += units(tier.unitPrice) * inTier;
    pieces.push(`${trimmed(divRound(inTier, q.den))} × ${tier.unitPrice}`);
    if (tier.flatFee !== undefined) {
      total += units(tier.flatFee) * QTY * q.den;
      pieces.push(tier.flatFee);
    }
    if (upper === null) break;
    lower = upper;
  }
  return { total, pieces };
}

/** A quantity of 10^-4 units as short text: 11, 10.5, 0.0001. */
function trimmed(value: bigint): string {
  const text = formatScaled(value, 4);
  return text.replace(/\.?0+$/, '');
}

/** The basis of a plain line prorated by f = N / D (period-end and peak part months). */
export function prorationBasis(quantity: Units, unitPrice: string, activeDays: number, periodDays: number): string | undefined {
  if (activeDays === periodDays) return undefined;
  return `${trimmed(BigInt(quantity))} × ${unitPrice} × ${activeDays}/${periodDays} days`;
}
