import { createRoute } from '@hono/zod-openapi';
import { isCatalogModule } from '../../shared/catalog/lookup.ts';
import { moduleAnswer, moduleList } from '../../shared/schema/api.ts';
import { moduleDef } from '../../shared/schema/module.ts';
import { requireAdmin } from '../auth/middleware.ts';
import { edgeNow } from '../clock.ts';
import { ApiFailure } from '../errors.ts';
import { appendChanges, nextEdgeClock } from '../store/changes.ts';
import { customModules, insertModule, moduleStatuses } from '../store/modules.ts';
import { bearer, errors, router } from './common.ts';

const list = createRoute({
  method: 'get', path: '/v1/modules', security: bearer, middleware: [requireAdmin] as const,
  summary: 'The catalog and the tenant\'s custom modules, each with its last upload day and that day\'s org count',
  responses: { 200: { description: 'the modules', content: { 'application/json': { schema: moduleList } } }, ...errors(401, 403) },
});

const add = createRoute({
  method: 'post', path: '/v1/modules', security: bearer, middleware: [requireAdmin] as const,
  summary: 'Add a custom module; uploads for it are accepted from then on',
  request: { body: { required: true, content: { 'application/json': { schema: moduleDef } } } },
  responses: {
    201: { description: 'added', content: { 'application/json': { schema: moduleAnswer } } },
    ...errors(400, 401, 403, 409, 413, 415),
  },
});

export const moduleRoutes = router()
  .openapi(list, async (c) => c.json({ modules: await moduleStatuses(c.env.DB, c.get('caller').tenantId) }, 200))
  .openapi(add, async (c) => {
    const def = c.req.valid('json');
    const tenantId = c.get('caller').tenantId;
    if (isCatalogModule(def.id) || (await customModules(c.env.DB, tenantId)).some((m) => m.id === def.id)) {
      throw new ApiFailure('conflict', `module "${def.id}" already exists`);
    }
    // Browsers learn custom modules through the change log like any other config.
    const now = edgeNow(c.env);
    const hlc = await nextEdgeClock(c.env.DB, tenantId, [], now);
    const fields = { name: def.name, suite: def.suite, billingTypes: def.billingTypes };
    try {
      await c.env.DB.batch([
        insertModule(c.env.DB, tenantId, def, new Date(now).toISOString()),
        ...await appendChanges(c.env.DB, tenantId, [{ table: 'modules', id: def.id, fields, hlc, origin: 'edge' }]),
        c.env.DB.prepare('UPDATE tenants SET clock = MAX(clock, ?2) WHERE id = ?1').bind(tenantId, hlc),
      ]);
    } catch (error) {
      // Two requests adding the same module at once: the primary key keeps one.
      if (String(error).includes('UNIQUE constraint failed')) throw new ApiFailure('conflict', `module "${def.id}" already exists`);
      throw error;
    }
    return c.json({ module: def }, 201);
  });
