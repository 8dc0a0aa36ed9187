// The Datto partner portal connectors end to end against the fake portal: BCDR devices
// and agents per client, SaaS Protection seats per customer.
import { describe, expect, inject, it } from 'vitest';
import { addScenario, scenarioLog } from '../support/fake-vendor-client.ts';
import type { PortalScenario } from '../support/fake-datto-portal.ts';
import { callJson, newTenant, type Tenant } from './support/edge.ts';

const DAY = '2026-10-14';

const PORTAL: PortalScenario = {
  publicKey: 'pub-8f3k', secretKey: 'sec-Hh27dQ',
  devices: [
    { serialNumber: 'S1', name: 'brass-siris', clientCompanyName: 'Brass Building Supplies', organizationId: 501, agentCount: 6 },
    { serialNumber: 'S2', name: 'brass-alto', clientCompanyName: 'Brass Building Supplies', organizationId: 501, agentCount: 2 },
    { serialNumber: 'S3', name: 'cobalt-siris', clientCompanyName: 'Cobalt Dental', organizationId: 502, agentCount: 4 },
  ],
  domains: [
    { saasCustomerId: 9001, saasCustomerName: 'Brass Building Supplies', domain: 'brass.example', seatsUsed: 42 },
    { saasCustomerId: 9002, saasCustomerName: 'Cobalt Dental', domain: 'cobalt.example', seatsUsed: 17 },
  ],
  pageSize: 2,
  rateLimitOncePath: '/v1/bcdr/device',
};

async function connect(tenant: Tenant, module: string) {
  const { id, apiUrl } = await addScenario(inject('fakePortalUrl'), PORTAL);
  const saved = await callJson('PUT', `/v1/connectors/${module}`, { token: tenant.adminToken, json: { apiUrl: `${apiUrl}/v1`, apiKey: PORTAL.publicKey, apiSecret: PORTAL.secretKey } });
  expect(saved.status).toBe(200);
  return id;
}

async function day(tenant: Tenant, module: string) {
  const { body } = await callJson<{ uploads: { module: string; date: string }[] }>('GET', '/v1/uploads', { token: tenant.adminToken });
  return body.uploads.find((u) => u.module === module && u.date === DAY);
}

describe('the Datto portal connectors', () => {
  it('count BCDR devices and their agents per client organization, over pages, after a 429', async () => {
    const tenant = await newTenant();
    const id = await connect(tenant, 'datto-bcdr');
    const run = await callJson('POST', `/v1/connectors/datto-bcdr/run?date=${DAY}`, { token: tenant.adminToken });
    expect(run).toEqual({ status: 200, body: { upload: { module: 'datto-bcdr', date: DAY, orgCount: 2 }, status: 'stored' } });
    expect(await day(tenant, 'datto-bcdr')).toEqual({
      module: 'datto-bcdr', date: DAY,
      orgs: [
        { orgId: '501', name: 'Brass Building Supplies', metrics: { BcdrDevices: 2, BcdrAgents: 8 } },
        { orgId: '502', name: 'Cobalt Dental', metrics: { BcdrDevices: 1, BcdrAgents: 4 } },
      ],
    });
    const log = await scenarioLog(inject('fakePortalUrl'), id);
    expect(log.map((r) => [r.path, r.auth, r.status])).toEqual([
      ['/v1/bcdr/device?_page=1&_perPage=100', 'basic pub-8f3k', 429],
      ['/v1/bcdr/device?_page=1&_perPage=100', 'basic pub-8f3k', 200],
      ['/v1/bcdr/device?_page=2&_perPage=100', 'basic pub-8f3k', 200],
    ]);
  });

  it('bill SaaS Protection by the seats each customer uses', async () => {
    const tenant = await newTenant();
    await connect(tenant, 'datto-saas-protection');
    const run = await callJson('POST', `/v1/connectors/datto-saas-protection/run?date=${DAY}`, { token: tenant.adminToken });
    expect(run.status).toBe(200);
    expect(await day(tenant, 'datto-saas-protection')).toEqual({
      module: 'datto-saas-protection', date: DAY,
      orgs: [
        { orgId: '9001', name: 'Brass Building Supplies', metrics: { BillableUsers: 42 } },
        { orgId: '9002', name: 'Cobalt Dental', metrics: { BillableUsers: 17 } },
      ],
    });
  });

  it('take only api.datto.com (or an allowed test host)', async () => {
    const tenant = await newTenant();
    const refused = await callJson('PUT', '/v1/connectors/datto-bcdr', { token: tenant.adminToken, json: { apiUrl: 'https://concord-api.centrastage.net', apiKey: 'a', apiSecret: 'b' } });
    expect(refused.status).toBe(400);
    const vendor = await callJson('PUT', '/v1/connectors/datto-bcdr', { token: tenant.adminToken, json: { apiKey: 'a', apiSecret: 'b' } });
    expect(vendor).toEqual({ status: 200, body: { connector: { module: 'datto-bcdr', settings: { apiUrl: 'https://api.datto.com/v1' } } } });
  });
});
