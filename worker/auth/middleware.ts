import { createMiddleware } from 'hono/factory';
import type { AppEnv, Caller } from '../env.ts';
import { ApiFailure } from '../errors.ts';
import { findCaller } from '../store/tokens.ts';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** Every /v1 route but health and the OpenAPI document needs a live token. */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization');
  if (!header) throw new ApiFailure('unauthorized', 'missing token: send Authorization: Bearer <token>');
  const match = BEARER.exec(header);
  const token = match?.[1];
  if (!token || token.length > 200) throw new ApiFailure('unauthorized', 'bad token');
  const caller = await findCaller(c.env.DB, token);
  if (!caller) throw new ApiFailure('unauthorized', 'bad or revoked token');
  c.set('caller', caller);
  await next();
});

/** Admin-only routes: a module key may only upload. */
export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  if (c.get('caller').kind !== 'admin') throw new ApiFailure('forbidden', 'this route needs an admin token; a module key may only upload');
  await next();
});

/** Whether the caller may upload for the module (docs/billing-rules.md#edge-api): its admin, or the module's own key. */
export function assertMayUpload(caller: Caller, module: string): void {
  if (caller.kind === 'admin' || caller.module === module) return;
  throw new ApiFailure('forbidden', `this key uploads for ${caller.module ?? 'no module'} only, not for ${module}`);
}
