import { createRoute, z } from '@hono/zod-openapi';
import { router } from './common.ts';
import { edgeNow } from '../clock.ts';

const health = createRoute({
  method: 'get', path: '/v1/health', summary: 'Liveness: the worker answers and its database is migrated',
  responses: { 200: { description: 'healthy', content: { 'application/json': { schema: z.object({ ok: z.literal(true), time: z.string() }) } } } },
});

export const healthRoutes = router().openapi(health, async (c) => {
  await c.env.DB.prepare('SELECT 1 FROM tenants LIMIT 1').first();
  return c.json({ ok: true as const, time: new Date(edgeNow(c.env)).toISOString() }, 200);
});
