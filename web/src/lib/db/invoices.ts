// Posted invoices are stored without their frozen daily quantities, which live in
// invoiceDaily by invoice id: lists and the engine worker read the small rows; the few
// screens that show days read the whole invoice here.
// The days are stored packed (shared/invoice/packed-days.ts); a change may bring them packed
// already (the edge's snapshot sends them so) or as the list.
import type { DailyQuantity, InvoiceLine, StoredDays } from '../../../../shared/schema/invoice.ts';
import { packDays, unpackDays } from '../../../../shared/invoice/packed-days.ts';
import { isPackedDays } from '../../../../shared/sync/tie-text.ts';
import type { TrueupDb } from './database.ts';
import type { InvoiceDailyRow, InvoiceRow } from './rows.ts';

type Lines = InvoiceRow['lines'];

/** The days a line keeps apart from its row: a list, or packed days; anything else stays on the line as it came. */
function storedDays(line: unknown): StoredDays | undefined {
  if (line === null || typeof line !== 'object') return undefined;
  const daily = (line as { daily?: unknown }).daily;
  if (Array.isArray(daily)) return packDays(daily as DailyQuantity[]);
  return isPackedDays(daily) ? daily : undefined;
}

/** An invoice's lines without their day lists, and the lists by line position (null when no line has any). */
export function splitDaily(id: string, lines: Lines): { lines: Lines; daily: InvoiceDailyRow | null } {
  let any = false;
  const days = lines.map((line) => {
    const stored = storedDays(line);
    if (stored === undefined) return null;
    any = true;
    return stored;
  });
  if (!any) return { lines, daily: null };
  const bare = lines.map((line, i) => {
    if (days[i] === null) return line;
    const { daily: _daily, ...rest } = line as InvoiceLine & { daily?: unknown };
    return rest as typeof line;
  });
  return { lines: bare, daily: { id, lines: days } };
}

/** The row with its day lists put back. */
export function joinDaily(row: InvoiceRow, daily: InvoiceDailyRow | undefined): InvoiceRow {
  if (!daily) return row;
  return { ...row, lines: row.lines.map((line, i) => {
    const days = daily.lines[i];
    return days === null || days === undefined ? line : { ...line, daily: unpackDays(days) };
  }) as Lines };
}

/** The whole stored invoice (with its lines' daily quantities), or undefined. */
export async function loadInvoice(db: TrueupDb, id: string): Promise<InvoiceRow | undefined> {
  const [invoice] = await loadInvoices(db, [id]);
  return invoice;
}

/** Whole stored invoices by id, in the same order (undefined where none is stored). */
export async function loadInvoices(db: TrueupDb, ids: readonly string[]): Promise<(InvoiceRow | undefined)[]> {
  return db.transaction('r', [db.invoices, db.invoiceDaily], async () => {
    const rows = await db.invoices.bulkGet([...ids]);
    const daily = await db.invoiceDaily.bulkGet([...ids]);
    return rows.map((row, i) => (row ? joinDaily(row, daily[i]) : undefined));
  });
}
