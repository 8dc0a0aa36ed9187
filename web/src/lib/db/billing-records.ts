// Writes of the invoice's parties and one-off charges, all through the change log so they
// sync like any edit. Callers validate first (shared/forms); these only store what is valid.
import { recordFields } from '../../../../shared/sync/record-fields.ts';
import type { Json } from '../../../../shared/sync/merge.ts';
import type { AccountBilling, Charge, Profile } from '../../../../shared/schema/workspace.ts';
import type { TrueupDb } from './database.ts';
import { recordEdit, recordEdits } from './changes.ts';
import { SETTINGS_ID } from './rows.ts';

const json = (value: object): Json => JSON.parse(JSON.stringify(value)) as Json;

/** Replaces the MSP profile (one field of the settings record: the last save wins whole). */
export async function saveProfile(db: TrueupDb, profile: Profile): Promise<void> {
  await recordEdit(db, { table: 'settings', id: SETTINGS_ID, fields: { profile: json(profile) } });
}

/** Replaces an account's billing details. */
export async function saveAccountBilling(db: TrueupDb, accountId: string, billing: AccountBilling): Promise<void> {
  await recordEdit(db, { table: 'accounts', id: accountId, fields: { billing: json(billing) } });
}

/** Stores charges (new or changed), in one transaction. */
export async function saveCharges(db: TrueupDb, charges: readonly Charge[]): Promise<void> {
  await recordEdits(db, charges.map((charge) => ({ table: 'charges' as const, id: charge.id, fields: recordFields(charge) })));
}

/** Deletes a pending charge (a tombstone, so the delete syncs). */
export async function deleteCharge(db: TrueupDb, chargeId: string): Promise<void> {
  await recordEdit(db, { table: 'charges', id: chargeId, fields: { deleted: true } });
}

/** The live charges of an account, oldest period first. */
export async function accountCharges(db: TrueupDb, accountId: string): Promise<Charge[]> {
  const rows = await db.charges.where('accountId').equals(accountId).toArray();
  return rows.filter((r) => r.deleted !== true)
    .map(({ deleted: _deleted, ...charge }) => charge)
    .sort((a, b) => a.period.localeCompare(b.period) || a.description.localeCompare(b.description));
}
