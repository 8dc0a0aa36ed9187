// The data version: a number in meta bumped by every write to config tables, invoices and
// usage, in the write's own transaction, and stamped on the rows it wrote (clocks.seq,
// usageDays.seq, usageModules.seq). A page sends it with each engine call; the engine
// worker reads only rows stamped after the version it last read.
import type { TrueupDb } from './database.ts';
import { getMeta, setMeta } from './meta.ts';

/** The next data version, stored; call inside a transaction that includes meta. */
export async function bumpDataVersion(db: TrueupDb): Promise<number> {
  const next = ((await getMeta(db, 'dataVersion')) ?? 0) + 1;
  await setMeta(db, 'dataVersion', next);
  return next;
}

/** The current data version (0 before the first write). */
export async function dataVersion(db: TrueupDb): Promise<number> {
  return (await getMeta(db, 'dataVersion')) ?? 0;
}
