// Reading a vendor's API: bounded retries on 429 and on server or network failures, a
// stop on 403, errors in plain words that never carry credentials.
import { VendorError } from './vendor-error.ts';

/** How a connector waits; a parameter so a run's pauses are the vendor's to decide (Retry-After). */
export type Wait = (ms: number) => Promise<void>;

export const realWait: Wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RetryPolicy {
  /** Tries of one request in all, the first included. */
  attempts: number;
  /** The first pause without Retry-After; doubled each time. */
  baseMs: number;
  /** No single pause is longer, whatever Retry-After says. */
  maxWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseMs: 1000, maxWaitMs: 60_000 };

export interface VendorCall {
  /** The vendor's name in messages, e.g. "Datto RMM". */
  vendor: string;
  /** Texts that must never appear in a message (the credentials). */
  secrets: readonly string[];
  wait: Wait;
  retry: RetryPolicy;
  /** Counts every request that got an answer, for the run record. */
  onRequest?: () => void;
}

/** The pause Retry-After asks for (seconds or an HTTP date), or null. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null || header.trim() === '') return null;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** A message without any secret in it. */
export function scrub(message: string, secrets: readonly string[]): string {
  let out = message;
  for (const s of secrets) if (s.length >= 3) out = out.split(s).join('***');
  return out;
}

/** The vendor's own explanation from an error body, short, if it gave one. */
async function vendorReason(response: Response): Promise<string> {
  let text = '';
  try {
    text = (await response.text()).slice(0, 2000);
  } catch {
    return '';
  }
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null) {
      for (const key of ['error_description', 'message', 'error', 'detail', 'title']) {
        const value = (body as Record<string, unknown>)[key];
        if (typeof value === 'string' && value.trim()) return value.trim().slice(0, 200);
      }
    }
  } catch {
    // not JSON: a short plain text is still the vendor's words
  }
  return /^[^<]{1,200}$/.test(text.trim()) ? text.trim() : '';
}

function describePath(url: string): string {
  const parsed = new URL(url);
  return parsed.pathname;
}

/**
 * Sends a request, retrying 429 (after Retry-After, else backoff), 5xx and network
 * failures a bounded number of times. Answers the response of any other status for
 * the caller to judge (401 renews a token, 403 stops).
 */
export async function send(call: VendorCall, url: string, init: RequestInit): Promise<Response> {
  let lastProblem = '';
  for (let attempt = 1; attempt <= call.retry.attempts; attempt++) {
    let response: Response | null = null;
    try {
      response = await fetch(url, { ...init, redirect: 'manual' });
    } catch (error) {
      lastProblem = `could not reach ${new URL(url).host} (${error instanceof Error ? error.message : String(error)})`;
    }
    if (response) {
      call.onRequest?.();
      if (response.status !== 429 && response.status < 500) return response;
      lastProblem = response.status === 429
        ? `${call.vendor} kept answering 429 Too Many Requests`
        : `${call.vendor} answered ${response.status} (a server error)`;
      const pause = response.status === 429 ? retryAfterMs(response.headers.get('retry-after'), Date.now()) : null;
      await response.body?.cancel();
      if (attempt === call.retry.attempts) break;
      await call.wait(Math.min(pause ?? call.retry.baseMs * 2 ** (attempt - 1), call.retry.maxWaitMs));
      continue;
    }
    if (attempt === call.retry.attempts) break;
    await call.wait(Math.min(call.retry.baseMs * 2 ** (attempt - 1), call.retry.maxWaitMs));
  }
  throw new VendorError(scrub(`${lastProblem} for ${describePath(url)} after ${call.retry.attempts} tries; the run stopped and the next sync tries again`, call.secrets));
}

/**
 * The error for an answer the caller cannot use (403 and any other non-success); `as`
 * reads the status as another (a token endpoint's 400 invalid_grant is a refused login).
 */
export async function failure(call: VendorCall, url: string, response: Response, as?: number): Promise<VendorError> {
  const reason = await vendorReason(response);
  const why = reason ? `: "${reason}"` : '';
  const path = describePath(url);
  const status = as ?? response.status;
  let message: string;
  if (status === 401) message = `${call.vendor} refused the API key and secret (401 Unauthorized)${why}. Check them, or make new ones in ${call.vendor}.`;
  else if (status === 403) message = `${call.vendor} answered 403 Forbidden for ${path}: the API user may not read this${reason ? ` ("${reason}")` : ''}. Give it read access (or enable API access), then sync again.`;
  else if (status === 404) message = `${call.vendor} has no ${path} (404)${why}: check the API URL.`;
  else if (status >= 300 && status < 400) message = `${call.vendor} redirected ${path} (${status}): check the API URL.`;
  else message = `${call.vendor} answered ${status} for ${path}${why}.`;
  return new VendorError(scrub(message, call.secrets), status);
}

/** The JSON body of a successful answer, or a plain-words error. */
export async function readJson(call: VendorCall, url: string, response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    throw new VendorError(`${call.vendor} answered ${describePath(url)} with something that is not JSON: check the API URL.`);
  }
}
