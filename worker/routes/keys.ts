import { createRoute, z } from '@hono/zod-openapi';
import { keyAnswer, keyList, keyRequest } from '../../shared/schema/api.ts';
import { requireAdmin } from '../auth/middleware.ts';
import { ApiFailure, invalid } from '../errors.ts';
import { tenantModules } from '../store/modules.ts';
import { createToken, listTokens, revokeToken } from '../store/tokens.ts';
import { bearer, errors, router } from './common.ts';
import { edgeNow } from '../clock.ts';

const create = createRoute({
  method: 'post', path: '/v1/keys', security: bearer, middleware: [requireAdmin] as const,
  summary: 'Create a module upload key ({ module }) or another admin token ({ admin: true }); the token is shown only here',
  request: { body: { required: true, content: { 'application/json': { schema: keyRequest } } } },
  responses: { 201: { description: 'created', content: { 'application/json': { schema: keyAnswer } } }, ...errors(400, 401, 403, 413, 415) },
});

const list = createRoute({
  method: 'get', path: '/v1/keys', security: bearer, middleware: [requireAdmin] as const,
  summary: 'The tenant\'s tokens and keys, without secrets',
  responses: { 200: { description: 'the keys', content: { 'application/json': { schema: keyList } } }, ...errors(401, 403) },
});

const revoke = createRoute({
  method: 'delete', path: '/v1/keys/{id}', security: bearer, middleware: [requireAdmin] as const,
  summary: 'Revoke a key or admin token (not the one making the request)',
  request: { params: z.object({ id: z.string() }) },
  responses: { 204: { description: 'revoked' }, ...errors(401, 403, 404, 409) },
});

export const keyRoutes = router()
  .openapi(create, async (c) => {
    const body = c.req.valid('json');
    const tenantId = c.get('caller').tenantId;
    const module = body.module ?? null;
    if (module !== null && !(await tenantModules(c.env.DB, tenantId)).has(module)) throw invalid([{ path: 'module', message: `unknown module "${module}"` }]);
    const { id, token } = await createToken(c.env.DB, tenantId, module, body.label, new Date(edgeNow(c.env)).toISOString());
    return c.json({ id, token, kind: module === null ? 'admin' as const : 'module' as const, module }, 201);
  })
  .openapi(list, async (c) => c.json({ keys: await listTokens(c.env.DB, c.get('caller').tenantId) }, 200))
  .openapi(revoke, async (c) => {
    const caller = c.get('caller');
    const id = c.req.valid('param').id;
    if (id === caller.tokenId) throw new ApiFailure('conflict', 'a token cannot revoke itself; use another admin token');
    if (!await revokeToken(c.env.DB, caller.tenantId, id, new Date(edgeNow(c.env)).toISOString())) throw new ApiFailure('not_found', 'no such key');
    return c.body(null, 204);
  });
