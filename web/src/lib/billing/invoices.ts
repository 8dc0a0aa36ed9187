// Invoices as the Invoices screens read them from IndexedDB.
import type { TrueupDb } from '../db/database.ts';
import type { SharedInvoiceRow } from './shares.ts';

export interface InvoiceEntry {
  row: SharedInvoiceRow;
  account: string;
}

/** One invoice with its account's name, or null. */
export async function invoiceEntry(db: TrueupDb, id: string): Promise<InvoiceEntry | null> {
  const row = await db.invoices.get(id);
  if (!row || row.deleted === true) return null;
  const account = await db.accounts.get(row.accountId);
  return { row, account: account?.name ?? row.accountName ?? row.accountId };
}

/** Starts a download of text as a file. */
export function download(name: string, text: string, type: string): void {
  downloadBlob(name, new Blob([text], { type }));
}

/** Starts a download of a file (a Blob the engine worker wrote is saved without reading it). */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
