import { describe, expect, it } from 'vitest';
import { modulesWithoutServices } from '../../shared/insights/unmapped-modules.ts';
import { staleModules } from '../../shared/insights/stale-modules.ts';

describe('insight: enabled modules with no mapped billing types', () => {
  it('given RMM mapped to a service, EDR only ignored and Graphus not at all, then EDR and Graphus are listed', () => {
    const rows = modulesWithoutServices({
      enabledModules: ['graphus', 'datto-rmm', 'datto-edr'],
      contracts: [
        { serviceMappings: [{ module: 'datto-rmm', billingType: 'AllDevicesMetric', serviceId: 's1' }] },
        { serviceMappings: [{ module: 'datto-edr', billingType: 'TotalDevices', ignore: true }] },
      ],
    });
    expect(rows).toEqual([{ module: 'datto-edr' }, { module: 'graphus' }]);
  });

  it('a mapping of a module not enabled changes nothing', () => {
    expect(modulesWithoutServices({ enabledModules: [], contracts: [{ serviceMappings: [{ module: 'datto-rmm', billingType: 'AllDevicesMetric', serviceId: 's1' }] }] })).toEqual([]);
  });
});

describe('insight: modules not uploading for over a day', () => {
  const uploads = [
    { module: 'datto-rmm', date: '2026-10-30' },
    { module: 'datto-rmm', date: '2026-10-29' },
    { module: 'datto-edr', date: '2026-10-27' },
    { module: 'datto-edr', date: '2026-10-25' },
    { module: 'graphus', date: '2026-10-31' },
    { module: 'graphus', date: '2026-11-02' },
  ];

  it('given asOf the 31st, an upload yesterday is fine, one four days ago is stale, a never-uploaded module is listed first', () => {
    const rows = staleModules({ enabledModules: ['datto-rmm', 'datto-edr', 'graphus', 'vsa'], uploads }, '2026-10-31');
    expect(rows).toEqual([
      { module: 'vsa', lastUpload: null, daysSince: null },
      { module: 'datto-edr', lastUpload: '2026-10-27', daysSince: 4 },
    ]);
  });

  it('the day before yesterday is over a day; uploads after asOf are not read', () => {
    const rows = staleModules({ enabledModules: ['datto-rmm', 'graphus'], uploads }, '2026-11-01');
    expect(rows).toEqual([{ module: 'datto-rmm', lastUpload: '2026-10-30', daysSince: 2 }]);
  });

  it('a module not enabled is never listed', () => {
    expect(staleModules({ enabledModules: [], uploads }, '2027-01-01')).toEqual([]);
  });
});
