import { divRound } from '../money/decimal.ts';
import { lineAmount } from '../money/amount.ts';
import type { BillingMode } from '../schema/workspace.ts';

/** What the mode formulas need from an item's daily quantities over its N active days (10^-4 units). */
export interface UsageSummary {
  sum: bigint;
  lastDay: bigint;
  peak: bigint;
  activeDays: number;
  periodDays: number;
}

/** An item's shown quantity (10^-4 units) and rounded money (minor units). */
export interface Figures {
  quantity: bigint;
  amount: bigint;
  cost: bigint | null;
}

/**
 * The SPEC §5 table: daily Σq/D at price × Σq / D; period-end q_last and peak q_max at
 * price × q × N / D. Each amount is rounded once, half away from zero.
 */
export function itemFigures(mode: BillingMode, usage: UsageSummary, price: bigint, cost: bigint | null, currency: string): Figures {
  const d = BigInt(usage.periodDays);
  if (mode === 'daily') {
    return {
      quantity: divRound(usage.sum, d),
      amount: lineAmount(price, usage.sum, 1n, d, currency),
      cost: cost === null ? null : lineAmount(cost, usage.sum, 1n, d, currency),
    };
  }
  const q = mode === 'peak' ? usage.peak : usage.lastDay;
  const n = BigInt(usage.activeDays);
  return {
    quantity: q,
    amount: lineAmount(price, q, n, d, currency),
    cost: cost === null ? null : lineAmount(cost, q, n, d, currency),
  };
}
