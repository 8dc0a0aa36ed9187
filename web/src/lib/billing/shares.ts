// Shareable previews: a posted invoice is published to the edge as a frozen document and
// opened by anyone with the link (GET /s/<token>); revoking makes the link answer 404.
// The link is kept on the invoice record, so every admin browser can copy or revoke it.
import { z } from 'zod';
import type { Invoice } from '../../../../shared/schema/invoice.ts';
import type { TrueupDb } from '../db/database.ts';
import type { InvoiceRow } from '../db/rows.ts';
import { recordEdit } from '../db/changes.ts';
import { loadConnection } from '../sync/connection.ts';

export interface ShareInfo {
  id: string;
  url: string;
  sharedAt: string;
}

/** An invoice record with the share link it may carry. */
export type SharedInvoiceRow = InvoiceRow & { share?: ShareInfo | null };

const shareAnswer = z.object({ id: z.string(), token: z.string(), url: z.string() });
const errorAnswer = z.object({ error: z.object({ message: z.string() }) });

/** The invoice as the share page shows it: frozen lines without their day lists, with the account's name. */
export function shareDocument(row: SharedInvoiceRow, accountName: string): Invoice {
  const { deleted: _deleted, share: _share, ...invoice } = row;
  return { ...invoice, accountName, lines: invoice.lines.map(({ daily: _daily, ...line }) => line) };
}

async function edgeCall(db: TrueupDb, path: string, init: RequestInit): Promise<Response> {
  const connection = await loadConnection(db, location.origin);
  if (!connection) throw new Error('Not connected to an edge: enter the edge URL and admin token in Settings to share invoices.');
  let response: Response;
  try {
    response = await fetch(`${connection.baseUrl}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${connection.token}`, 'content-type': 'application/json', accept: 'application/json' },
    });
  } catch {
    throw new Error(`Can't reach the edge at ${connection.baseUrl}: sharing needs a connection. Try again when online.`);
  }
  if (!response.ok && response.status !== 404) {
    const body = errorAnswer.safeParse(await response.json().catch(() => null));
    throw new Error(`The edge refused (${response.status})${body.success ? `: ${body.data.error.message}` : ''}.`);
  }
  return response;
}

/** Publishes the invoice and records the link on it. */
export async function shareInvoice(db: TrueupDb, row: SharedInvoiceRow, accountName: string): Promise<ShareInfo> {
  const response = await edgeCall(db, '/v1/shares', { method: 'POST', body: JSON.stringify({ invoice: shareDocument(row, accountName) }) });
  if (response.status === 404) throw new Error('This edge does not offer sharing (404).');
  const answer = shareAnswer.parse(await response.json());
  const share: ShareInfo = { id: answer.id, url: answer.url, sharedAt: new Date().toISOString() };
  await recordEdit(db, { table: 'invoices', id: row.id, fields: { share: { ...share } } });
  return share;
}

/** Revokes the invoice's link (already gone at the edge counts as revoked). */
export async function revokeShare(db: TrueupDb, row: SharedInvoiceRow): Promise<void> {
  if (!row.share) return;
  await edgeCall(db, `/v1/shares/${encodeURIComponent(row.share.id)}`, { method: 'DELETE' });
  await recordEdit(db, { table: 'invoices', id: row.id, fields: { share: null } });
}
