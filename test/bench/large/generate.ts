// The large MSP of the browser benchmark (docs/benchmarks.md#large-msp): by default 2,000
// accounts, each with three of ten modules (6,000 module orgs; Datto RMM sites report all
// 21 types, counted from a device list by shared/rmm as the edge would), a year of nightly
// uploads ending the day before `today`, a contract per account mapping every type it can
// see, and 11 months to post. Seeded: the same scale and day give the same MSP.
import { CATALOG } from '../../../shared/catalog/modules.ts';
import { addDays, addMonths, periodOf, periodStart } from '../../../shared/dates/index.ts';
import { rmmUpload } from '../../../shared/rmm/upload.ts';
import type { RmmDevice } from '../../../shared/rmm/device.ts';
import type { ModuleDef } from '../../../shared/schema/module.ts';
import type { Upload } from '../../../shared/schema/upload.ts';
import type { Contract, ContractService, ServiceMapping, Workspace } from '../../../shared/schema/workspace.ts';
import { between, pick, seededRandom } from '../../../scripts/demo/random.ts';
import { moduleOrgName } from '../../../scripts/demo/names.ts';

/** Bumped whenever the generated MSP changes, so a cached load is not reused for another MSP. */
export const GENERATOR_VERSION = 1;

export interface LargeScale {
  accounts: number;
  days: number;
  postedMonths: number;
  seed: number;
}

export const LARGE_SCALE: LargeScale = { accounts: 2_000, days: 365, postedMonths: 11, seed: 12 };

/** The ten modules: Datto RMM first, then the ones an MSP typically bills beside it. */
export const LARGE_MODULES = ['datto-rmm', 'datto-edr', 'datto-bcdr', 'datto-saas-protection', 'graphus', 'bullphish-id', 'darkweb-id', 'compliance-manager', 'vsa', 'spanning'];
const MODULES_PER_ACCOUNT = 3;
/** One account in a hundred signs its contract this month: nothing of it is posted (2,000 × 11 − 220 = 21,780 invoices). */
const LATE_EVERY = 100;
const RMM_IGNORED = new Set(['AllDevicesMetric', 'DesktopMetric', 'LaptopMetric']);
const MODES = ['daily', 'period-end', 'peak'] as const;

export interface LargeMsp {
  today: string;
  firstDay: string;
  lastDay: string;
  accounts: { id: string; name: string }[];
  modules: ModuleDef[];
  orgMappings: Workspace['orgMappings'];
  contracts: Contract[];
  /** Every module-day, oldest day first; an org's metrics object is shared across days while it does not change. */
  uploads: Upload[];
  /** The periods to post, oldest first, and the accounts that have something to invoice in them. */
  posted: { period: string; accountIds: string[] }[];
}

const COMPANY = ['Brass', 'Cedar', 'Harbor', 'Summit', 'Prairie', 'Granite', 'Maple', 'Beacon', 'Riverside', 'Northwind', 'Bluebird', 'Ironwood'];
const TRADE = ['Building Supplies', 'Dental Group', 'Law Partners', 'Logistics', 'Family Clinic', 'Accounting', 'Engineering', 'Realty', 'Veterinary', 'Manufacturing'];

/** An RMM site's devices: a few servers and printers, mostly desktops and laptops, some network gear. */
function siteDevices(random: () => number, siteUid: string, siteName: string, size: number): RmmDevice[] {
  const kinds: Pick<RmmDevice, 'deviceClass' | 'deviceType'>[] = [
    { deviceClass: 'device', deviceType: { category: 'Desktop', type: 'Desktop' } },
    { deviceClass: 'device', deviceType: { category: 'Laptop', type: 'Laptop' } },
    { deviceClass: 'device', deviceType: { category: 'Server', type: 'Server' } },
    { deviceClass: 'printer', deviceType: { category: 'Printer', type: 'Printer' } },
    { deviceClass: 'rmmnetworkdevice', deviceType: { category: 'Network Device', type: 'Switch' } },
    { deviceClass: 'rmmnetworkdevice', deviceType: { category: 'Network Device', type: 'Firewall' } },
    { deviceClass: 'rmmnetworkdevice', deviceType: { category: 'Network Device', type: 'UPS' } },
    { deviceClass: 'esxihost', deviceType: { category: 'ESXi Host', type: 'ESXi Host' } },
    { deviceClass: 'device', deviceType: { category: 'Datto Access Point', type: 'Datto Access Point' } },
  ];
  const weights = [40, 35, 6, 6, 4, 3, 2, 2, 2];
  const devices: RmmDevice[] = [];
  for (let i = 0; i < size; i++) {
    let roll = random() * 100;
    let k = 0;
    while (k < weights.length - 1 && roll >= (weights[k] ?? 0)) roll -= weights[k++] ?? 0;
    devices.push({ uid: `${siteUid}-d${i}`, siteUid, siteName, ...(kinds[k] ?? kinds[0]), deleted: false, approved: true, groups: [] } as RmmDevice);
  }
  return devices;
}

