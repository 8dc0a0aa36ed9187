import { createRoute, z } from '@hono/zod-openapi';
import {
  connectorList, connectorRunAnswer, connectorRunQuery, connectorSettingsRequest, connectorTestAnswer, type ConnectorInfo,
} from '../../shared/schema/connectors.ts';
import { addDays } from '../../shared/dates/day.ts';
import { listIssues } from '../../shared/schema/issues.ts';
import { moduleId } from '../../shared/schema/primitives.ts';
import { requireAdmin } from '../auth/middleware.ts';
import { edgeNow, edgeToday } from '../clock.ts';
import { baseUrl } from '../connectors/connector.ts';
import { connectorKey, open, seal } from '../connectors/crypto.ts';
import { DEFAULT_RETRY, realWait } from '../connectors/http.ts';
import { hostProblem } from '../connectors/hosts.ts';
import { parseCredentials, requireConnector, runConnector, sealContext } from '../connectors/run.ts';
import { nextRunAt } from '../connectors/schedule.ts';
import { deleteConnector, findConnector, listConnectors, saveConnector } from '../connectors/store.ts';
import { VendorError } from '../connectors/vendor-error.ts';
import { ApiFailure, invalid } from '../errors.ts';
import { readJson, requireMediaType } from './body.ts';
import { bearer, errors, router } from './common.ts';

const params = z.object({ module: moduleId });
const savedAnswer = z.object({ connector: z.object({ module: moduleId, settings: z.object({ apiUrl: z.string() }) }) });

const list = createRoute({
  method: 'get', path: '/v1/connectors', security: bearer, middleware: [requireAdmin] as const,
  summary: 'The tenant\'s connectors, each with its last run and next scheduled run; never their credentials',
  responses: { 200: { description: 'the connectors', content: { 'application/json': { schema: connectorList } } }, ...errors(401, 403) },
});

const put = createRoute({
  method: 'put', path: '/v1/connectors/{module}', security: bearer, middleware: [requireAdmin] as const,
  summary: 'Set or replace a connector\'s settings and credentials (write-only); only the vendor\'s hosts are accepted',
  request: { params, body: { required: true, content: { 'application/json': { schema: connectorSettingsRequest } } } },
  responses: { 200: { description: 'saved', content: { 'application/json': { schema: savedAnswer } } }, ...errors(400, 401, 403, 404, 413, 415) },
});

const remove = createRoute({
  method: 'delete', path: '/v1/connectors/{module}', security: bearer, middleware: [requireAdmin] as const,
  summary: 'Remove a connector, its credentials and its run record',
  request: { params },
  responses: { 204: { description: 'removed' }, ...errors(401, 403, 404) },
});

const run = createRoute({
  method: 'post', path: '/v1/connectors/{module}/run', security: bearer, middleware: [requireAdmin] as const,
  summary: 'Run a connector now for a day (default the edge\'s today): the day\'s upload, stored like POST /v1/uploads',
  request: { params, query: connectorRunQuery },
  responses: {
    200: { description: 'stored, or unchanged when the vendor reads the same as the stored day', content: { 'application/json': { schema: connectorRunAnswer } } },
    ...errors(400, 401, 403, 404),
    502: { description: 'the vendor refused, failed or answered something unusable; the run is recorded with the reason', content: { 'application/json': { schema: z.object({ error: z.object({ code: z.string(), message: z.string() }) }) } } },
  },
});

const test = createRoute({
  method: 'post', path: '/v1/connectors/{module}/test', security: bearer, middleware: [requireAdmin] as const,
  summary: 'Sign in to the vendor and read one page, storing nothing; fields left out are taken from the saved connector',
  request: { params, body: { required: false, content: { 'application/json': { schema: connectorSettingsRequest } } } },
  responses: { 200: { description: 'what the vendor answered, in plain words', content: { 'application/json': { schema: connectorTestAnswer } } }, ...errors(400, 401, 403, 404, 413, 415) },
});

