import type { RmmDevice } from './device.ts';

export const NOT_BILLABLE_GROUP = '_notbillable_';

const NETWORK_TYPES: Record<string, string> = {
  router: 'NetworkRouterMetric',
  switch: 'NetworkSwitchMetric',
  ups: 'NetworkUpsMetric',
  firewall: 'NetworkFirewallMetric',
  'ip phone': 'NetworkIpPhoneMetric',
  'voip phone': 'NetworkIpPhoneMetric',
  nas: 'NetworkNasMetric',
  'network appliance': 'NetworkApplianceMetric',
  san: 'NetworkSanMetric',
};

const DEVICE_CATEGORIES: Record<string, string> = {
  desktop: 'DesktopMetric',
  laptop: 'LaptopMetric',
  server: 'ServerMetric',
};

const MOBILE_CATEGORIES = new Set(['smartphone', 'mobile', 'tablet']);

function norm(value: string | null | undefined): string {
  return (value ?? '').trim().toLowerCase();
}

/** False for deleted, unapproved and `_NotBillable_` devices, which count in no metric. */
export function isBillable(device: RmmDevice): boolean {
  if (device.deleted || !device.approved) return false;
  return !device.groups.some((group) => norm(group) === NOT_BILLABLE_GROUP);
}

/** The billing type of a billable device by the first matching rule (docs/billing-rules.md#datto-rmm-devices), or null when excluded. */
export function classifyDevice(device: RmmDevice): string | null {
  const category = norm(device.deviceType?.category);
  const type = norm(device.deviceType?.type);
  const deviceClass = norm(device.deviceClass);
  const either = (name: string) => type === name || category === name;
  if (MOBILE_CATEGORIES.has(category)) return null;
  if (either('datto access point')) return 'DattoAccessPointMetric';
  if (either('datto managed power')) return 'DattoManagedPowerMetric';
  if (either('datto switch')) return 'DattoSwitchMetric';
  if (either('datto continuity') || either('datto siris') || either('datto alto')) return 'DattoContinuityMetric';
  if (deviceClass === 'printer') return 'PrinterMetric';
  if (deviceClass === 'esxihost') return 'EsxiHostMetric';
  if (deviceClass === 'rmmnetworkdevice') return NETWORK_TYPES[type] ?? 'NetworkOtherMetric';
  if (deviceClass === 'device') {
    const metric = DEVICE_CATEGORIES[category];
    if (metric) return metric;
  }
  return 'UnknownMetric';
}
