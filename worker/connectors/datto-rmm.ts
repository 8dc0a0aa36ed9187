// Datto RMM API v2: password grant for a bearer token, devices and sites paged by
// nextPageUrl, `_NotBillable_` as a custom device filter. The counts are the shared
// device metrics (shared/rmm).
import { DATTO_RMM, rmmUpload, type RmmSite } from '../../shared/rmm/upload.ts';
import { baseUrl, type Connector, type ConnectorInput } from './connector.ts';
import { failure, readJson, send, type VendorCall } from './http.ts';
import { nextPage, PageGuard } from './paging.ts';
import { VendorError } from './vendor-error.ts';

const VENDOR = 'Datto RMM';
const PAGE_SIZE = 250;
/** The filter whose devices count in no metric (the API has no device groups). */
export const NOT_BILLABLE_FILTER = '_notbillable_';
/** Datto RMM's public OAuth client for API users. */
const PUBLIC_CLIENT = `Basic ${btoa('public-client:public')}`;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return null;
}

/** A signed-in reader: the token is reused until a 401, then renewed once per run. */
class RmmSession {
  private token: string | null;
  private renewed = false;
  pages = 0;
  readonly base: string;
  readonly call: VendorCall;

  private readonly input: ConnectorInput;

  constructor(input: ConnectorInput) {
    this.input = input;
    this.base = baseUrl(input.apiUrl);
    this.token = input.token;
    this.call = { vendor: VENDOR, secrets: [input.apiKey, input.apiSecret], wait: input.wait, retry: input.retry };
  }

  get currentToken(): string | null {
    return this.token;
  }

