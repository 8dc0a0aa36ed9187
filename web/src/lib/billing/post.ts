// Approve & Post and Void as local edits: the engine worker freezes the invoices, they are
// stored through the change log (outbox) in one transaction, and the edge gives each its
// number when the post syncs; until then the invoice shows "number pending"
// (docs/billing-rules.md#posting). The rules themselves live in shared/posting.
import type { Invoice } from '../../../../shared/schema/invoice.ts';
import { recordFields } from '../../../../shared/sync/record-fields.ts';
import { voidFields } from '../../../../shared/posting/void.ts';
import type { TrueupDb } from '../db/database.ts';
import { recordEdit, recordEdits } from '../db/changes.ts';
import { postInWorker, type LiveInputs } from '../engine/engine.svelte.ts';
import { appNowIso, appToday } from '../app/clock.ts';
import { getMeta } from '../db/meta.ts';
import { postingRefusal } from './period.ts';

export interface PostResult {
  posted: Invoice[];
  refused: { accountId: string; reason: string }[];
}

/** Posts the accounts' invoices for a period; refuses the whole request before the posting window opens. */
export async function approveAndPost(db: TrueupDb, inputs: LiveInputs, period: string, accountIds: string[], asOf = appToday()): Promise<PostResult> {
  const refusal = postingRefusal(period, asOf);
  if (refusal) return { posted: [], refused: accountIds.map((accountId) => ({ accountId, reason: refusal })) };
  // The uploads this browser had pulled when it posted: a later upload of a posted day is found by its cursor.
  const usageCursor = (await getMeta(db, 'uploadsCursor')) ?? null;
  const outcome = await postInWorker(inputs, { period, accountIds, postedAt: appNowIso(), usageCursor, asOf });
  await recordEdits(db, outcome.posted.map((invoice) => ({ table: 'invoices' as const, id: invoice.id ?? '', fields: recordFields(invoice) })));
  return outcome;
}

/** Voids a posted invoice: its lines return to pending, its number is never reused. */
export async function voidPosted(db: TrueupDb, invoiceId: string): Promise<void> {
  const invoice = await db.invoices.get(invoiceId);
  if (!invoice) throw new Error(`invoice ${invoiceId} is not in this browser`);
  await recordEdit(db, { table: 'invoices', id: invoiceId, fields: voidFields(invoice, appNowIso()) });
}
