// JSON uploads ↔ the compact rows of IndexedDB (usageModules, usageDays): see
// docs/usage-store.md. A module's ModuleUsage serves here only as the index builder.
import type { Upload } from '../../../../shared/schema/upload.ts';
import { ModuleUsage, type DayCells } from '../../../../shared/usage/store.ts';
import type { UsageDayRow, UsageModuleRow } from './rows.ts';

/** A module's indexes as stored (or empty), ready to intern more orgs, types and names. */
export function moduleIndexOf(module: string, row: UsageModuleRow | undefined): ModuleUsage {
  const usage = new ModuleUsage(module);
  if (row) usage.adopt(row.orgIds, row.types, row.names);
  return usage;
}

/** The module row of an index. */
export function moduleRowOf(usage: ModuleUsage, seq: number): UsageModuleRow {
  return { module: usage.module, orgIds: [...usage.orgIds], types: [...usage.types], names: [...usage.names], seq };
}

/** Whether the index holds more than the stored row. */
export function indexGrew(usage: ModuleUsage, row: UsageModuleRow | undefined): boolean {
  return !row || row.orgIds.length !== usage.orgIds.length || row.types.length !== usage.types.length || row.names.length !== usage.names.length;
}

/** One upload as its module-day row (interning into usage). */
export function dayRowOf(usage: ModuleUsage, upload: Upload, cursor: string | undefined, seq: number): UsageDayRow {
  const cells = usage.cellsOf(upload);
  const row: UsageDayRow = { module: upload.module, date: upload.date, seq, ...cells };
  if (cursor !== undefined) row.cursor = cursor;
  return row;
}

/** The cells of a stored row (without its keys). */
export function cellsOfRow(row: UsageDayRow): DayCells {
  const cells: DayCells = { orgs: row.orgs, names: row.names, cellOrg: row.cellOrg, cellType: row.cellType, values: row.values };
  if (row.raws && row.raws.size > 0) cells.raws = row.raws;
  return cells;
}

function sameArray(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** Whether two rows of one module-day hold the same day (a resent unchanged day is not written again). */
export function sameDay(a: UsageDayRow, b: UsageDayRow): boolean {
  if (a.cursor !== b.cursor || !sameArray(a.orgs, b.orgs) || !sameArray(a.names, b.names) || !sameArray(a.cellOrg, b.cellOrg) || !sameArray(a.cellType, b.cellType) || !sameArray(a.values, b.values)) return false;
  const ra = a.raws ?? new Map();
  const rb = b.raws ?? new Map();
  if (ra.size !== rb.size) return false;
  for (const [k, v] of ra) if (!Object.is(rb.get(k), v)) return false;
  return true;
}
