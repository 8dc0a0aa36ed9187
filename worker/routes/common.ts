import { OpenAPIHono } from '@hono/zod-openapi';
import { apiError } from '../../shared/schema/api.ts';
import type { AppEnv } from '../env.ts';
import { failureResponse, invalidZod } from '../errors.ts';

/** A router whose validation failures answer 400 with every problem by path. */
export function router(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return failureResponse(c, invalidZod(result.error));
      return undefined;
    },
  });
}

const errorContent = { 'application/json': { schema: apiError } };

/** The error answers a route may give, for the OpenAPI document. */
export function errors(...statuses: (400 | 401 | 403 | 404 | 409 | 413 | 415)[]) {
  const text: Record<number, string> = {
    400: 'invalid input: every problem listed by path', 401: 'no or bad token', 403: 'the token may not do this',
    404: 'not found', 409: 'conflict', 413: 'body over 5 MiB', 415: 'wrong content type',
  };
  return Object.fromEntries(statuses.map((s) => [s, { description: text[s] ?? 'error', content: errorContent }]));
}

/** Routes that need a token declare it for the OpenAPI document. */
export const bearer = [{ bearer: [] }];
