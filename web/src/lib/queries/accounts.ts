// Accounts as the screens list them.
import type { TrueupDb } from '../db/database.ts';
import type { AccountRow } from '../db/rows.ts';

/** Live (not deleted) accounts sorted by name. */
export async function liveAccounts(db: TrueupDb): Promise<AccountRow[]> {
  const rows = await db.accounts.toArray();
  return rows.filter((a) => a.deleted !== true).sort((a, b) => a.name.localeCompare(b.name));
}
