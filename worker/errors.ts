import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { listIssues, ValidationError, type Issue } from '../shared/schema/issues.ts';
import type { ApiError } from '../shared/schema/api.ts';

type Code = ApiError['error']['code'];

const STATUS: Record<Code, ContentfulStatusCode> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  internal: 500,
  bad_gateway: 502,
};

/** An error answer (docs/billing-rules.md#edge-api); throw it from anywhere in a request. */
export class ApiFailure extends Error {
  readonly code: Code;
  readonly issues: Issue[] | undefined;
  constructor(code: Code, message: string, issues?: Issue[]) {
    super(message);
    this.name = 'ApiFailure';
    this.code = code;
    this.issues = issues;
  }
}

/** The answer for invalid input listing every problem. */
export function invalid(issues: Issue[], message = 'the request is invalid'): ApiFailure {
  return new ApiFailure('invalid', `${message}: ${issues.length} problem${issues.length === 1 ? '' : 's'}`, issues);
}

/** A zod failure as an invalid-input answer. */
export function invalidZod(error: ZodError): ApiFailure {
  return invalid(listIssues(error));
}

/** Writes an ApiFailure as JSON with its status. */
export function failureResponse(c: Context, failure: ApiFailure): Response {
  const body: ApiError = { error: { code: failure.code, message: failure.message, ...(failure.issues ? { issues: failure.issues } : {}) } };
  return c.json(body, STATUS[failure.code]);
}

function fromHttpException(error: HTTPException): ApiFailure {
  if (error.status === 400) return invalid([{ path: '(root)', message: error.message || 'malformed request body' }]);
  if (error.status === 401) return new ApiFailure('unauthorized', error.message || 'missing or bad token');
  if (error.status === 413) return new ApiFailure('payload_too_large', 'the body is over the 5 MiB limit');
  if (error.status === 415) return new ApiFailure('unsupported_media_type', error.message || 'unsupported content type');
  if (error.status === 404) return new ApiFailure('not_found', 'not found');
  return new ApiFailure('internal', error.message);
}

/** The app's onError: every failure becomes the one error JSON shape (docs/billing-rules.md#edge-api). */
export function handleError(error: unknown, c: Context): Response {
  if (error instanceof ApiFailure) return failureResponse(c, error);
  if (error instanceof ValidationError) return failureResponse(c, invalid(error.issues));
  if (error instanceof HTTPException) return failureResponse(c, fromHttpException(error));
  console.error('unexpected error', error);
  return failureResponse(c, new ApiFailure('internal', 'internal error'));
}
