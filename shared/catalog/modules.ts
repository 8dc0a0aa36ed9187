import type { ModuleDef } from '../schema/module.ts';

type TypeRow = [id: string, label: string, unit?: 'boolean'];

function module(id: string, name: string, suite: string, types: TypeRow[]): ModuleDef {
  return { id, name, suite, billingTypes: types.map(([tid, label, unit]) => ({ id: tid, label, unit: unit ?? 'count' })) };
}

/** Datto RMM billing types in the order of the product documentation (docs/billing-rules.md#datto-rmm-devices). */
export const DATTO_RMM_TYPES: TypeRow[] = [
  ['AllDevicesMetric', 'Total Device Count'],
  ['DesktopLaptopMetric', 'Desktop & Laptop'],
  ['DesktopMetric', 'Desktop'],
  ['LaptopMetric', 'Laptop'],
  ['ServerMetric', 'Server'],
  ['PrinterMetric', 'Printer'],
  ['UnknownMetric', 'Unknown'],
  ['EsxiHostMetric', 'ESXi Host'],
  ['NetworkRouterMetric', 'Network Device (Router)'],
  ['NetworkSwitchMetric', 'Network Device (Switch)'],
  ['NetworkUpsMetric', 'Network Device (UPS)'],
  ['NetworkFirewallMetric', 'Network Device (Firewall)'],
  ['NetworkIpPhoneMetric', 'Network Device (IP Phone)'],
  ['NetworkNasMetric', 'Network Device (NAS)'],
  ['NetworkApplianceMetric', 'Network Device (Network Appliance)'],
  ['NetworkSanMetric', 'Network Device (SAN)'],
  ['NetworkOtherMetric', 'Network Device (other)'],
  ['DattoAccessPointMetric', 'Datto Access Point'],
  ['DattoManagedPowerMetric', 'Datto Managed Power'],
  ['DattoSwitchMetric', 'Datto Switch'],
  ['DattoContinuityMetric', 'Datto Continuity'],
];

const RMM = 'RMM / endpoint';
const BACKUP = 'Backup';
const SECURITY = 'Security';
const AUDIT = 'Audit & compliance';

/** Every built-in module with its billing types (docs/billing-rules.md#module-catalog); ids are the upload API. */
export const CATALOG: readonly ModuleDef[] = [
  module('datto-rmm', 'Datto RMM', RMM, DATTO_RMM_TYPES),
  module('vsa', 'VSA', RMM, [
    ['TotalDevices', 'Total Devices'],
    ['PatchManagementDevices', 'Devices With Patch Management'],
    ['RansomwareDetectionDevices', 'Devices With Ransomware Detection'],
    ['WebrootDevices', 'Devices With Webroot'],
    ['BitdefenderDevices', 'Devices With Bitdefender'],
  ]),
  module('traverse', 'Traverse', RMM, [
    ['RouterDevices', 'Router Devices'],
    ['SwitchDevices', 'Switch Devices'],
    ['AccessPointDevices', 'Access Point Devices'],
    ['FirewallDevices', 'Firewall Devices'],
    ['ServerDevices', 'Server Devices'],
    ['OtherDevices', 'Other/Undefined Devices'],
  ]),
  module('datto-bcdr', 'Datto BCDR (SIRIS / ALTO)', BACKUP, [
    ['BcdrDevices', 'BCDR Devices (SIRIS)'],
    ['BcdrAgents', 'BCDR Agents (ALTO)'],
  ]),
  module('datto-endpoint-backup-pc', 'Datto Endpoint Backup for PCs', BACKUP, [['LicensesAssigned', 'Licenses Assigned']]),
  module('datto-endpoint-backup-servers', 'Datto Endpoint Backup for Servers', BACKUP, [['Units500GB', 'Units per 500GB']]),
  module('datto-endpoint-backup-azure', 'Datto Endpoint Backup for Microsoft Azure', BACKUP, [
    ['VirtualMachines', 'Virtual Machines'],
    ['DiskCapacity', 'Disk Capacity'],
  ]),
  module('datto-workplace', 'Datto Workplace', BACKUP, [
    ['UserLicenses', 'Total User Licenses'],
    ['ServerLicenses', 'Total Server Licenses'],
    ['AdditionalStorage', 'Additional Storage'],
  ]),
  module('datto-file-protection', 'Datto File Protection', BACKUP, [
    ['DesktopDevices', 'Total Desktop Devices'],
    ['ServerDevices', 'Total Server Devices'],
    ['AdditionalStorage', 'Additional Storage'],
  ]),
  module('datto-saas-protection', 'Datto SaaS Protection', BACKUP, [['BillableUsers', 'Total Billable Users']]),
  module('spanning', 'Spanning Backup', BACKUP, [
    ['Licenses', 'Total Spanning Licenses'],
    ['ArchiveLicenses', 'Total Archive Licenses'],
  ]),
  module('datto-networking', 'Datto Networking', BACKUP, [
    ['DevicesPerNetwork', 'Devices per Network by Model'],
    ['LicensesPerNetwork', 'Licenses per Network by Type'],
  ]),
  module('datto-edr', 'Datto EDR', SECURITY, [
    ['TotalDevices', 'Total Devices'],
    ['WindowsDevices', 'Windows Devices'],
    ['MacDevices', 'macOS Devices'],
    ['LinuxDevices', 'Linux Devices'],
  ]),
  module('rocketcyber', 'RocketCyber', SECURITY, [
    ['Agents', 'Agents'],
    ['Firewalls', 'Firewalls'],
    ['Mailboxes', 'Mailboxes'],
    ['TotalDevices', 'Total Devices'],
  ]),
  module('datto-saas-defense', 'Datto SaaS Defense', SECURITY, [['BillableUsers', 'Total Billable Users']]),
  module('graphus', 'Graphus', SECURITY, [['ProtectedInboxes', 'Protected Inboxes']]),
  module('passly', 'Passly', SECURITY, [['ActiveLicenses', 'Active Licenses']]),
  module('darkweb-id', 'Dark Web ID', SECURITY, [['Domains', 'Domains']]),
  module('bullphish-id', 'BullPhish ID', SECURITY, [
    ['TrainingModuleEnabled', 'Training Module Enabled', 'boolean'],
    ['PhishingModuleUsers', 'Phishing Module Enabled Users'],
  ]),
  module('compliance-manager', 'Compliance Manager GRC', AUDIT, [
    ['AdUsers', 'Active Directory Users'],
    ['AdDevices', 'Active Directory Devices'],
    ['IsEnabled', 'Enabled', 'boolean'],
  ]),
  module('network-detective-pro', 'Network Detective Pro', AUDIT, [
    ['DevicesScanned', 'Devices Scanned'],
    ['IpAddressesScanned', 'IP Addresses Scanned'],
  ]),
  module('vulscan', 'VulScan', AUDIT, [['IpAddressesScanned', 'IP Addresses Scanned']]),
  module('cyber-hawk', 'Cyber Hawk', AUDIT, [['DevicesScanned', 'Devices Scanned']]),
];
