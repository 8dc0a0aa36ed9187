// A browser's merge state, to compare two browsers: every config record, posted invoices'
// frozen days as stored apart (invoiceDaily), and every per-field clock.
import type { TrueupDb } from '../../web/src/lib/db/database.ts';
import { CONFIG_TABLES } from '../../web/src/lib/db/rows.ts';

export async function mergeState(db: TrueupDb) {
  const tables: Record<string, unknown[]> = {};
  for (const table of CONFIG_TABLES) tables[table] = await db.table(table).orderBy('id').toArray();
  tables.invoiceDaily = await db.invoiceDaily.orderBy('id').toArray();
  // `seq` is this browser's local write stamp (which pages wrote a row), not merge state.
  const clocks = (await db.clocks.orderBy(['table', 'id']).toArray()).map(({ table, id, clocks: fields }) => ({ table, id, clocks: fields }));
  return { tables, clocks };
}
