import { describe, expect, it } from 'vitest';
import { addDays, addMonths, clipPeriod, dayFromNumber, dayNumber, isIsoDay, isPeriod, periodEnd, periodLength } from '../../shared/dates/index.ts';

describe('month lengths', () => {
  it('knows leap years, including century rules', () => {
    expect(periodLength('2024-02')).toBe(29);
    expect(periodLength('2100-02')).toBe(28);
    expect(periodLength('2000-02')).toBe(29);
    expect(periodLength('2026-02')).toBe(28);
    expect(periodLength('2026-04')).toBe(30);
    expect(periodLength('2026-12')).toBe(31);
    expect(periodEnd('2024-02')).toBe('2024-02-29');
  });
});

describe('days', () => {
  it('validates calendar days', () => {
    expect(isIsoDay('2024-02-29')).toBe(true);
    expect(isIsoDay('2100-02-29')).toBe(false);
    expect(isIsoDay('2026-13-01')).toBe(false);
    expect(isIsoDay('2026-1-01')).toBe(false);
    expect(isPeriod('2026-00')).toBe(false);
    expect(isPeriod('2026-10')).toBe(true);
  });
  it('counts days across months and years', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayFromNumber(dayNumber('2024-02-28') + 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
  });
  it('clips a period to a contract', () => {
    expect(clipPeriod('2026-10', '2026-10-16', null)).toHaveLength(16);
    expect(clipPeriod('2026-10', '2026-01-01', '2026-10-10')).toHaveLength(10);
    expect(clipPeriod('2026-10', '2026-11-01', null)).toEqual([]);
  });
});
