// Schema version 3: the JSON uploads move to the compact usage store (usageModules,
// usageDays) and posted invoices' daily quantities to invoiceDaily. Read a page at a time
// through the upgrade transaction (the old table is dropped by version 4).
import type { Transaction } from 'dexie';
import { Dexie } from 'dexie';
import type { Upload } from '../../../../shared/schema/upload.ts';
import type { ModuleUsage } from '../../../../shared/usage/store.ts';
import type { InvoiceRow, UsageDayRow, UsageModuleRow } from './rows.ts';
import { dayRowOf, moduleIndexOf, moduleRowOf } from './usage-rows.ts';
import { splitDaily } from './invoices.ts';

const PAGE = 200;

export async function upgradeToCompactUsage(tx: Transaction): Promise<void> {
  const seq = 1;
  const indexes = new Map<string, ModuleUsage>();
  let after: [string, string] | null = null;
  for (;;) {
    const table = tx.table<Upload, [string, string]>('uploads');
    const page: Upload[] = after === null
      ? await table.orderBy('[module+date]').limit(PAGE).toArray()
      : await table.where('[module+date]').between(after, [Dexie.maxKey, Dexie.maxKey], false, true).limit(PAGE).toArray();
    if (page.length === 0) break;
    const rows: UsageDayRow[] = page.map((upload) => {
      let index = indexes.get(upload.module);
      if (!index) {
        index = moduleIndexOf(upload.module, undefined);
        indexes.set(upload.module, index);
      }
      return dayRowOf(index, upload, upload.cursor, seq);
    });
    await tx.table<UsageDayRow, [string, string]>('usageDays').bulkPut(rows);
    const last = page[page.length - 1] as Upload;
    after = [last.module, last.date];
    if (page.length < PAGE) break;
  }
  await tx.table<UsageModuleRow, string>('usageModules').bulkPut([...indexes.values()].map((index) => moduleRowOf(index, seq)));
  const invoices = tx.table<InvoiceRow, string>('invoices');
  const daily = tx.table('invoiceDaily');
  await invoices.toCollection().modify((row) => {
    const split = splitDaily(row.id, row.lines);
    if (split.daily === null) return;
    row.lines = split.lines;
    void daily.put(split.daily);
  });
  await tx.table('meta').bulkPut([{ key: 'dataVersion', value: seq }, { key: 'usageVersion', value: seq }]);
}
