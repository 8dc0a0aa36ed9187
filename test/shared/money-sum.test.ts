// Totals are exact sums of rounded line amounts, in the currency's minor units.
import { describe, expect, it } from 'vitest';
import { sumAmounts } from '../../shared/money/sum.ts';

describe('sumAmounts', () => {
  it('adds a month of lines to the cent, where floating point would drift', () => {
    expect(sumAmounts(Array.from({ length: 10 }, () => '0.10'), 'USD')).toBe('1.00');
    expect(sumAmounts(['52.50', '-5.00', '0.01'], 'USD')).toBe('47.51');
  });

  it('writes the currency\'s zero for no lines, and keeps its decimals', () => {
    expect(sumAmounts([], 'USD')).toBe('0.00');
    expect(sumAmounts(['1200', '35'], 'JPY')).toBe('1235');
  });

  it('refuses an amount with more decimals than the currency has', () => {
    expect(() => sumAmounts(['1.005'], 'USD')).toThrow();
  });
});
