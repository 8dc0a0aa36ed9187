import { describe, expect, it } from 'vitest';
import { listIssues, upload, workspace } from '../../shared/schema/index.ts';

function issuesOf(schema: typeof upload | typeof workspace, input: unknown) {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected a failure');
  return listIssues(result.error);
}

const base = {
  version: 1,
  accounts: [{ id: 'a1', name: 'Brass' }],
  contracts: [],
  uploads: [{ module: 'datto-rmm', date: '2026-10-01', orgs: [{ orgId: 's1', name: 'Brass', metrics: { AllDevicesMetric: 3 } }] }],
};

describe('upload schema', () => {
  it('names a missing field, a negative quantity and a bad date', () => {
    const issues = issuesOf(upload, {
      module: 'datto-rmm',
      date: '2026-02-30',
      orgs: [{ name: 'x', metrics: { AllDevicesMetric: -1 } }, { orgId: 'b', metrics: { DesktopMetric: '1.23456', ServerMetric: 'abc' } }],
    });
    expect(issues).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: 'date' }),
      expect.objectContaining({ path: 'orgs[0].orgId' }),
      expect.objectContaining({ path: 'orgs[0].metrics.AllDevicesMetric', message: expect.stringMatching(/negative/) }),
      expect.objectContaining({ path: 'orgs[1].metrics.DesktopMetric', message: expect.stringMatching(/4 decimal/) }),
      expect.objectContaining({ path: 'orgs[1].metrics.ServerMetric' }),
    ]));
  });
  it('accepts numbers, decimal strings and booleans', () => {
    expect(upload.safeParse({ module: 'bullphish-id', date: '2026-10-01', orgs: [{ orgId: 'o', metrics: { TrainingModuleEnabled: true, PhishingModuleUsers: '12.5' } }] }).success).toBe(true);
  });
  it('rejects a duplicate org in one upload', () => {
    expect(issuesOf(upload, { module: 'vsa', date: '2026-10-01', orgs: [{ orgId: 'o', metrics: {} }, { orgId: 'o', metrics: {} }] }))
      .toEqual([expect.objectContaining({ path: 'orgs[1].orgId' })]);
  });
});

describe('workspace schema', () => {
  it('accepts the minimal document', () => {
    expect(workspace.safeParse(base).success).toBe(true);
  });
  it('names an unknown module and an unknown billing type by path', () => {
    const issues = issuesOf(workspace, {
      ...base,
      enabledModules: ['datto-rmm', 'no-such-module'],
      uploads: [
        { module: 'no-such-module', date: '2026-10-01', orgs: [] },
        { module: 'datto-rmm', date: '2026-10-01', orgs: [{ orgId: 's1', metrics: { Gadgets: 1 } }] },
      ],
    });
    expect(issues.map((i) => i.path)).toEqual(['enabledModules[1]', 'uploads[0].module', 'uploads[1].orgs[0].metrics.Gadgets']);
  });
  it('names a missing version', () => {
    expect(issuesOf(workspace, { accounts: [] }).map((i) => i.path)).toEqual(['version']);
  });
  it('names broken references', () => {
    const issues = issuesOf(workspace, {
      version: 1,
      accounts: [{ id: 'a1', name: 'Brass' }],
      orgMappings: [{ module: 'datto-rmm', orgId: 's1', accountId: 'zz' }],
      contracts: [{ id: 'c1', accountId: 'a1', name: 'MS', startDate: '2026-01-01', services: [{ id: 's1', name: 'x', unitPrice: '5.00' }],
        serviceMappings: [{ module: 'datto-rmm', billingType: 'AllDevicesMetric', serviceId: 'nope' }] }],
    });
    expect(issues.map((i) => i.path)).toEqual(['orgMappings[0].accountId', 'contracts[0].serviceMappings[0].serviceId']);
  });
  it('rejects a price with more than 4 decimals', () => {
    const issues = issuesOf(workspace, { ...base, contracts: [{ id: 'c1', accountId: 'a1', name: 'MS', startDate: '2026-01-01', services: [{ id: 's1', name: 'x', unitPrice: '5.00001' }] }] });
    expect(issues.map((i) => i.path)).toEqual(['contracts[0].services[0].unitPrice']);
  });
});
