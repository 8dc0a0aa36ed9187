import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { authenticate } from './auth/middleware.ts';
import type { AppEnv } from './env.ts';
import { ApiFailure, failureResponse, handleError } from './errors.ts';
import { changeRoutes } from './routes/changes.ts';
import { connectorRoutes } from './routes/connectors.ts';
import { router } from './routes/common.ts';
import { healthRoutes } from './routes/health.ts';
import { keyRoutes } from './routes/keys.ts';
import { moduleRoutes } from './routes/modules.ts';
import { sharePageRoutes, shareRoutes } from './routes/shares.ts';
import { snapshotRoutes } from './routes/snapshot.ts';
import { uploadRoutes } from './routes/uploads.ts';

/** Request bodies above this answer 413 (docs/billing-rules.md#edge-api). */
export const BODY_LIMIT = 5 * 1024 * 1024;

const PUBLIC = new Set(['/v1/health', '/v1/openapi.json']);

function allowedOrigin(origin: string, configured: string | undefined): boolean {
  const list = (configured ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  return list.includes('*') || list.includes(origin);
}

/** The edge API: one router per resource behind CORS, auth and the body limit. */
export function createApp(): OpenAPIHono<AppEnv> {
  const app = router();
  app.use('/v1/*', cors({
    origin: (origin, c) => (allowedOrigin(origin, (c.env as AppEnv['Bindings']).CORS_ORIGINS) ? origin : null),
    allowHeaders: ['Authorization', 'Content-Type'],
    allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    maxAge: 600,
  }));
  app.use('/v1/*', async (c, next) => (PUBLIC.has(c.req.path) ? next() : authenticate(c, next)));
  app.use('*', bodyLimit({ maxSize: BODY_LIMIT, onError: (c) => failureResponse(c, new ApiFailure('payload_too_large', `the body is over the ${BODY_LIMIT / 1024 / 1024} MiB limit`)) }));

  app.route('/', healthRoutes);
  app.route('/', uploadRoutes);
  app.route('/', moduleRoutes);
  app.route('/', changeRoutes);
  app.route('/', snapshotRoutes);
  app.route('/', shareRoutes);
  app.route('/', keyRoutes);
  app.route('/', connectorRoutes);
  app.route('/', sharePageRoutes);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', description: 'an admin token or a module upload key' });
  app.doc('/v1/openapi.json', (c) => ({
    openapi: '3.0.3',
    info: { title: 'trueup edge API', version: '1', description: 'Usage uploads, config sync and shared invoices of trueup (docs/billing-rules.md#edge-api).' },
    servers: [{ url: new URL(c.req.url).origin }],
  }));

  app.notFound((c) => failureResponse(c, new ApiFailure('not_found', `no route ${c.req.method} ${c.req.path}`)));
  app.onError(handleError);
  return app;
}
