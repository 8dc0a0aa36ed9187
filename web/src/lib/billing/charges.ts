// What the charges panels read: an account's charges, each marked posted once a posted
// invoice carries it as a line (then it is part of that invoice and can no longer be deleted).
import type { Charge } from '../../../../shared/schema/workspace.ts';
import type { TrueupDb } from '../db/database.ts';
import { accountCharges } from '../db/billing-records.ts';

export interface ChargeEntry {
  charge: Charge;
  /** The number (or "number pending") of the posted invoice that carries it, or null while pending. */
  postedOn: string | null;
}

/** An account's charges, with where each was posted. */
export async function chargeEntries(db: TrueupDb, accountId: string): Promise<ChargeEntry[]> {
  const [charges, invoices] = await Promise.all([
    accountCharges(db, accountId),
    db.invoices.where('accountId').equals(accountId).toArray(),
  ]);
  const postedOn = new Map<string, string>();
  for (const invoice of invoices) {
    if (invoice.deleted === true || invoice.status !== 'posted') continue;
    for (const line of invoice.lines) if (line.kind === 'charge' && line.chargeId) postedOn.set(line.chargeId, invoice.number ?? 'number pending');
  }
  return charges.map((charge) => ({ charge, postedOn: postedOn.get(charge.id) ?? null }));
}
