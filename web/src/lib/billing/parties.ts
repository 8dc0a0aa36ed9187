// The parties as they are now (the profile in Settings, each account's billing details):
// what a pending invoice shows and what older posted invoices without frozen parties fall back to.
import type { Profile } from '../../../../shared/schema/parties.ts';
import { profile as profileSchema } from '../../../../shared/schema/parties.ts';
import type { Account } from '../../../../shared/schema/workspace.ts';
import type { TrueupDb } from '../db/database.ts';
import { SETTINGS_ID } from '../db/rows.ts';

/** The profile as the settings hold it (its export settings included), when there is one. */
export async function currentProfile(db: TrueupDb): Promise<Profile | undefined> {
  const row = await db.settings.get(SETTINGS_ID) as { profile?: unknown } | undefined;
  const parsed = profileSchema.safeParse(row?.profile);
  return parsed.success ? parsed.data : undefined;
}

/** Accounts with their billing details (older posted invoices without a frozen party read them). */
export async function currentAccounts(db: TrueupDb): Promise<Account[]> {
  return (await db.accounts.toArray()).filter((a) => a.deleted !== true).map(({ deleted: _deleted, ...a }) => a);
}
