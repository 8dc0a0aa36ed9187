// A fake Datto RMM API v2 following the documented shapes (shared/vendor-apis): the
// password grant with the public client, device, site and custom-filter lists paged by
// pageDetails.nextPageUrl, and the failures a real account shows: an expired token (401),
// a rate limit (429 once), a forbidden list (403).
import { randomBytes } from 'node:crypto';
import { startFakeVendor, type FakeAnswer, type FakeServer, type ScenarioHandler } from './fake-vendor.ts';

export interface FakeRmmDevice {
  uid: string;
  siteUid: string;
  siteName?: string;
  deviceClass: string;
  deviceType?: { category: string | null; type: string | null } | null;
  deleted?: boolean;
  suspended?: boolean;
  hostname?: string;
}

export interface RmmScenario {
  apiKey: string;
  apiSecret: string;
  sites: { uid: string; name: string }[];
  devices: FakeRmmDevice[];
  /** Device uids in the custom filter named `_NotBillable_`. */
  notBillable?: string[];
  /** The server's own page size cap (Datto's is 250); small values force many pages. */
  pageSize?: number;
  /** The first token stops working after this many authorized requests (401). */
  expireTokenAfter?: number;
  /** The first request for this path (without query) answers 429 with Retry-After. */
  rateLimitOncePath?: string;
  /** Requests whose path starts with this answer 403. */
  forbiddenPath?: string;
  /** How many requests of that path answer 429 before it works (default 1). */
  rateLimitTimes?: number;
  /** Retry-After seconds on the 429 (default 0). */
  retryAfter?: number;
}

const PUBLIC_CLIENT = `Basic ${Buffer.from('public-client:public').toString('base64')}`;
const NOT_BILLABLE_FILTER_ID = 7001;

function rmmScenario(input: unknown, apiUrl: string): ScenarioHandler {
  const s = input as RmmScenario;
  const pageSize = s.pageSize ?? 250;
  const tokens = new Map<string, { uses: number; first: boolean }>();
  let issued = 0;
  let rateLimited = 0;

  function page(path: string, url: URL, key: string, items: unknown[]): FakeAnswer {
    const max = Math.min(Number(url.searchParams.get('max') ?? 250) || 250, pageSize);
    const n = Number(url.searchParams.get('page') ?? 0) || 0;
    const slice = items.slice(n * max, (n + 1) * max);
    let nextPageUrl: string | null = null;
    if ((n + 1) * max < items.length) {
      const next = new URL(`${apiUrl}${path}`);
      for (const [k, v] of url.searchParams) next.searchParams.set(k, v);
      next.searchParams.set('page', String(n + 1));
      nextPageUrl = next.toString();
    }
    return { status: 200, body: { pageDetails: { count: slice.length, totalCount: items.length, prevPageUrl: null, nextPageUrl }, [key]: slice } };
  }

  return {
    handle({ method, path, url, headers, body }) {
      const bare = path.split('?')[0] ?? '';
      if (bare === '/auth/oauth/token') {
        if (method !== 'POST' || headers.authorization !== PUBLIC_CLIENT) return { status: 401, body: { error: 'unauthorized', error_description: 'Full authentication is required' } };
        const form = new URLSearchParams(body);
        if (form.get('grant_type') !== 'password' || form.get('username') !== s.apiKey || form.get('password') !== s.apiSecret) {
          return { status: 400, body: { error: 'invalid_grant', error_description: 'Bad credentials' } };
        }
        const token = randomBytes(16).toString('hex');
        tokens.set(token, { uses: 0, first: issued === 0 });
        issued++;
        return { status: 200, body: { access_token: token, token_type: 'bearer', expires_in: 359999, scope: 'default' } };
      }
      const auth = headers.authorization ?? '';
      const token = tokens.get(auth.replace(/^Bearer /, ''));
      if (!auth.startsWith('Bearer ') || !token) return { status: 401, body: { error: 'invalid_token', error_description: 'Invalid access token' } };
      token.uses++;
      if (token.first && s.expireTokenAfter !== undefined && token.uses > s.expireTokenAfter) {
        return { status: 401, body: { error: 'invalid_token', error_description: 'Access token expired' } };
      }
      if (s.rateLimitOncePath === bare && rateLimited < (s.rateLimitTimes ?? 1)) {
        rateLimited++;
        return { status: 429, headers: { 'retry-after': String(s.retryAfter ?? 0) }, body: { message: 'Too many requests' } };
      }
      if (s.forbiddenPath && bare.startsWith(s.forbiddenPath)) return { status: 403, body: { message: 'Access denied: insufficient permissions' } };
      if (bare === '/api/v2/account/sites') {
        return page(bare, url, 'sites', s.sites.map((site, i) => ({ id: i + 1, uid: site.uid, name: site.name, accountUid: 'acc1', onDemand: false })));
      }
      if (bare === '/api/v2/filter/custom-filters') {
        const filters = [{ id: 7000, name: 'Servers only', type: 'custom' }];
        if (s.notBillable) filters.push({ id: NOT_BILLABLE_FILTER_ID, name: '_NotBillable_', type: 'custom' });
        return page(bare, url, 'filters', filters);
      }
      if (bare === '/api/v2/account/devices') {
        const filterId = url.searchParams.get('filterId');
        const all = s.devices.map((d, i) => ({ id: i + 1, hostname: d.hostname ?? `HOST-${i + 1}`, suspended: false, deleted: false, ...d }));
        if (filterId === null) return page(bare, url, 'devices', all);
        if (Number(filterId) === NOT_BILLABLE_FILTER_ID) return page(bare, url, 'devices', all.filter((d) => s.notBillable?.includes(d.uid)));
        if (Number(filterId) === 7000) return page(bare, url, 'devices', all.filter((d) => d.deviceType?.category === 'Server'));
        return { status: 404, body: { message: 'Filter not found' } };
      }
      return { status: 404, body: { message: `no ${bare}` } };
    },
  };
}

/** Starts the fake Datto RMM on 127.0.0.1 (random port). */
export function startFakeDattoRmm(): Promise<FakeServer> {
  return startFakeVendor(rmmScenario);
}
