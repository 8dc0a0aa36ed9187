import { createRoute, z } from '@hono/zod-openapi';
import { uploadsPullQuery, uploadAnswer, uploadPull } from '../../shared/schema/api.ts';
import { CSV_COLUMNS } from '../../shared/schema/csv.ts';
import { formatPath, listIssues, type Issue } from '../../shared/schema/issues.ts';
import type { ModuleDef } from '../../shared/schema/module.ts';
import { moduleId } from '../../shared/schema/primitives.ts';
import { upload, uploadCatalogIssues, uploadSchema, type Upload } from '../../shared/schema/upload.ts';
import { rmmDeviceArray, rmmDevicePage } from '../../shared/rmm/device.ts';
import { rmmUpload, DATTO_RMM } from '../../shared/rmm/upload.ts';
import { csvToUploadsPaced } from '../../shared/uploads/csv.ts';
import { assertMayUpload, requireAdmin } from '../auth/middleware.ts';
import { edgeToday } from '../clock.ts';
import type { Caller, Env } from '../env.ts';
import { ApiFailure, invalid, invalidZod } from '../errors.ts';
import { tenantModules } from '../store/modules.ts';
import { pullUploads, putUploads } from '../store/uploads.ts';
import { bearer, errors, router } from './common.ts';
import { readJson, requireMediaType } from './body.ts';
import { edgeNow } from '../clock.ts';

/** Lets other requests run before the next slice of a long task. */
const yieldTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const answer = { 200: { description: 'stored (or unchanged: the same upload again)', content: { 'application/json': { schema: uploadAnswer } } } };

const postUpload = createRoute({
  method: 'post', path: '/v1/uploads', security: bearer,
  summary: 'One module-day (JSON), or a CSV of rows for one module (?module=); replaces each module-day whole',
  request: {
    query: z.object({ module: moduleId.optional() }),
    body: {
      required: false,
      content: {
        'application/json': { schema: upload },
        'text/csv': { schema: z.string().openapi({ description: `header ${CSV_COLUMNS.join(',')}; one row per org, billing type and day` }) },
      },
    },
  },
  responses: { ...answer, ...errors(400, 401, 403, 413, 415) },
});

const postDevices = createRoute({
  method: 'post', path: '/v1/modules/datto-rmm/devices', security: bearer,
  summary: 'A Datto RMM device list (docs/billing-rules.md#datto-rmm-devices) → the day\'s datto-rmm upload',
  request: {
    query: z.object({ date: upload.shape.date }),
    body: { required: true, content: { 'application/json': { schema: z.union([rmmDeviceArray, rmmDevicePage]) } } },
  },
  responses: { ...answer, ...errors(400, 401, 403, 413, 415) },
});

const getUploads = createRoute({
  method: 'get', path: '/v1/uploads', security: bearer,
  summary: 'Module-days stored or replaced after the cursor, oldest first, each once in its latest version; from, before and until narrow it to days and a cursor',
  request: { query: uploadsPullQuery },
  responses: { 200: { description: 'a page', content: { 'application/json': { schema: uploadPull } } }, ...errors(400, 401, 403) },
});

async function store(c: { env: Env }, caller: Caller, uploads: Upload[]) {
  return { uploads: await putUploads(c.env.DB, caller.tenantId, uploads, new Date(edgeNow(c.env)).toISOString()) };
}

// What the catalog check reads of a body that failed its schema (module and metric names,
// org positions kept), so one answer lists the unknown module or billing types along with
// every other problem; the check itself is the shared one.
const catalogPart = z.object({
  module: z.string(),
  orgs: z.array(z.object({ metrics: z.record(z.string(), z.unknown()).catch({}) }).catch({ metrics: {} })).catch([]),
});

/** Catalog problems of an upload, by path (the shared rule, uploadCatalogIssues). */
function catalogIssues(u: z.infer<typeof catalogPart>, modules: ReadonlyMap<string, ModuleDef>): Issue[] {
  return uploadCatalogIssues(u, modules).map((i) => ({ path: formatPath(i.path), message: i.message }));
}

// Uploads are validated by hand with the same schemas the route declares, so that one
// answer lists schema problems and catalog problems (unknown module or billing type)
// together; the route is registered for the OpenAPI document as declared above.
export const uploadRoutes = router();
uploadRoutes.openAPIRegistry.registerPath(postUpload);
uploadRoutes.post('/v1/uploads', async (c) => {
  const caller = c.get('caller');
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json' && type !== 'text/csv') throw new ApiFailure('unsupported_media_type', 'send application/json, or text/csv with ?module=');
  const query = postUpload.request.query.safeParse(c.req.query());
  if (!query.success) throw invalidZod(query.error);
  const module = query.data.module;
  if (type === 'text/csv') {
    if (!module) throw invalid([{ path: 'module', message: 'a CSV upload needs ?module=<module id>' }]);
    assertMayUpload(caller, module);
    const modules = await tenantModules(c.env.DB, caller.tenantId);
    // A large CSV is read in slices with a turn of the event loop between them, so other
    // tenants' requests are answered meanwhile (see the noisy-neighbour bench).
    const uploads = await csvToUploadsPaced(await c.req.text(), module, yieldTurn, modules, edgeToday(c.env));
    return c.json(await store(c, caller, uploads), 200);
  }
  const raw = await readJson(c);
  const parsed = uploadSchema(edgeToday(c.env)).safeParse(raw);
  const modules = await tenantModules(c.env.DB, caller.tenantId);
  if (!parsed.success) {
    const issues = listIssues(parsed.error);
    const part = catalogPart.safeParse(raw);
    const extras = part.success ? catalogIssues(part.data, modules) : [];
    for (const extra of extras) if (!issues.some((i) => i.path === extra.path)) issues.push(extra);
    throw invalid(issues);
  }
  const body = parsed.data;
  const issues = catalogIssues(body, modules);
  if (module && module !== body.module) issues.push({ path: 'module', message: `the body is for ${body.module} but ?module= says ${module}` });
  if (issues.length > 0) throw invalid(issues);
  assertMayUpload(caller, body.module);
  return c.json(await store(c, caller, [body]), 200);
});

// The device list is validated by rmmUpload, which lists problems by device path;
// the route is registered for the OpenAPI document with the same device schemas.
uploadRoutes.openAPIRegistry.registerPath(postDevices);
uploadRoutes.post('/v1/modules/datto-rmm/devices', requireMediaType('application/json'), async (c) => {
  const caller = c.get('caller');
  assertMayUpload(caller, DATTO_RMM);
  const devices = await readJson(c);
  const date = c.req.query('date');
  if (date === undefined) throw invalid([{ path: 'date', message: 'a device list needs ?date=YYYY-MM-DD' }]);
  return c.json(await store(c, caller, [rmmUpload(devices, date, edgeToday(c.env))]), 200);
});

// The pull answer is spliced from stored JSON parts (never re-parsed), so it is
// served as text; the route is registered for the document with its answer schema.
uploadRoutes.openAPIRegistry.registerPath(getUploads);
uploadRoutes.get('/v1/uploads', requireAdmin, async (c) => {
  const query = uploadsPullQuery.safeParse(c.req.query());
  if (!query.success) throw invalidZod(query.error);
  const { since, limit, from, before, until } = query.data;
  const text = await pullUploads(c.env.DB, c.get('caller').tenantId, Number(since ?? 0), limit ?? 100, { from, before, until: until === undefined ? undefined : Number(until) });
  return c.body(text, 200, { 'content-type': 'application/json; charset=utf-8' });
});
