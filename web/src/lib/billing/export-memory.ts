// What this browser has exported, per format: one meta record per exported invoice
// number (or reversal) and format, so "not yet exported" is the default next time and an
// invoice voided after its export goes out once as a reversal.
import type { ExportFormat } from '../../../../shared/export/export.ts';
import type { ExportedSoFar } from '../../../../shared/export/pending.ts';
import type { Invoice } from '../../../../shared/schema/invoice.ts';
import type { TrueupDb } from '../db/database.ts';

const PREFIX = 'exported:';

/** What is remembered of an exported invoice: its id and number. */
export type ExportedRef = Pick<Invoice, 'id' | 'number'>;

/** The record key of an exported invoice (or its reversal) in a format. */
function key(format: ExportFormat, kind: 'invoice' | 'reversal', number: string): string {
  return `${PREFIX}${format}:${kind}:${number}`;
}

/** What the format has received so far in this browser. */
export async function exportedSoFar(db: TrueupDb, format: ExportFormat): Promise<ExportedSoFar> {
  const rows = await db.meta.where('key').startsWith(`${PREFIX}${format}:`).primaryKeys();
  const invoices = new Set<string>();
  const reversals = new Set<string>();
  for (const k of rows) {
    const [, , kind, number] = k.split(':');
    if (!number) continue;
    (kind === 'reversal' ? reversals : invoices).add(k.slice(`${PREFIX}${format}:${kind}:`.length));
  }
  return { invoices, reversals };
}

/** Remembers a download: its invoices and reversals, by number, with the time it was made. */
export async function rememberExport(db: TrueupDb, format: ExportFormat, written: { invoices: readonly ExportedRef[]; reversals: readonly ExportedRef[] }, at: string): Promise<void> {
  const rows = [
    ...written.invoices.flatMap((i) => (i.number === null ? [] : [{ key: key(format, 'invoice', i.number), value: { invoiceId: i.id ?? null, exportedAt: at } }])),
    ...written.reversals.flatMap((i) => (i.number === null ? [] : [{ key: key(format, 'reversal', i.number), value: { invoiceId: i.id ?? null, exportedAt: at } }])),
  ];
  await db.meta.bulkPut(rows);
}

/** Invoice numbers some format received and has not received the reversal of: voided ones owe accounting a credit note. */
export async function reversalsOwed(db: TrueupDb): Promise<Set<string>> {
  const owed = new Set<string>();
  for (const format of ['xero', 'qbo', 'lines'] as const) {
    const { invoices, reversals } = await exportedSoFar(db, format);
    for (const number of invoices) if (!reversals.has(number)) owed.add(number);
  }
  return owed;
}
