import { describe, expect, it } from 'vitest';
import { validateContract, validateService, type ContractDraft } from '../../shared/forms/index.ts';

function draft(over: Partial<ContractDraft> = {}): ContractDraft {
  return {
    id: 'c1', accountId: 'a1', name: 'Managed Services', startDate: '2026-01-01', endDate: '',
    services: [{ id: 's1', name: 'Desktops', unitPrice: '5.00', unitCost: '', billing: 'daily' }],
    ...over,
  };
}

describe('contract form validation', () => {
  it('given a valid form, then blanks become null and the contract parses', () => {
    const result = validateContract(draft());
    expect(result).toEqual({ ok: true, value: expect.objectContaining({ endDate: null, services: [expect.objectContaining({ unitCost: null, unitPrice: '5.00' })] }) });
  });

  it('rejects a price with more than 4 decimals, a negative cost and an unknown mode, by path', () => {
    const result = validateContract(draft({ services: [{ id: 's1', name: 'X', unitPrice: '5.00001', unitCost: '-1', billing: 'weekly' }] }));
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['services[0].unitPrice', 'services[0].unitCost', 'services[0].billing']));
  });

  it('rejects prices written as floats or with thousands separators', () => {
    expect(validateService({ id: 's', name: 'X', unitPrice: '1e3', unitCost: '', billing: 'daily' }).ok).toBe(false);
    expect(validateService({ id: 's', name: 'X', unitPrice: '1,000.00', unitCost: '', billing: 'daily' }).ok).toBe(false);
    expect(validateService({ id: 's', name: 'X', unitPrice: '1000.0001', unitCost: '0.5', billing: 'peak' }).ok).toBe(true);
  });

  it('rejects an end before the start, a bad day and duplicate service names', () => {
    const result = validateContract(draft({
      startDate: '2026-02-30', endDate: '2025-12-31',
      services: [
        { id: 's1', name: 'Backup', unitPrice: '1', unitCost: '', billing: 'daily' },
        { id: 's2', name: 'backup', unitPrice: '2', unitCost: '', billing: 'daily' },
      ],
    }));
    const paths = result.ok ? [] : result.issues.map((i) => i.path);
    expect(paths).toContain('startDate');
    expect(paths).toContain('services[1].name');
  });

  it('drops service mappings that point at a removed service', () => {
    const result = validateContract(draft(), [
      { module: 'datto-rmm', billingType: 'AllDevicesMetric', serviceId: 's1' },
      { module: 'datto-rmm', billingType: 'PrinterMetric', serviceId: 'gone' },
      { module: 'datto-rmm', billingType: 'ServerMetric', ignore: true },
    ]);
    expect(result.ok && result.value.serviceMappings.map((m) => m.billingType)).toEqual(['AllDevicesMetric', 'ServerMetric']);
  });
});