function servicesFor(random: () => number, module: ModuleDef): { services: ContractService[]; mappings: ServiceMapping[] } {
  const price = (low: number, high: number) => `${between(random, low, high)}.${String(between(random, 0, 99)).padStart(2, '0')}`;
  const cost = (unitPrice: string) => (random() < 0.8 ? (Number(unitPrice) * 0.4).toFixed(2) : null);
  if (module.id === 'datto-rmm') {
    const workstations = price(3, 8);
    const servers = price(20, 40);
    const devices = price(1, 4);
    const services: ContractService[] = [
      { id: 'rmm-workstations', name: 'Managed Workstations', billing: 'daily', unitPrice: workstations, unitCost: cost(workstations) },
      { id: 'rmm-servers', name: 'Managed Servers', billing: 'peak', unitPrice: servers, unitCost: cost(servers) },
      { id: 'rmm-devices', name: 'Managed Network & Other Devices', billing: 'daily', unitPrice: devices, unitCost: cost(devices) },
    ];
    const mappings: ServiceMapping[] = module.billingTypes.map((t) => RMM_IGNORED.has(t.id)
      ? { module: module.id, billingType: t.id, ignore: true as const }
      : { module: module.id, billingType: t.id, serviceId: t.id === 'DesktopLaptopMetric' ? 'rmm-workstations' : t.id === 'ServerMetric' ? 'rmm-servers' : 'rmm-devices' });
    return { services, mappings };
  }
  const services: ContractService[] = module.billingTypes.map((t, k) => {
    const unitPrice = t.unit === 'boolean' ? price(20, 60) : price(1, 12);
    return { id: `${module.id}-${t.id}`, name: `${module.name} ${t.label}`, billing: MODES[k % MODES.length] ?? 'daily', unitPrice, unitCost: cost(unitPrice) };
  });
  return { services, mappings: module.billingTypes.map((t) => ({ module: module.id, billingType: t.id, serviceId: `${module.id}-${t.id}` })) };
}

