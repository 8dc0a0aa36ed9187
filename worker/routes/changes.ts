import { createRoute } from '@hono/zod-openapi';
import { changePull, changePushAnswer, pullQuery } from '../../shared/schema/api.ts';
import { change, changeBatch } from '../../shared/schema/changes.ts';
import { requireAdmin } from '../auth/middleware.ts';
import { pullChanges, pushChanges } from '../store/changes.ts';
import { bearer, errors, router } from './common.ts';
import { edgeNow } from '../clock.ts';

// Field values are any JSON (z.json(), a recursive schema); naming it lets the
// OpenAPI generator write the recursion as a $ref instead of expanding it forever.
change.shape.fields.valueType.openapi('JsonValue', { description: 'any JSON value' });

const push = createRoute({
  method: 'post', path: '/v1/changes', security: bearer, middleware: [requireAdmin] as const,
  summary: 'Push config changes; posted invoices get the next numbers of the tenant\'s gapless sequence',
  description: 'Idempotent: a change already stored (same table, id and clock) is kept once. `numbers` maps every invoice this push posts to its number; the edge also appends a change { table: "invoices", id, fields: { number }, origin: "edge" } that every browser pulls.',
  request: { body: { required: true, content: { 'application/json': { schema: changeBatch } } } },
  responses: { 200: { description: 'stored', content: { 'application/json': { schema: changePushAnswer } } }, ...errors(400, 401, 403, 413, 415) },
});

const pull = createRoute({
  method: 'get', path: '/v1/changes', security: bearer, middleware: [requireAdmin] as const,
  summary: 'Everyone\'s config changes after the cursor, in stored order',
  request: { query: pullQuery },
  responses: { 200: { description: 'a page', content: { 'application/json': { schema: changePull } } }, ...errors(400, 401, 403) },
});

export const changeRoutes = router()
  .openapi(push, async (c) => c.json(await pushChanges(c.env.DB, c.get('caller').tenantId, c.req.valid('json').changes, edgeNow(c.env)), 200))
  .openapi(pull, async (c) => {
    const { since, limit } = c.req.valid('query');
    return c.json(await pullChanges(c.env.DB, c.get('caller').tenantId, Number(since ?? 0), limit ?? 500), 200);
  });
