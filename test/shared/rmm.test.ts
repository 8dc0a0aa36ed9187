import { describe, expect, it } from 'vitest';
import { rmmUpload } from '../../shared/rmm/upload.ts';
import { DATTO_RMM_TYPES } from '../../shared/catalog/modules.ts';
import { ValidationError } from '../../shared/schema/issues.ts';

interface DeviceInput {
  deviceClass: string;
  category?: string | null;
  type?: string | null;
  siteUid?: string;
  siteName?: string;
  deleted?: boolean;
  approved?: boolean;
  groups?: string[];
}

function device(d: DeviceInput) {
  return {
    uid: crypto.randomUUID(),
    siteUid: d.siteUid ?? 'site-1',
    siteName: d.siteName ?? 'Brass Building Supplies',
    deviceClass: d.deviceClass,
    deviceType: { category: d.category ?? null, type: d.type ?? null },
    suspended: false,
    deleted: d.deleted ?? false,
    ...(d.approved === undefined ? {} : { approved: d.approved }),
    ...(d.groups ? { groups: d.groups } : {}),
  };
}

/** The non-zero metrics of the only site of an upload made from one device. */
function metricsOf(d: DeviceInput): Record<string, number> {
  const upload = rmmUpload([device(d)], '2026-10-01');
  const metrics = upload.orgs[0]?.metrics ?? {};
  return Object.fromEntries(Object.entries(metrics).filter(([, v]) => v !== 0)) as Record<string, number>;
}

describe('Datto RMM device classification, one device per classification rule', () => {
  const rows: [string, DeviceInput, Record<string, number>][] = [
    ['1 smartphone is excluded', { deviceClass: 'device', category: 'Smartphone' }, {}],
    ['1 mobile is excluded', { deviceClass: 'device', category: 'Mobile' }, {}],
    ['1 tablet is excluded', { deviceClass: 'device', category: 'Tablet', type: 'Datto Switch' }, {}],
    ['2 Datto Access Point by type', { deviceClass: 'rmmnetworkdevice', category: 'Network', type: 'Datto Access Point' }, { DattoAccessPointMetric: 1, AllDevicesMetric: 1 }],
    ['2 Datto Access Point by category', { deviceClass: 'device', category: 'Datto Access Point' }, { DattoAccessPointMetric: 1, AllDevicesMetric: 1 }],
    ['3 Datto Managed Power', { deviceClass: 'rmmnetworkdevice', type: 'Datto Managed Power' }, { DattoManagedPowerMetric: 1, AllDevicesMetric: 1 }],
    ['4 Datto Switch', { deviceClass: 'rmmnetworkdevice', type: 'Datto Switch' }, { DattoSwitchMetric: 1, AllDevicesMetric: 1 }],
    ['5 Datto Continuity', { deviceClass: 'device', type: 'Datto Continuity' }, { DattoContinuityMetric: 1, AllDevicesMetric: 1 }],
    ['5 Datto SIRIS', { deviceClass: 'device', category: 'Datto SIRIS' }, { DattoContinuityMetric: 1, AllDevicesMetric: 1 }],
    ['5 Datto ALTO', { deviceClass: 'unknown', type: 'Datto ALTO' }, { DattoContinuityMetric: 1, AllDevicesMetric: 1 }],
    ['6 printer', { deviceClass: 'printer', category: 'Printer' }, { PrinterMetric: 1, AllDevicesMetric: 1 }],
    ['7 ESXi host', { deviceClass: 'esxihost', category: 'ESXi' }, { EsxiHostMetric: 1, AllDevicesMetric: 1 }],
    ['8 router', { deviceClass: 'rmmnetworkdevice', type: 'Router' }, { NetworkRouterMetric: 1, AllDevicesMetric: 1 }],
    ['8 switch', { deviceClass: 'rmmnetworkdevice', type: 'Switch' }, { NetworkSwitchMetric: 1, AllDevicesMetric: 1 }],
    ['8 UPS', { deviceClass: 'rmmnetworkdevice', type: 'UPS' }, { NetworkUpsMetric: 1, AllDevicesMetric: 1 }],
    ['8 firewall', { deviceClass: 'rmmnetworkdevice', type: 'Firewall' }, { NetworkFirewallMetric: 1, AllDevicesMetric: 1 }],
    ['8 IP phone', { deviceClass: 'rmmnetworkdevice', type: 'IP Phone' }, { NetworkIpPhoneMetric: 1, AllDevicesMetric: 1 }],
    ['8 VoIP phone', { deviceClass: 'rmmnetworkdevice', type: 'VoIP Phone' }, { NetworkIpPhoneMetric: 1, AllDevicesMetric: 1 }],
    ['8 NAS', { deviceClass: 'rmmnetworkdevice', type: 'NAS' }, { NetworkNasMetric: 1, AllDevicesMetric: 1 }],
    ['8 network appliance', { deviceClass: 'rmmnetworkdevice', type: 'Network Appliance' }, { NetworkApplianceMetric: 1, AllDevicesMetric: 1 }],
    ['8 SAN', { deviceClass: 'rmmnetworkdevice', type: 'SAN' }, { NetworkSanMetric: 1, AllDevicesMetric: 1 }],
    ['9 other network device', { deviceClass: 'rmmnetworkdevice', type: 'Wireless Bridge' }, { NetworkOtherMetric: 1, AllDevicesMetric: 1 }],
    ['10 desktop', { deviceClass: 'device', category: 'Desktop' }, { DesktopMetric: 1, DesktopLaptopMetric: 1, AllDevicesMetric: 1 }],
    ['10 laptop', { deviceClass: 'device', category: 'Laptop' }, { LaptopMetric: 1, DesktopLaptopMetric: 1, AllDevicesMetric: 1 }],
    ['10 server', { deviceClass: 'device', category: 'Server' }, { ServerMetric: 1, AllDevicesMetric: 1 }],
    ['11 class unknown', { deviceClass: 'unknown', category: 'Desktop' }, { UnknownMetric: 1, AllDevicesMetric: 1 }],
    ['11 other category', { deviceClass: 'device', category: 'Virtual Appliance' }, { UnknownMetric: 1, AllDevicesMetric: 1 }],
    ['11 no device type at all', { deviceClass: 'device' }, { UnknownMetric: 1, AllDevicesMetric: 1 }],
  ];
  for (const [name, input, expected] of rows) {
    it(name, () => expect(metricsOf(input)).toEqual(expected));
  }

  it('compares case-insensitively and ignores surrounding spaces', () => {
    expect(metricsOf({ deviceClass: ' RMMNetworkDevice ', type: '  voip PHONE ' })).toEqual({ NetworkIpPhoneMetric: 1, AllDevicesMetric: 1 });
    expect(metricsOf({ deviceClass: 'Device', category: ' laptop' })).toEqual({ LaptopMetric: 1, DesktopLaptopMetric: 1, AllDevicesMetric: 1 });
    expect(metricsOf({ deviceClass: 'device', category: ' SMARTPHONE ' })).toEqual({});
    expect(metricsOf({ deviceClass: 'device', type: 'datto siris ' })).toEqual({ DattoContinuityMetric: 1, AllDevicesMetric: 1 });
  });

  it('takes the first matching rule: a Datto Switch printer is a Datto Switch', () => {
    expect(metricsOf({ deviceClass: 'printer', type: 'Datto Switch' })).toEqual({ DattoSwitchMetric: 1, AllDevicesMetric: 1 });
  });
});

