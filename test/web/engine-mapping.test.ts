import { describe, expect, it } from 'vitest';
import { IGNORE, mappingChoices, withChoice } from '../../web/src/lib/billing/mapping.ts';
import { postingRefusal } from '../../web/src/lib/billing/period.ts';

describe('service mapping edits', () => {
  const start = [
    { module: 'datto-rmm', billingType: 'AllDevicesMetric', serviceId: 's1' },
    { module: 'datto-rmm', billingType: 'PrinterMetric', ignore: true as const },
  ];

  it('replaces a choice in place, appends a new one and removes one set to not mapped', () => {
    const changed = withChoice(start, 'datto-rmm', 'AllDevicesMetric', 's2');
    expect(changed[0]).toEqual({ module: 'datto-rmm', billingType: 'AllDevicesMetric', serviceId: 's2' });
    const added = withChoice(changed, 'datto-edr', 'TotalDevices', IGNORE);
    expect(added[2]).toEqual({ module: 'datto-edr', billingType: 'TotalDevices', ignore: true });
    expect(withChoice(added, 'datto-rmm', 'PrinterMetric', '')).toHaveLength(2);
  });

  it('reads choices back', () => {
    const choices = mappingChoices({ id: 'c', accountId: 'a', name: 'n', startDate: '2026-01-01', endDate: null, services: [], serviceMappings: start });
    expect(choices.get('datto-rmm\u0000PrinterMetric')).toBe(IGNORE);
    expect(choices.get('datto-rmm\u0000AllDevicesMetric')).toBe('s1');
  });
});

describe('posting a period', () => {
  it('is refused until its last day is over, and allowed from the next day', () => {
    expect(postingRefusal('2026-11', '2026-11-29')).toMatch(/November 2026 has not ended yet.*1 Dec 2026/);
    expect(postingRefusal('2026-11', '2026-11-30')).toMatch(/November 2026 has not ended yet.*1 Dec 2026/);
    expect(postingRefusal('2026-11', '2026-12-01')).toBeNull();
    expect(postingRefusal('2026-10', '2026-11-01')).toBeNull();
  });
});
