import { describe, expect, it } from 'vitest';
import { unmappedOrgs } from '../../shared/insights/unmapped-orgs.ts';
import { upload } from '../support/billing.ts';

describe('insight: new module orgs not mapped', () => {
  const named = (u: ReturnType<typeof upload>, names: Record<string, string>) => ({ ...u, orgs: u.orgs.map((o) => ({ ...o, name: names[o.orgId] ?? o.name })) });

  it('given a mapped site and a new one, then only the new one is listed, with its first-seen day and latest name', () => {
    const rows = unmappedOrgs({
      enabledModules: ['datto-rmm'],
      orgMappings: [{ module: 'datto-rmm', orgId: 's-1', accountId: 'a1' }],
      uploads: [
        named(upload('datto-rmm', '2026-10-01', { 's-1': { AllDevicesMetric: 4 } }), {}),
        named(upload('datto-rmm', '2026-10-03', { 's-1': { AllDevicesMetric: 4 }, 's-2': { AllDevicesMetric: 9 } }), { 's-2': 'Juniper Legal LLC' }),
        named(upload('datto-rmm', '2026-10-02', { 's-1': { AllDevicesMetric: 4 }, 's-2': { AllDevicesMetric: 9 } }), { 's-2': 'Juniper Legal' }),
      ],
    });
    expect(rows).toEqual([{ module: 'datto-rmm', orgId: 's-2', name: 'Juniper Legal LLC', firstSeen: '2026-10-02', lastSeen: '2026-10-03' }]);
  });

  it('leaves out orgs of modules not enabled, and lists the newest first', () => {
    const rows = unmappedOrgs({
      enabledModules: ['datto-rmm', 'graphus'],
      orgMappings: [],
      uploads: [
        upload('datto-edr', '2026-10-05', { 'e-1': { TotalDevices: 3 } }),
        upload('graphus', '2026-10-01', { 'g-1': { ProtectedInboxes: 3 } }),
        upload('datto-rmm', '2026-10-04', { 's-9': { AllDevicesMetric: 1 } }),
      ],
    });
    expect(rows.map((r) => `${r.module}:${r.orgId}:${r.firstSeen}`)).toEqual(['datto-rmm:s-9:2026-10-04', 'graphus:g-1:2026-10-01']);
  });

  it('given an org mapped in one module, then the same org id of another module is still unmapped', () => {
    const rows = unmappedOrgs({
      enabledModules: ['datto-rmm', 'datto-edr'],
      orgMappings: [{ module: 'datto-rmm', orgId: 'x', accountId: 'a1' }],
      uploads: [upload('datto-rmm', '2026-10-01', { x: { AllDevicesMetric: 1 } }), upload('datto-edr', '2026-10-01', { x: { TotalDevices: 1 } })],
    });
    expect(rows.map((r) => r.module)).toEqual(['datto-edr']);
  });
});
