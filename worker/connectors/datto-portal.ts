// Datto partner portal API (HTTP Basic public key : secret key): BCDR devices and their
// agents per client organization, SaaS Protection seats per customer. The shapes are read
// from public clients of the API; docs/connectors.md says which fields were verified.
import type { Upload } from '../../shared/schema/upload.ts';
import { baseUrl, type Connector, type ConnectorInput } from './connector.ts';
import { failure, readJson, send, type VendorCall } from './http.ts';
import { PageGuard } from './paging.ts';
import { VendorError } from './vendor-error.ts';

const VENDOR = 'the Datto partner portal';
const HOSTS = ['api.datto.com'];
const DEFAULT_API_URL = 'https://api.datto.com/v1';
const PER_PAGE = 100;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number') return String(value);
  return null;
}

function count(value: unknown): number {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : 0;
}

/** The API root: the portal's paths live under /v1 when the URL names only the host. */
function apiRoot(apiUrl: string): string {
  const base = baseUrl(apiUrl);
  return new URL(base).pathname === '/' ? `${base}/v1` : base;
}

class PortalReader {
  pages = 0;
  readonly root: string;
  private readonly call: VendorCall;
  private readonly auth: string;

  constructor(input: ConnectorInput) {
    this.root = apiRoot(input.apiUrl);
    this.call = { vendor: VENDOR, secrets: [input.apiKey, input.apiSecret], wait: input.wait, retry: input.retry };
    this.auth = `Basic ${btoa(`${input.apiKey}:${input.apiSecret}`)}`;
  }

  async get(url: string): Promise<unknown> {
    const response = await send(this.call, url, { headers: { authorization: this.auth, accept: 'application/json' } });
    if (!response.ok) throw await failure(this.call, url, response);
    this.pages++;
    return readJson(this.call, url, response);
  }

  /** Every item of a `{ pagination: { totalPages }, items }` list, page 1 onwards. */
  async pagedItems(path: string, onePage = false): Promise<Json[]> {
    const items: Json[] = [];
    const guard = new PageGuard(VENDOR);
    for (let page = 1; ; page++) {
      const url = `${this.root}${path}?_page=${page}&_perPage=${PER_PAGE}`;
      guard.visit(url);
      const body = await this.get(url);
      if (!isObject(body) || !Array.isArray(body.items)) throw new VendorError(`${VENDOR} answered ${new URL(url).pathname} without an "items" list: check the API URL.`);
      for (const item of body.items as unknown[]) if (isObject(item)) items.push(item);
      const pagination = isObject(body.pagination) ? body.pagination : {};
      const totalPages = count(pagination.totalPages);
      if (onePage || body.items.length === 0 || page >= totalPages) return items;
    }
  }

  /** A list answered whole: a bare array, or `{ items }`. */
  async wholeList(path: string): Promise<Json[]> {
    const url = `${this.root}${path}`;
    const body = await this.get(url);
    const list = Array.isArray(body) ? body : isObject(body) && Array.isArray(body.items) ? body.items : null;
    if (!list) throw new VendorError(`${VENDOR} answered ${new URL(url).pathname} without a list: check the API URL.`);
    return (list as unknown[]).filter(isObject);
  }
}

interface Tally {
  name: string;
  metrics: Record<string, number>;
}

function toUpload(module: string, date: string, tallies: Map<string, Tally>): Upload {
  const orgs = [...tallies].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([orgId, t]) => ({ orgId, name: t.name, metrics: t.metrics }));
  return { module, date, orgs };
}

/** BCDR devices per client organization; each device's protected agents count too. */
function bcdrUpload(devices: readonly Json[], date: string): Upload {
  const tallies = new Map<string, Tally>();
  for (const device of devices) {
    const name = text(device.clientCompanyName) ?? text(device.organizationName);
    const orgId = text(device.organizationId) ?? name ?? '(no client)';
    let tally = tallies.get(orgId);
    if (!tally) {
      tally = { name: name ?? orgId, metrics: { BcdrDevices: 0, BcdrAgents: 0 } };
      tallies.set(orgId, tally);
    }
    tally.metrics.BcdrDevices = (tally.metrics.BcdrDevices ?? 0) + 1;
    tally.metrics.BcdrAgents = (tally.metrics.BcdrAgents ?? 0) + count(device.agentCount);
  }
  return toUpload('datto-bcdr', date, tallies);
}

/** SaaS Protection: billable users = seats used, per customer. */
function saasUpload(domains: readonly Json[], date: string): Upload {
  const tallies = new Map<string, Tally>();
  for (const domain of domains) {
    const orgId = text(domain.saasCustomerId) ?? text(domain.domain);
    if (orgId === null) continue;
    let tally = tallies.get(orgId);
    if (!tally) {
      tally = { name: text(domain.saasCustomerName) ?? text(domain.organizationName) ?? text(domain.domain) ?? orgId, metrics: { BillableUsers: 0 } };
      tallies.set(orgId, tally);
    }
    tally.metrics.BillableUsers = (tally.metrics.BillableUsers ?? 0) + count(domain.seatsUsed);
  }
  return toUpload('datto-saas-protection', date, tallies);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export const dattoBcdr: Connector = {
  module: 'datto-bcdr',
  vendor: VENDOR,
  hosts: HOSTS,
  defaultApiUrl: DEFAULT_API_URL,
  async read(input, date) {
    const reader = new PortalReader(input);
    const devices = await reader.pagedItems('/bcdr/device');
    return { upload: bcdrUpload(devices, date), pages: reader.pages, devices: devices.length, token: null };
  },
  async test(input) {
    const reader = new PortalReader(input);
    const devices = await reader.pagedItems('/bcdr/device', true);
    return { message: `Signed in to ${VENDOR}. The first page lists ${plural(devices.length, 'BCDR device')}.`, token: null };
  },
};

export const dattoSaasProtection: Connector = {
  module: 'datto-saas-protection',
  vendor: VENDOR,
  hosts: HOSTS,
  defaultApiUrl: DEFAULT_API_URL,
  async read(input, date) {
    const reader = new PortalReader(input);
    const domains = await reader.wholeList('/saas/domains');
    return { upload: saasUpload(domains, date), pages: reader.pages, devices: domains.length, token: null };
  },
  async test(input) {
    const reader = new PortalReader(input);
    const domains = await reader.wholeList('/saas/domains');
    return { message: `Signed in to ${VENDOR}. It lists ${plural(domains.length, 'SaaS Protection domain')}.`, token: null };
  },
};
