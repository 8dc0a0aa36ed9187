// The demo MSP: ~40 clients across 10 modules over ~120 days ending yesterday, as the
// modules would report them — growth, churn, clients joining, a missed nightly sync, a
// late correction, and one Datto RMM day sent as the raw device list. Pure and seeded:
// the same plan every run.
import { addDays } from '../../shared/dates/index.ts';
import { rmmUpload } from '../../shared/rmm/upload.ts';
import type { Upload, UploadOrg } from '../../shared/schema/upload.ts';
import { CLIENTS } from './clients.ts';
import { moduleOrgName } from './names.ts';
import { between, hex, seededRandom } from './random.ts';

export interface DemoDevice {
  uid: string;
  siteUid: string;
  siteName: string;
  deviceClass: string;
  deviceType: { category: string; type: string };
  deleted?: boolean;
  groups?: string[];
}

export type DemoEvent =
  | { kind: 'upload'; upload: Upload }
  | { kind: 'devices'; date: string; devices: DemoDevice[] };

export interface DemoPlan {
  accounts: { id: string; name: string }[];
  events: DemoEvent[];
  firstDay: string;
  lastDay: string;
}

/** Modules the demo MSP runs, with the share of clients on each. */
const MODULES: [string, number][] = [
  ['datto-rmm', 0.95], ['datto-edr', 0.7], ['datto-bcdr', 0.4], ['datto-saas-protection', 0.5], ['graphus', 0.45],
  ['bullphish-id', 0.35], ['darkweb-id', 0.4], ['compliance-manager', 0.25], ['network-detective-pro', 0.3], ['cyber-hawk', 0.25],
];

interface Client {
  accountId: string;
  name: string;
  users: number;
  growth: number;
  servers: number;
  printers: number;
  domains: number;
  from: number;
  until: number;
  modules: Map<string, { orgId: string; name: string }>;
}

interface Size { users: number; desktops: number; laptops: number; servers: number; printers: number; network: number }

function sizeOn(client: Client, day: number, random: () => number): Size {
  const users = Math.max(1, Math.round(client.users * (1 + client.growth * day) + (random() < 0.1 ? between(random, -1, 1) : 0)));
  return {
    users,
    desktops: Math.round(users * 0.55),
    laptops: Math.round(users * 0.5),
    servers: client.servers,
    printers: client.printers,
    network: 2 + Math.floor(users / 25),
  };
}

function metricsFor(module: string, s: Size, client: Client): Record<string, number | boolean> {
  const endpoints = s.desktops + s.laptops + s.servers;
  switch (module) {
    case 'datto-edr': {
      const mac = Math.round(s.laptops * 0.2);
      const linux = Math.min(s.servers, 1);
      return { TotalDevices: endpoints, WindowsDevices: endpoints - mac - linux, MacDevices: mac, LinuxDevices: linux };
    }
    case 'datto-bcdr': return { BcdrDevices: 1, BcdrAgents: s.servers };
    case 'datto-saas-protection': return { BillableUsers: s.users };
    case 'graphus': return { ProtectedInboxes: s.users + Math.ceil(s.users / 10) };
    case 'bullphish-id': return { TrainingModuleEnabled: true, PhishingModuleUsers: s.users };
    case 'darkweb-id': return { Domains: client.domains };
    case 'compliance-manager': return { AdUsers: s.users + 2, AdDevices: endpoints, IsEnabled: true };
    case 'network-detective-pro': return { DevicesScanned: endpoints + s.network + s.printers, IpAddressesScanned: Math.round((endpoints + s.network + s.printers) * 1.3) };
    case 'cyber-hawk': return { DevicesScanned: endpoints + s.network };
    default: throw new Error(`no demo metrics for ${module}`);
  }
}

