// The Cron Trigger's handler: every tenant's connectors store the UTC day that just ended,
// and one failing connector does not stop the others.
import { env } from 'cloudflare:workers';
import { expect, inject, it } from 'vitest';
import worker from '../../worker/index.ts';
import { edgeToday } from '../../worker/clock.ts';
import { addDays } from '../../shared/dates/day.ts';
import { addScenario } from '../support/fake-vendor-client.ts';
import { callJson, newTenant } from './support/edge.ts';
import { EXPECTED_ORGS, rmmAccount } from './support/rmm-account.ts';

it('a scheduled run stores yesterday for every connected tenant and records a failing one', async () => {
  const working = await newTenant('Working MSP');
  const refused = await newTenant('Refused MSP');
  const account = rmmAccount();
  const good = await addScenario(inject('fakeRmmUrl'), account);
  const bad = await addScenario(inject('fakeRmmUrl'), rmmAccount({ forbiddenPath: '/api/v2/account/sites' }));
  await callJson('PUT', '/v1/connectors/datto-rmm', { token: refused.adminToken, json: { apiUrl: bad.apiUrl, apiKey: account.apiKey, apiSecret: account.apiSecret } });
  await callJson('PUT', '/v1/connectors/datto-rmm', { token: working.adminToken, json: { apiUrl: good.apiUrl, apiKey: account.apiKey, apiSecret: account.apiSecret } });

  await worker.scheduled({ scheduledTime: Date.now(), cron: '10 0 * * *', noRetry: () => undefined }, env);

  const yesterday = addDays(edgeToday(env), -1);
  const pulled = await callJson<{ uploads: unknown[] }>('GET', '/v1/uploads', { token: working.adminToken });
  expect(pulled.body.uploads).toEqual([{ module: 'datto-rmm', date: yesterday, orgs: EXPECTED_ORGS }]);
  const failed = await callJson<{ connectors: { lastRun: { date: string; status: string; error: string } }[] }>('GET', '/v1/connectors', { token: refused.adminToken });
  expect(failed.body.connectors[0]?.lastRun).toMatchObject({ date: yesterday, status: 'failed' });
  expect(failed.body.connectors[0]?.lastRun.error).toContain('403 Forbidden');
});