/** The settings of a request, completed from the saved connector and checked against the vendor's hosts. */
async function resolveSettings(
  env: { CONNECTOR_KEY?: string; CONNECTOR_ALLOW_HOSTS?: string; DB: D1Database },
  tenantId: string, module: string, raw: unknown,
): Promise<{ apiUrl: string; apiKey: string; apiSecret: string }> {
  const connector = requireConnector(module);
  const parsed = connectorSettingsRequest.safeParse(raw ?? {});
  if (!parsed.success) throw invalid(listIssues(parsed.error));
  const body = parsed.data;
  const saved = await findConnector(env.DB, tenantId, module);
  const key = await connectorKey(env);
  const savedCredentials = saved ? parseCredentials(await open(key, saved.credentials, sealContext(tenantId, module, 'credentials'))) : null;
  const apiUrl = body.apiUrl ?? saved?.api_url ?? connector.defaultApiUrl;
  const issues: { path: string; message: string }[] = [];
  if (!apiUrl) issues.push({ path: 'apiUrl', message: 'is required, e.g. https://concord-api.centrastage.net' });
  else {
    const problem = hostProblem(apiUrl, connector.hosts, env.CONNECTOR_ALLOW_HOSTS);
    if (problem) issues.push({ path: 'apiUrl', message: problem });
  }
  const apiKey = body.apiKey ?? savedCredentials?.apiKey;
  const apiSecret = body.apiSecret ?? savedCredentials?.apiSecret;
  if (!apiKey) issues.push({ path: 'apiKey', message: 'is required' });
  if (!apiSecret) issues.push({ path: 'apiSecret', message: 'is required' });
  if (issues.length > 0 || !apiUrl || !apiKey || !apiSecret) throw invalid(issues, 'the connector settings are invalid');
  return { apiUrl: baseUrl(apiUrl), apiKey, apiSecret };
}

// PUT and test validate their bodies by hand (to complete them from the saved connector);
// both are registered for the OpenAPI document with the same schema.
export const connectorRoutes = router()
  .openapi(list, async (c) => {
    const now = edgeNow(c.env);
    const rows = await listConnectors(c.env.DB, c.get('caller').tenantId);
    const connectors: ConnectorInfo[] = rows.map((r) => ({ module: r.module, settings: { apiUrl: r.apiUrl }, lastRun: r.lastRun, nextRunAt: nextRunAt(now) }));
    return c.json({ connectors }, 200);
  })
  .openapi(remove, async (c) => {
    const { module } = c.req.valid('param');
    if (!await deleteConnector(c.env.DB, c.get('caller').tenantId, module)) throw new ApiFailure('not_found', `the ${module} connector is not set up`);
    return c.body(null, 204);
  })
  .openapi(run, async (c) => {
    const { module } = c.req.valid('param');
    const today = edgeToday(c.env);
    const date = c.req.valid('query').date ?? today;
    // The same day limits as every upload: not before 2000, not more than 2 days ahead.
    if (date < '2000-01-01' || date > addDays(today, 2)) throw invalid([{ path: 'date', message: `must be from 2000-01-01 to ${addDays(today, 2)} (the edge's today is ${today})` }]);
    const stored = await runConnector(c.env, c.get('caller').tenantId, module, date, { trigger: 'manual' });
    return c.json({ upload: { module: stored.module, date: stored.date, orgCount: stored.orgs }, status: stored.status }, 200);
  });

connectorRoutes.openAPIRegistry.registerPath(put);
connectorRoutes.put('/v1/connectors/:module', requireAdmin, requireMediaType('application/json'), async (c) => {
  const module = c.req.param('module');
  const tenantId = c.get('caller').tenantId;
  requireConnector(module);
  const settings = await resolveSettings(c.env, tenantId, module, await readJson(c));
  const key = await connectorKey(c.env);
  const credentials = await seal(key, JSON.stringify({ apiKey: settings.apiKey, apiSecret: settings.apiSecret }), sealContext(tenantId, module, 'credentials'));
  await saveConnector(c.env.DB, { tenant_id: tenantId, module, api_url: settings.apiUrl, credentials }, new Date(edgeNow(c.env)).toISOString());
  return c.json({ connector: { module, settings: { apiUrl: settings.apiUrl } } }, 200);
});

connectorRoutes.openAPIRegistry.registerPath(test);
connectorRoutes.post('/v1/connectors/:module/test', requireAdmin, async (c) => {
  const module = c.req.param('module');
  const connector = requireConnector(module);
  // The body is optional: an empty one tests the saved settings.
  const text = await c.req.text();
  let raw: unknown = {};
  if (text.trim() !== '') {
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') throw new ApiFailure('unsupported_media_type', 'send application/json');
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw invalid([{ path: '(root)', message: `malformed JSON: ${(error as Error).message}` }]);
    }
  }
  const settings = await resolveSettings(c.env, c.get('caller').tenantId, module, raw);
  try {
    const { message } = await connector.test({ ...settings, token: null, wait: realWait, retry: { ...DEFAULT_RETRY, attempts: 3, maxWaitMs: 10_000 } });
    return c.json({ ok: true, message }, 200);
  } catch (error) {
    if (error instanceof VendorError) return c.json({ ok: false, message: error.message }, 200);
    throw error;
  }
});
