// Posted invoices are stored without their frozen daily quantities, which live in
// invoiceDaily by invoice id: lists and the engine worker read the small rows; the few
// screens that show days read the whole invoice here.
import type { DailyQuantity, InvoiceLine } from '../../../../shared/schema/invoice.ts';
import { addDays } from '../../../../shared/dates/day.ts';
import type { TrueupDb } from './database.ts';
import type { InvoiceDailyRow, InvoiceRow, PackedDays, StoredDays } from './rows.ts';

type Lines = InvoiceRow['lines'];

const KEYS = 'date,quantity,carried,estimated';

/**
 * A line's days as stored: packed when they are consecutive and plain (the usual case), so
 * a posted line's month is one date and a list of quantities instead of 31 objects that
 * each repeat four keys — a tenth of the bytes IndexedDB writes on a first sync. Anything
 * else is kept as it came, so unpacking always gives back exactly what was stored.
 */
export function packDays(days: DailyQuantity[]): StoredDays {
  const first = days[0];
  if (first === undefined) return days;
  const packed: PackedDays = { from: first.date, quantities: [] };
  let expected = first.date;
  for (let i = 0; i < days.length; i++) {
    const day = days[i] as DailyQuantity;
    if (day.date !== expected || typeof day.quantity !== 'string' || typeof day.carried !== 'boolean' || typeof day.estimated !== 'boolean' || Object.keys(day).join(',') !== KEYS) return days;
    packed.quantities.push(day.quantity);
    if (day.carried) (packed.carried ??= []).push(i);
    if (day.estimated) (packed.estimated ??= []).push(i);
    expected = addDays(expected, 1);
  }
  return packed;
}

/** The days of a stored line, as they were before packDays. */
export function unpackDays(stored: StoredDays): DailyQuantity[] {
  if (Array.isArray(stored)) return stored;
  const carried = new Set(stored.carried);
  const estimated = new Set(stored.estimated);
  let date = stored.from;
  return stored.quantities.map((quantity, i) => {
    const day = { date, quantity, carried: carried.has(i), estimated: estimated.has(i) };
    date = addDays(date, 1);
    return day;
  });
}

/** An invoice's lines without their day lists, and the lists by line position (null when no line has any). */
export function splitDaily(id: string, lines: Lines): { lines: Lines; daily: InvoiceDailyRow | null } {
  let any = false;
  const days = lines.map((line) => {
    const daily = (line as InvoiceLine & { daily?: unknown }).daily;
    if (daily === undefined) return null;
    any = true;
    return Array.isArray(daily) ? packDays(daily as DailyQuantity[]) : (daily as StoredDays);
  });
  if (!any) return { lines, daily: null };
  const bare = lines.map((line) => {
    if ((line as { daily?: unknown }).daily === undefined) return line;
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