describe('non-billable devices count in no metric', () => {
  it('skips deleted, unapproved and _NotBillable_ devices', () => {
    expect(metricsOf({ deviceClass: 'device', category: 'Desktop', deleted: true })).toEqual({});
    expect(metricsOf({ deviceClass: 'device', category: 'Desktop', approved: false })).toEqual({});
    expect(metricsOf({ deviceClass: 'device', category: 'Desktop', groups: ['Finance', '_NotBillable_'] })).toEqual({});
    expect(metricsOf({ deviceClass: 'device', category: 'Desktop', groups: [' _notbillable_ '] })).toEqual({});
    expect(metricsOf({ deviceClass: 'device', category: 'Desktop', approved: true, groups: ['NotBillable'] })).toEqual({ DesktopMetric: 1, DesktopLaptopMetric: 1, AllDevicesMetric: 1 });
  });

  it('lists a site that has only non-billable devices, with all 21 metrics at zero', () => {
    const upload = rmmUpload([
      device({ siteUid: 'a', siteName: 'Alpha', deviceClass: 'device', category: 'Desktop' }),
      device({ siteUid: 'b', siteName: 'Bravo', deviceClass: 'device', category: 'Desktop', deleted: true }),
      device({ siteUid: 'b', siteName: 'Bravo', deviceClass: 'device', category: 'Smartphone' }),
    ], '2026-10-01');
    expect(upload.orgs.map((o) => o.orgId)).toEqual(['a', 'b']);
    const bravo = upload.orgs[1];
    expect(bravo?.name).toBe('Bravo');
    expect(Object.keys(bravo?.metrics ?? {}).sort()).toEqual(DATTO_RMM_TYPES.map(([id]) => id).sort());
    expect(Object.values(bravo?.metrics ?? {}).every((v) => v === 0)).toBe(true);
  });
});

describe('a whole site', () => {
  it('sums devices per site and keeps all 21 billing types', () => {
    const upload = rmmUpload({
      pageDetails: { count: 5 },
      devices: [
        device({ deviceClass: 'device', category: 'Desktop' }),
        device({ deviceClass: 'device', category: 'Desktop' }),
        device({ deviceClass: 'device', category: 'Laptop' }),
        device({ deviceClass: 'device', category: 'Server' }),
        device({ deviceClass: 'printer' }),
      ],
    }, '2026-10-01');
    expect(upload).toMatchObject({ module: 'datto-rmm', date: '2026-10-01' });
    expect(upload.orgs).toHaveLength(1);
    const metrics = upload.orgs[0]?.metrics;
    expect(Object.keys(metrics ?? {})).toHaveLength(21);
    expect(metrics).toMatchObject({ AllDevicesMetric: 5, DesktopLaptopMetric: 3, DesktopMetric: 2, LaptopMetric: 1, ServerMetric: 1, PrinterMetric: 1, UnknownMetric: 0 });
  });
});

describe('bad device lists name every problem by path', () => {
  it('lists each bad field', () => {
    try {
      rmmUpload([{ siteUid: '', deviceClass: 3 }, { siteUid: 's', deviceClass: 'device', deleted: 'no' }], '2026-10-01');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((i) => i.path)).toEqual(['[0].siteUid', '[0].deviceClass', '[1].deleted']);
    }
  });
  it('names the devices field of a page object and a bad date', () => {
    expect(() => rmmUpload({ devices: [{ siteUid: 'x' }] }, '2026-10-01')).toThrow(/devices\[0\]\.deviceClass/);
    expect(() => rmmUpload([], '2026-02-30')).toThrow(/date/);
    expect(() => rmmUpload({ nothing: true }, '2026-10-01')).toThrow(/devices/);
  });
});
