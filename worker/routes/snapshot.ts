import { createRoute } from '@hono/zod-openapi';
import { snapshotPage as snapshotAnswer, snapshotQuery } from '../../shared/schema/api.ts';
import { requireAdmin } from '../auth/middleware.ts';
import { snapshotPage } from '../store/snapshot.ts';
import { bearer, errors, router } from './common.ts';

const get = createRoute({
  method: 'get', path: '/v1/snapshot', security: bearer, middleware: [requireAdmin] as const,
  summary: 'The config change log compacted, for a new browser: per record the winning value of each field with its clock',
  description: 'Pages of `limit` records (default 500, at most 1000) in (table, id) order, as of the change cursor of the first page. '
    + 'Each record comes as changes, one per clock that still wins a field, which merge to exactly the state the whole log merges to '
    + '(deleted records come as their tombstones). The first page also counts the records per table (`totals`) for progress. '
    + 'Pass `after` back for the next page; when `more` is false, continue with GET /v1/changes?since=`cursor`. '
    + 'A browser that already has a change cursor keeps pulling GET /v1/changes.',
  request: { query: snapshotQuery },
  responses: { 200: { description: 'a page', content: { 'application/json': { schema: snapshotAnswer } } }, ...errors(400, 401, 403) },
});

export const snapshotRoutes = router();
snapshotRoutes.openapi(get, async (c) => {
  const { after, limit } = c.req.valid('query');
  return c.json(await snapshotPage(c.env.DB, c.get('caller').tenantId, after, limit ?? 500), 200);
});
