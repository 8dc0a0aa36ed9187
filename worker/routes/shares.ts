import { createRoute, z } from '@hono/zod-openapi';
import { amountUnits } from '../../shared/money/amount.ts';
import { shareAnswer, shareRequest } from '../../shared/schema/api.ts';
import type { Invoice } from '../../shared/schema/invoice.ts';
import type { Issue } from '../../shared/schema/issues.ts';
import { requireAdmin } from '../auth/middleware.ts';
import { edgeNow } from '../clock.ts';
import { ApiFailure, invalid } from '../errors.ts';
import { invoicePage } from '../share/page.ts';
import { createShare, findShare, revokeShare } from '../store/shares.ts';
import { bearer, errors, router } from './common.ts';
import { D1_VALUE_BYTES, utf8Length } from '../store/d1-limits.ts';

const PREVIEW_DAYS = 30;
const DAY_MS = 86_400_000;

const publish = createRoute({
  method: 'post', path: '/v1/shares', security: bearer, middleware: [requireAdmin] as const,
  summary: 'Publish a frozen invoice document (a draft is a preview, expiring after 30 days by default); the token in the link is shown once',
  request: { body: { required: true, content: { 'application/json': { schema: shareRequest } } } },
  responses: { 201: { description: 'published', content: { 'application/json': { schema: shareAnswer } } }, ...errors(400, 401, 403, 413, 415) },
});

const revoke = createRoute({
  method: 'delete', path: '/v1/shares/{id}', security: bearer, middleware: [requireAdmin] as const,
  summary: 'Revoke a share: its link answers 404 from now on',
  request: { params: z.object({ id: z.string() }) },
  responses: { 204: { description: 'revoked' }, ...errors(401, 403, 404) },
});

const view = createRoute({
  method: 'get', path: '/s/{token}', summary: 'The shared invoice as a printable HTML page, marked VOID once its void has synced (404 once revoked or expired)',
  request: { params: z.object({ token: z.string() }) },
  responses: { 200: { description: 'the page', content: { 'text/html': { schema: z.string() } } }, 404: { description: 'unknown, revoked or expired' } },
});

/** Amounts must fit the invoice's currency, or the page could not add them up. */
function amountIssues(invoice: Invoice): Issue[] {
  const currency = invoice.currency ?? 'USD';
  const issues: Issue[] = [];
  const check = (text: string, path: string) => {
    try {
      amountUnits(text, currency);
    } catch {
      issues.push({ path, message: `"${text}" has more decimals than ${currency} allows` });
    }
  };
  check(invoice.total, 'invoice.total');
  invoice.lines.forEach((line, i) => check(line.amount, `invoice.lines[${i}].amount`));
  return issues;
}

export const shareRoutes = router()
  .openapi(publish, async (c) => {
    const { invoice, expiresAt } = c.req.valid('json');
    const now = edgeNow(c.env);
    const issues = amountIssues(invoice);
    if (expiresAt !== undefined && Date.parse(expiresAt) <= now) issues.push({ path: 'expiresAt', message: 'must be in the future' });
    if (issues.length > 0) throw invalid(issues);
    // The frozen invoice is one D1 value: refuse what D1 could not store rather than fail on it.
    if (utf8Length(JSON.stringify(invoice)) > D1_VALUE_BYTES - 64 * 1024) {
      throw new ApiFailure('payload_too_large', `the invoice is over ${Math.floor((D1_VALUE_BYTES - 64 * 1024) / 1024)} KiB as JSON`, [{ path: 'invoice', message: 'is too large to share' }]);
    }
    // A preview (a pending invoice) is a snapshot that goes stale: it lapses after 30 days unless told otherwise.
    const expiry = expiresAt !== undefined ? new Date(expiresAt).toISOString()
      : invoice.status === 'draft' ? new Date(now + PREVIEW_DAYS * DAY_MS).toISOString() : null;
    const { id, token } = await createShare(c.env.DB, c.get('caller').tenantId, invoice, new Date(now).toISOString(), expiry);
    return c.json({ id, token, url: `${new URL(c.req.url).origin}/s/${token}` }, 201);
  })
  .openapi(revoke, async (c) => {
    if (!await revokeShare(c.env.DB, c.get('caller').tenantId, c.req.valid('param').id, new Date(edgeNow(c.env)).toISOString())) throw new ApiFailure('not_found', 'no such share');
    return c.body(null, 204);
  });

function pageHeaders(nonce: string | null): Record<string, string> {
  const style = nonce ? `'nonce-${nonce}'` : `'none'`;
  // The MSP's logo is embedded as a data: URL (checked by the profile schema); nothing loads from elsewhere.
  const images = nonce ? 'data:' : `'none'`;
  return {
    'content-security-policy': `default-src 'none'; style-src ${style}; img-src ${images}; script-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    'x-robots-tag': 'noindex',
  };
}

export const sharePageRoutes = router().openapi(view, async (c) => {
  const token = c.req.valid('param').token;
  const shared = token.length <= 200 ? await findShare(c.env.DB, token, edgeNow(c.env)) : null;
  if (!shared) return c.html('<!doctype html><title>Not found</title><p>This link is unknown, revoked or expired.</p>', 404, pageHeaders(null));
  const nonce = crypto.randomUUID().replaceAll('-', '');
  // A preview's figures are as of the day it was shared.
  return c.html(invoicePage(shared.invoice, shared.tenantName, nonce, { asOf: shared.createdAt.slice(0, 10) }), 200, pageHeaders(nonce));
});
