// A fake Datto partner portal API (HTTP Basic public key : secret key) in the shapes the
// public clients read: /v1/bcdr/device paged by _page/_perPage as { pagination, items },
// /v1/saas/domains as a list of customers with seatsUsed.
import { startFakeVendor, type FakeServer, type ScenarioHandler } from './fake-vendor.ts';

export interface FakeBcdrDevice {
  serialNumber: string;
  name: string;
  clientCompanyName: string;
  organizationId?: number;
  agentCount: number;
  hidden?: boolean;
}

export interface FakeSaasDomain {
  saasCustomerId: number;
  saasCustomerName: string;
  domain: string;
  seatsUsed: number;
  productType?: string;
}

export interface PortalScenario {
  publicKey: string;
  secretKey: string;
  devices: FakeBcdrDevice[];
  domains: FakeSaasDomain[];
  /** The server's own page size cap; small values force many pages. */
  pageSize?: number;
  /** The first request for this path (without query) answers 429. */
  rateLimitOncePath?: string;
}

function portalScenario(input: unknown): ScenarioHandler {
  const s = input as PortalScenario;
  const expected = `Basic ${Buffer.from(`${s.publicKey}:${s.secretKey}`).toString('base64')}`;
  let rateLimited = false;
  return {
    handle({ path, url, headers }) {
      const bare = path.split('?')[0] ?? '';
      if (headers.authorization !== expected) return { status: 401, body: { message: 'Invalid credentials' } };
      if (s.rateLimitOncePath === bare && !rateLimited) {
        rateLimited = true;
        return { status: 429, headers: { 'retry-after': '0' }, body: { message: 'Too many requests' } };
      }
      if (bare === '/v1/bcdr/device') {
        const perPage = Math.min(Number(url.searchParams.get('_perPage') ?? 100) || 100, s.pageSize ?? 100);
        const page = Number(url.searchParams.get('_page') ?? 1) || 1;
        const items = s.devices.slice((page - 1) * perPage, page * perPage).map((d) => ({ model: 'S4P', servicePlan: 'Infinite', ...d }));
        return { status: 200, body: { pagination: { page, perPage, totalPages: Math.ceil(s.devices.length / perPage), count: s.devices.length }, items } };
      }
      if (bare === '/v1/saas/domains') return { status: 200, body: s.domains.map((d) => ({ productType: 'Office365', retentionType: 'TBR', ...d })) };
      return { status: 404, body: { message: `no ${bare}` } };
    },
  };
}

/** Starts the fake Datto partner portal on 127.0.0.1 (random port). */
export function startFakeDattoPortal(): Promise<FakeServer> {
  return startFakeVendor(portalScenario);
}
