import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import { ApiFailure, invalid } from '../errors.ts';

/** Answers 415 unless the body is of the media type. */
export function requireMediaType(mediaType: string) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== mediaType) throw new ApiFailure('unsupported_media_type', `send ${mediaType}`);
    await next();
  });
}

/** The JSON body, or a 400 naming what is malformed. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalid([{ path: '(root)', message: `malformed JSON: ${(error as Error).message}` }]);
  }
}