function devicesFor(client: Client, site: { orgId: string; name: string }, s: Size, day: number): DemoDevice[] {
  const devices: DemoDevice[] = [];
  const add = (deviceClass: string, category: string, type: string, count: number, extra: Partial<DemoDevice> = {}) => {
    for (let i = 0; i < count; i++) {
      devices.push({ uid: `${site.orgId}-${category}-${type}-${i}`.toLowerCase().replaceAll(' ', ''), siteUid: site.orgId, siteName: site.name, deviceClass, deviceType: { category, type }, ...extra });
    }
  };
  add('device', 'Desktop', 'Desktop', s.desktops);
  add('device', 'Laptop', 'Laptop', s.laptops);
  add('device', 'Server', 'Server', s.servers);
  add('printer', 'Printer', 'Printer', s.printers);
  add('rmmnetworkdevice', 'Network Device', 'Firewall', 1);
  add('rmmnetworkdevice', 'Network Device', 'Switch', s.network - 1);
  add('device', 'Mobile', 'Smartphone', Math.floor(s.users / 8));
  if (client.servers > 3) add('esxihost', 'ESXi Host', 'ESXi Host', 1);
  if (day % 7 === 0) add('device', 'Laptop', 'Laptop', 1, { deleted: true, uid: `${site.orgId}-retired-${day}` });
  add('device', 'Desktop', 'Desktop', 1, { groups: ['_NotBillable_'], uid: `${site.orgId}-lab` });
  return devices;
}

/** The whole demo: accounts, then every upload in the order the modules would send them. */
export function simulateDemo(options: { seed?: number; days?: number; lastDay: string }): DemoPlan {
  const random = seededRandom(options.seed ?? 2026);
  const days = options.days ?? 120;
  const firstDay = addDays(options.lastDay, -(days - 1));
  const clients: Client[] = CLIENTS.map((name, i) => {
    const churned = i === 7 || i === 23;
    const joined = i === 11 || i === 29 || i === 36;
    const client: Client = {
      accountId: `acc-${String(i + 1).padStart(3, '0')}`,
      name,
      users: between(random, 6, 140),
      growth: (random() - 0.3) * 0.004,
      servers: between(random, 1, 6),
      printers: between(random, 0, 5),
      domains: between(random, 1, 3),
      from: joined ? between(random, 20, days - 30) : 0,
      until: churned ? between(random, 50, days - 15) : days,
      modules: new Map(),
    };
    for (const [module, share] of MODULES) {
      if (random() >= share && !(module === 'datto-rmm' && i < 6)) continue;
      const orgId = module === 'datto-rmm' ? `${hex(random, 8)}-${hex(random, 4)}-${hex(random, 4)}-${hex(random, 12)}` : `${module.split('-')[0]}-${between(random, 10000, 99999)}`;
      client.modules.set(module, { orgId, name: moduleOrgName(module, name, i) });
    }
    return client;
  });

  const events: DemoEvent[] = [];
  const late: DemoEvent[] = [];
  const missed = new Set([days - 40, days - 39]);
  const corrected = days - 20;
  for (let day = 0; day < days; day++) {
    const date = addDays(firstDay, day);
    const active = clients.filter((c) => day >= c.from && day < c.until);
    const sizes = new Map(active.map((c) => [c, sizeOn(c, day, random)]));
    for (const [module] of MODULES) {
      if (module === 'datto-edr' && missed.has(day)) continue; // the nightly sync that never came
      const members = active.filter((c) => c.modules.has(module));
      if (module === 'datto-rmm') {
        const devices = members.flatMap((c) => devicesFor(c, c.modules.get(module) ?? { orgId: '', name: '' }, sizes.get(c) ?? sizeOn(c, day, random), day));
        events.push(day === days - 1 ? { kind: 'devices', date, devices } : { kind: 'upload', upload: rmmUpload(devices, date) });
        continue;
      }
      const orgs: UploadOrg[] = members.map((c) => {
        const org = c.modules.get(module) ?? { orgId: '', name: '' };
        const metrics = metricsFor(module, sizes.get(c) ?? sizeOn(c, day, random), c);
        return { orgId: org.orgId, name: org.name, metrics };
      });
      if (module === 'graphus' && day === corrected) {
        // first sent with one client's inbox count ten times too high, corrected at the end
        const wrong = orgs.map((o, i) => (i === 0 ? { ...o, metrics: { ProtectedInboxes: Number(o.metrics.ProtectedInboxes) * 10 } } : o));
        events.push({ kind: 'upload', upload: { module, date, orgs: wrong } });
        late.push({ kind: 'upload', upload: { module, date, orgs } });
        continue;
      }
      events.push({ kind: 'upload', upload: { module, date, orgs } });
    }
  }
  events.push(...late); // the correction arrives after every other day was sent

  return { accounts: clients.map((c) => ({ id: c.accountId, name: c.name })), events, firstDay, lastDay: options.lastDay };
}
