import { describe, expect, it } from 'vitest';
import { firstOpenPeriod, priceHistory } from '../../../web/src/lib/billing/price-change.ts';

describe('new price from <month>', () => {
  it('defaults to the first month without a posted invoice, from the contract start', () => {
    expect(firstOpenPeriod(['2026-09', '2026-10'], '2026-09-16')).toBe('2026-11');
    expect(firstOpenPeriod([], '2026-09-16')).toBe('2026-09');
    // a gap (a voided month) is the first open one
    expect(firstOpenPeriod(['2026-09', '2026-11'], '2026-09-01')).toBe('2026-10');
    expect(firstOpenPeriod(['2026-12'], '2026-12-31')).toBe('2027-01');
  });

  it('tells the history, each change keeping what it omits', () => {
    expect(priceHistory({ unitPrice: '4.50', unitCost: '1.20', priceChanges: [{ from: '2027-01', unitPrice: '5.00' }, { from: '2026-11', unitPrice: '4.75', unitCost: '1.30' }] })).toEqual([
      { from: null, unitPrice: '4.50', unitCost: '1.20', tiered: false },
      { from: '2026-11', unitPrice: '4.75', unitCost: '1.30', tiered: false },
      { from: '2027-01', unitPrice: '5.00', unitCost: '1.30', tiered: false },
    ]);
  });
});