  private async signIn(): Promise<string> {
    const url = `${this.base}/auth/oauth/token`;
    const body = new URLSearchParams({ grant_type: 'password', username: this.input.apiKey, password: this.input.apiSecret });
    const response = await send(this.call, url, {
      method: 'POST',
      headers: { authorization: PUBLIC_CLIENT, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: body.toString(),
    });
    // A wrong key or secret is answered 400 invalid_grant (or 401) by the token endpoint.
    if (response.status === 400 || response.status === 401) throw await failure(this.call, url, response, 401);
    if (!response.ok) throw await failure(this.call, url, response);
    const answer = await readJson(this.call, url, response);
    const token = isObject(answer) ? text(answer.access_token) : null;
    if (!token) throw new VendorError(`${VENDOR} signed in but sent no access_token: check the API URL.`);
    this.token = token;
    return token;
  }

  /** GET a JSON page with the bearer token, renewing it once on 401. */
  async get(url: string): Promise<unknown> {
    const token = this.token ?? await this.signIn();
    let response = await send(this.call, url, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
    if (response.status === 401 && !this.renewed) {
      await response.body?.cancel();
      this.renewed = true;
      const fresh = await this.signIn();
      response = await send(this.call, url, { headers: { authorization: `Bearer ${fresh}`, accept: 'application/json' } });
    }
    if (!response.ok) throw await failure(this.call, url, response);
    this.pages++;
    return readJson(this.call, url, response);
  }

  /**
   * Every item of a paged list, following pageDetails.nextPageUrl until it is null.
   * `optional` lists read as empty when the API has no such list (404).
   */
  async list(path: string, key: string, optional = false): Promise<Json[]> {
    const items: Json[] = [];
    const guard = new PageGuard(VENDOR);
    let url: string | null = `${this.base}${path}${path.includes('?') ? '&' : '?'}max=${PAGE_SIZE}&page=0`;
    while (url) {
      guard.visit(url);
      let page: unknown;
      try {
        page = await this.get(url);
      } catch (error) {
        if (optional && error instanceof VendorError && error.status === 404 && items.length === 0) return [];
        throw error;
      }
      if (!isObject(page) || !Array.isArray(page[key])) throw new VendorError(`${VENDOR} answered ${new URL(url).pathname} without a "${key}" list: check the API URL.`);
      for (const item of page[key] as unknown[]) if (isObject(item)) items.push(item);
      const details = page.pageDetails;
      url = nextPage(url, isObject(details) ? details.nextPageUrl : null);
    }
    return items;
  }
}

/** Device keys of the `_NotBillable_` custom filter (none when there is no such filter). */
async function notBillableDevices(session: RmmSession): Promise<Set<string>> {
  const filters = await session.list('/api/v2/filter/custom-filters', 'filters', true);
  const keys = new Set<string>();
  for (const filter of filters) {
    const name = text(filter.name);
    const id = text(filter.id);
    if (name === null || id === null || name.trim().toLowerCase() !== NOT_BILLABLE_FILTER) continue;
    for (const device of await session.list(`/api/v2/account/devices?filterId=${encodeURIComponent(id)}`, 'devices')) {
      const key = deviceKey(device);
      if (key) keys.add(key);
    }
  }
  return keys;
}

function deviceKey(device: Json): string | null {
  return text(device.uid) ?? (text(device.id) === null ? null : `id:${text(device.id)}`);
}

/** A device from the API in the shape the shared device metrics read. */
function toMetricsDevice(device: Json, notBillable: ReadonlySet<string>) {
  const key = deviceKey(device);
  const type = isObject(device.deviceType) ? device.deviceType : null;
  return {
    uid: key ?? undefined,
    siteUid: text(device.siteUid) ?? '',
    siteName: text(device.siteName),
    deviceClass: text(device.deviceClass) ?? 'unknown',
    deviceType: type ? { category: text(type.category), type: text(type.type) } : null,
    suspended: device.suspended === true,
    deleted: device.deleted === true,
    approved: device.approved !== false,
    groups: [
      ...(Array.isArray(device.groups) ? device.groups.filter((g): g is string => typeof g === 'string') : []),
      ...(key !== null && notBillable.has(key) ? ['_NotBillable_'] : []),
    ],
  };
}

async function readSites(session: RmmSession): Promise<RmmSite[]> {
  const sites: RmmSite[] = [];
  for (const site of await session.list('/api/v2/account/sites', 'sites', true)) {
    const uid = text(site.uid);
    if (uid && uid.trim()) sites.push({ uid: uid.trim(), name: text(site.name) ?? '' });
  }
  // In the API's order (stable for an account), so the same account reads as the same upload.
  return sites;
}

export const dattoRmm: Connector = {
  module: DATTO_RMM,
  vendor: VENDOR,
  hosts: ['*.centrastage.net'],
  defaultApiUrl: null,

  async read(input, date) {
    const session = new RmmSession(input);
    const sites = await readSites(session);
    const notBillable = await notBillableDevices(session);
    const devices = await session.list('/api/v2/account/devices', 'devices');
    const placed = devices.map((d) => toMetricsDevice(d, notBillable)).filter((d) => d.siteUid.trim() !== '');
    const upload = rmmUpload(placed, date, undefined, sites);
    return { upload, pages: session.pages, devices: devices.length, token: session.currentToken };
  },

  async test(input) {
    const session = new RmmSession(input);
    const url = `${session.base}/api/v2/account/devices?max=${PAGE_SIZE}&page=0`;
    const page = await session.get(url);
    if (!isObject(page) || !Array.isArray(page.devices)) throw new VendorError(`${VENDOR} answered the device list without a "devices" list: check the API URL.`);
    const details = isObject(page.pageDetails) ? page.pageDetails : {};
    const total = typeof details.totalCount === 'number' ? details.totalCount : null;
    const more = nextPage(url, details.nextPageUrl) !== null;
    const count = page.devices.length;
    const message = `Signed in to ${VENDOR}. The first page lists ${count} device${count === 1 ? '' : 's'}`
      + (total !== null ? ` of ${total}` : more ? ' (more pages follow)' : '') + '.';
    return { message, token: session.currentToken };
  },
};
