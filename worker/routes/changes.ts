import { createRoute } from '@hono/zod-openapi';
import { changePull, changePushAnswer, pullQuery } from '../../shared/schema/api.ts';
import { change, changeBatch, changeBatchAt } from '../../shared/schema/changes.ts';
import { requireAdmin } from '../auth/middleware.ts';
import { edgeNow } from '../clock.ts';
import { invalidZod } from '../errors.ts';
import { pullChanges, pushChanges } from '../store/changes.ts';
import { readJson, requireMediaType } from './body.ts';
import { bearer, errors, router } from './common.ts';

// Field values are any JSON (z.json(), a recursive schema); naming it lets the
// OpenAPI generator write the recursion as a $ref instead of expanding it forever.
change.shape.fields.out.valueType.openapi('JsonValue', { description: 'any JSON value' });

const push = createRoute({
  method: 'post', path: '/v1/changes', security: bearer, middleware: [requireAdmin] as const,
  summary: 'Push config changes; posted invoices get the next numbers of the tenant\'s gapless sequence',
  description: 'Idempotent: a change already stored (same table, id, clock and value) is kept once; one with the same clock and another value is kept beside it (browsers keep the larger encoding). A change whose clock is more than 5 minutes ahead of the edge, or whose fields nest deeper than 32 levels or weigh over 256 KiB, is refused with its path (changes[i]…), and nothing of the batch is stored. `numbers` maps every invoice this push posts to its number; the edge also appends a change { table: "invoices", id, fields: { number }, origin: "edge" } that every browser pulls.',
  request: { body: { required: true, content: { 'application/json': { schema: changeBatch } } } },
  responses: { 200: { description: 'stored', content: { 'application/json': { schema: changePushAnswer } } }, ...errors(400, 401, 403, 413, 415) },
});

const pull = createRoute({
  method: 'get', path: '/v1/changes', security: bearer, middleware: [requireAdmin] as const,
  summary: 'Everyone\'s config changes after the cursor, in stored order',
  request: { query: pullQuery },
  responses: { 200: { description: 'a page', content: { 'application/json': { schema: changePull } } }, ...errors(400, 401, 403) },
});

// A push is validated by hand against the edge's clock (changes too far ahead are refused),
// with the same change schema the route declares for the OpenAPI document.
export const changeRoutes = router();
changeRoutes.openAPIRegistry.registerPath(push);
changeRoutes.post('/v1/changes', requireAdmin, requireMediaType('application/json'), async (c) => {
  const now = edgeNow(c.env);
  const parsed = changeBatchAt(now).safeParse(await readJson(c));
  if (!parsed.success) throw invalidZod(parsed.error);
  return c.json(await pushChanges(c.env.DB, c.get('caller').tenantId, parsed.data.changes, now), 200);
});
changeRoutes
  .openapi(pull, async (c) => {
    const { since, limit } = c.req.valid('query');
    return c.json(await pullChanges(c.env.DB, c.get('caller').tenantId, Number(since ?? 0), limit ?? 500), 200);
  });
