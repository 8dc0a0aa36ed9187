import { describe, expect, it } from 'vitest';
import { reportedTypes } from '../../shared/insights/reported-types.ts';
import type { Upload } from '../../shared/schema/upload.ts';

describe('reported billing types of an account', () => {
  const orgMappings = [
    { module: 'datto-rmm', orgId: 's-1', accountId: 'a1' },
    { module: 'graphus', orgId: 'g-1', accountId: 'a1' },
    { module: 'datto-rmm', orgId: 's-2', accountId: 'a2' },
  ];
  const uploads: Upload[] = [
    { module: 'datto-rmm', date: '2026-10-01', orgs: [
      { orgId: 's-1', name: 'Brass', metrics: { AllDevicesMetric: 12, PrinterMetric: 0, ServerMetric: '0.0000' } },
      { orgId: 's-2', name: 'Rose', metrics: { AllDevicesMetric: 3 } },
      { orgId: 's-9', name: 'Unmapped', metrics: { EsxiHostMetric: 4 } },
    ] },
    { module: 'graphus', date: '2026-09-01', orgs: [{ orgId: 'g-1', name: 'Brass', metrics: { ProtectedInboxes: true } }] },
  ];

  it('given uploads, then each account gets the types its mapped orgs reported non-zero', () => {
    const result = reportedTypes({ orgMappings, uploads });
    expect([...(result.get('a1')?.get('datto-rmm') ?? [])]).toEqual(['AllDevicesMetric']);
    expect([...(result.get('a1')?.get('graphus') ?? [])]).toEqual(['ProtectedInboxes']);
    expect([...(result.get('a2')?.get('datto-rmm') ?? [])]).toEqual(['AllDevicesMetric']);
    expect(result.size).toBe(2);
  });

  it('limits to one account and to uploads since a day', () => {
    const result = reportedTypes({ orgMappings, uploads }, { accountId: 'a1', since: '2026-09-15' });
    expect([...result.keys()]).toEqual(['a1']);
    expect(result.get('a1')?.has('graphus')).toBe(false);
  });
});
