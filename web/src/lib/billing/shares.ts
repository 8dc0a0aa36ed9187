// Shareable previews: a posted invoice is published to the edge as a frozen document and
// opened by anyone with the link (GET /s/<token>); revoking makes the link answer 404.
// The link is kept on the invoice record, so every admin browser can copy or revoke it.
// The calls go through the SPA's one edge client (../sync/edge.ts).
import type { Invoice } from '../../../../shared/schema/invoice.ts';
import type { TrueupDb } from '../db/database.ts';
import type { InvoiceRow } from '../db/rows.ts';
import { recordEdit } from '../db/changes.ts';
import { loadConnection } from '../sync/connection.ts';
import { publishShare, revokeShareAt, type EdgeConnection } from '../sync/edge.ts';
import { appNowIso } from '../app/clock.ts';

export interface ShareInfo {
  id: string;
  url: string;
  sharedAt: string;
}

/** An invoice record with the share link it may carry. */
export type SharedInvoiceRow = InvoiceRow & { share?: ShareInfo | null };

/** The invoice as the share page shows it: frozen lines without their day lists, with the account's name. */
export function shareDocument(row: SharedInvoiceRow, accountName: string): Invoice {
  const { deleted: _deleted, share: _share, ...invoice } = row;
  return { ...invoice, accountName, lines: invoice.lines.map(({ daily: _daily, ...line }) => line) };
}

async function connection(db: TrueupDb): Promise<EdgeConnection> {
  const conn = await loadConnection(db, location.origin);
  if (!conn) throw new Error('Not connected to an edge: enter the edge URL and admin token in Settings to share invoices.');
  return conn;
}

/** Publishes the invoice and records the link on it. */
export async function shareInvoice(db: TrueupDb, row: SharedInvoiceRow, accountName: string): Promise<ShareInfo> {
  const answer = await publishShare(await connection(db), shareDocument(row, accountName));
  const share: ShareInfo = { id: answer.id, url: answer.url, sharedAt: appNowIso() };
  await recordEdit(db, { table: 'invoices', id: row.id, fields: { share: { ...share } } });
  return share;
}

/** Revokes the invoice's link (already gone at the edge counts as revoked). */
export async function revokeShare(db: TrueupDb, row: SharedInvoiceRow): Promise<void> {
  if (!row.share) return;
  await revokeShareAt(await connection(db), row.share.id);
  await recordEdit(db, { table: 'invoices', id: row.id, fields: { share: null } });
}
