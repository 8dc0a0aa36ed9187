// Recording confirmed corrections of posted months: each is the charge the engine prepared
// (`corrects` = the period), stored through the change log. A charge already stored as it is
// is not written again, so confirming the same preview twice records nothing new.
import type { Charge } from '../../../../shared/schema/workspace.ts';
import type { TrueupDb } from '../db/database.ts';
import { saveCharges } from '../db/billing-records.ts';

/** Stores the corrections' charges that are not stored already; returns how many were new. */
export async function recordCorrections(db: TrueupDb, corrections: readonly { charge: Charge }[]): Promise<number> {
  const charges = corrections.map((c) => c.charge);
  const stored = await db.charges.bulkGet(charges.map((c) => c.id));
  const fresh = charges.filter((charge, i) => {
    const row = stored[i];
    if (!row || row.deleted === true) return true;
    const { id: _id, deleted: _deleted, ...fields } = row;
    const { id: _cid, ...wanted } = charge;
    return JSON.stringify(sorted(fields)) !== JSON.stringify(sorted(wanted));
  });
  await saveCharges(db, fresh);
  return fresh.length;
}

function sorted(record: object): [string, unknown][] {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
}
