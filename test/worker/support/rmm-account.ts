// A Datto RMM account as the fake serves it: two clients and a site with no devices,
// listed two at a time so every list takes several pages.
import type { RmmScenario } from '../../support/fake-datto-rmm.ts';

const ZERO = Object.fromEntries([
  'AllDevicesMetric', 'DesktopLaptopMetric', 'DesktopMetric', 'LaptopMetric', 'ServerMetric', 'PrinterMetric', 'EsxiHostMetric',
  'NetworkRouterMetric', 'NetworkSwitchMetric', 'NetworkUpsMetric', 'NetworkFirewallMetric', 'NetworkIpPhoneMetric', 'NetworkNasMetric',
  'NetworkApplianceMetric', 'NetworkSanMetric', 'NetworkOtherMetric', 'DattoAccessPointMetric', 'DattoManagedPowerMetric',
  'DattoSwitchMetric', 'DattoContinuityMetric', 'UnknownMetric',
].map((id) => [id, 0]));

/** All 21 counts, zero but for the given ones. */
export function counts(some: Record<string, number>): Record<string, number> {
  return { ...ZERO, ...some };
}

export function rmmAccount(overrides: Partial<RmmScenario> = {}): RmmScenario {
  return {
    apiKey: 'RMM-KEY-7Q2X',
    apiSecret: 'rmm-secret-Zt5vW9pL',
    sites: [
      { uid: 'site-brass', name: 'Brass Building Supplies_Org' },
      { uid: 'site-cobalt', name: 'Cobalt Dental LLC' },
      { uid: 'site-empty', name: 'Empty Warehouse' },
    ],
    devices: [
      { uid: 'd1', siteUid: 'site-brass', siteName: 'Brass Building Supplies_Org', deviceClass: 'device', deviceType: { category: 'Desktop', type: 'Desktop' } },
      { uid: 'd2', siteUid: 'site-brass', siteName: 'Brass Building Supplies_Org', deviceClass: 'device', deviceType: { category: 'Desktop', type: 'Desktop' } },
      { uid: 'd3', siteUid: 'site-brass', siteName: 'Brass Building Supplies_Org', deviceClass: 'device', deviceType: { category: 'Laptop', type: 'Laptop' } },
      { uid: 'd4', siteUid: 'site-brass', siteName: 'Brass Building Supplies_Org', deviceClass: 'device', deviceType: { category: 'Server', type: 'Main Server' } },
      { uid: 'd5', siteUid: 'site-brass', siteName: 'Brass Building Supplies_Org', deviceClass: 'printer', deviceType: { category: 'Printer', type: 'Laser' } },
      // deleted: counts nowhere
      { uid: 'd6', siteUid: 'site-brass', siteName: 'Brass Building Supplies_Org', deviceClass: 'device', deviceType: { category: 'Desktop', type: 'Desktop' }, deleted: true },
      // in the _NotBillable_ filter: counts nowhere
      { uid: 'd7', siteUid: 'site-brass', siteName: 'Brass Building Supplies_Org', deviceClass: 'device', deviceType: { category: 'Laptop', type: 'Laptop' } },
      { uid: 'd8', siteUid: 'site-cobalt', siteName: 'Cobalt Dental LLC', deviceClass: 'esxihost', deviceType: { category: 'ESXi Host', type: 'ESXi' } },
      { uid: 'd9', siteUid: 'site-cobalt', siteName: 'Cobalt Dental LLC', deviceClass: 'rmmnetworkdevice', deviceType: { category: 'Network Device', type: 'Firewall' } },
      // a phone: excluded from every metric
      { uid: 'd10', siteUid: 'site-cobalt', siteName: 'Cobalt Dental LLC', deviceClass: 'device', deviceType: { category: 'Smartphone', type: 'iPhone' } },
      { uid: 'd11', siteUid: 'site-cobalt', siteName: 'Cobalt Dental LLC', deviceClass: 'device', deviceType: { category: 'Datto SIRIS', type: 'BCDR' } },
    ],
    notBillable: ['d7'],
    pageSize: 2,
    ...overrides,
  };
}

/** What the account above must report for the day. */
export const EXPECTED_ORGS = [
  { orgId: 'site-brass', name: 'Brass Building Supplies_Org', metrics: counts({ AllDevicesMetric: 5, DesktopLaptopMetric: 3, DesktopMetric: 2, LaptopMetric: 1, ServerMetric: 1, PrinterMetric: 1 }) },
  { orgId: 'site-cobalt', name: 'Cobalt Dental LLC', metrics: counts({ AllDevicesMetric: 3, EsxiHostMetric: 1, NetworkFirewallMetric: 1, DattoContinuityMetric: 1 }) },
  { orgId: 'site-empty', name: 'Empty Warehouse', metrics: counts({}) },
];