/** Builds the MSP for `today` (the pinned day the benchmark runs on; usage ends the day before). */
export function generateLargeMsp(today: string, scale: LargeScale = LARGE_SCALE): LargeMsp {
  const random = seededRandom(scale.seed);
  const modules = LARGE_MODULES.map((id) => {
    const def = CATALOG.find((m) => m.id === id);
    if (!def) throw new Error(`module ${id} is not in the catalog`);
    return def;
  });
  const lastDay = addDays(today, -1);
  const firstDay = addDays(today, -scale.days);
  const current = periodOf(today);
  const firstPosted = addMonths(current, -scale.postedMonths);
  if (periodStart(firstPosted) < firstDay) throw new Error(`${scale.postedMonths} posted months need usage from ${periodStart(firstPosted)}, but ${scale.days} days start on ${firstDay}`);
  const accounts = Array.from({ length: scale.accounts }, (_, a) => ({ id: `acct-${a}`, name: `${COMPANY[a % COMPANY.length]} ${TRADE[Math.floor(a / COMPANY.length) % TRADE.length]} ${a}` }));
  const orgMappings: Workspace['orgMappings'] = [];
  const contracts: Contract[] = [];
  // Per module, its orgs: an RMM site's devices, or another module's base quantities.
  const rmmSites: { uid: string; name: string; devices: RmmDevice[] }[] = [];
  const orgs = new Map<string, { orgId: string; name: string; base: number[] }[]>(modules.map((m) => [m.id, []]));
  accounts.forEach((account, a) => {
    const mine = Array.from({ length: MODULES_PER_ACCOUNT }, (_, k) => modules[(a + k * 3) % modules.length] as ModuleDef);
    const services: ContractService[] = [];
    const serviceMappings: ServiceMapping[] = [];
    for (const m of mine) {
      const orgId = m.id === 'datto-rmm' ? `site-${a}` : `${m.id}-org-${a}`;
      const name = moduleOrgName(m.id, account.name, a);
      orgMappings.push({ module: m.id, orgId, accountId: account.id });
      if (m.id === 'datto-rmm') rmmSites.push({ uid: orgId, name, devices: siteDevices(random, orgId, name, between(random, 5, 60)) });
      else orgs.get(m.id)?.push({ orgId, name, base: m.billingTypes.map((t) => (t.unit === 'boolean' ? 1 : between(random, 1, 120))) });
      const priced = servicesFor(random, m);
      services.push(...priced.services);
      serviceMappings.push(...priced.mappings);
    }
    const late = a % LATE_EVERY === LATE_EVERY - 1;
    contracts.push({
      id: `contract-${a}`, accountId: account.id, name: 'Managed Services Agreement',
      startDate: late ? periodStart(current) : periodStart(firstPosted), endDate: null, services, serviceMappings,
    });
  });

  const uploads: Upload[] = [];
  const rmmMetrics = new Map<string, Record<string, number | string | boolean>>();
  const otherMetrics = new Map<string, Record<string, number | string | boolean>>();
  for (let d = 0; d < scale.days; d++) {
    const date = addDays(firstDay, d);
    // Device counts change rarely: a site gains or loses a device now and then.
    const sites = rmmSites.map((site) => {
      const known = rmmMetrics.get(site.uid);
      let metrics: Record<string, number | string | boolean>;
      if (known && random() >= 0.03) metrics = known;
      else {
        if (known) {
          if (random() < 0.55 || site.devices.length < 3) site.devices.push({ ...(pick(random, site.devices)), uid: `${site.uid}-d${site.devices.length}-${d}` });
          else site.devices.splice(between(random, 0, site.devices.length - 1), 1);
        }
        const counted = rmmUpload(site.devices, date, undefined, [{ uid: site.uid, name: site.name }]).orgs[0];
        metrics = counted?.metrics ?? {};
        rmmMetrics.set(site.uid, metrics);
      }
      return { orgId: site.uid, name: site.name, metrics };
    });
    uploads.push({ module: 'datto-rmm', date, orgs: sites });
    for (const m of modules) {
      if (m.id === 'datto-rmm') continue;
      uploads.push({
        module: m.id, date,
        orgs: (orgs.get(m.id) ?? []).map((org) => {
          const key = `${m.id}\u0000${org.orgId}`;
          const known = otherMetrics.get(key);
          let metrics: Record<string, number | string | boolean>;
          if (known && random() >= 0.02) metrics = known;
          else {
            metrics = Object.fromEntries(m.billingTypes.map((t, k) => {
              if (t.unit === 'boolean') return [t.id, true];
              const base = org.base[k] ?? 1;
              org.base[k] = Math.max(0, base + pick(random, [-1, 0, 1, 1]));
              return [t.id, org.base[k] ?? 0];
            }));
            otherMetrics.set(key, metrics);
          }
          return { orgId: org.orgId, name: org.name, metrics };
        }),
      });
    }
  }

  const posted = Array.from({ length: scale.postedMonths }, (_, i) => {
    const period = addMonths(firstPosted, i);
    return { period, accountIds: contracts.filter((c) => c.startDate <= periodStart(period)).map((c) => c.accountId) };
  });
  return { today, firstDay, lastDay, accounts, modules, orgMappings, contracts, uploads, posted };
}

/** The MSP's set-up as a workspace (no invoices yet), for the engine to post from. */
export function largeWorkspace(msp: LargeMsp): Workspace {
  return {
    version: 1, currency: 'USD', asOf: msp.lastDay,
    modules: [], enabledModules: msp.modules.map((m) => m.id), accounts: msp.accounts,
    orgMappings: msp.orgMappings, contracts: msp.contracts, uploads: msp.uploads, invoices: [], charges: [],
  };
}
