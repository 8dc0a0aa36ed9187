// The browser's copy of a tenant: one Dexie database. Versions are only ever appended;
// an existing version block is never edited, so every browser can upgrade from any
// earlier copy without losing what it holds.
import { Dexie, type EntityTable, type Table } from 'dexie';
import type {
  AccountRow, ChargeRow, ClockRow, ContractRow, EnabledModuleRow, InvoiceRow, MetaRow, ModuleRow,
  NotSyncedRow, OrgMappingRow, OrgRow, OutboxRow, SettingsRow, UsageModuleRow, UsageDayRow, InvoiceDailyRow,
} from './rows.ts';
import { upgradeToCompactUsage } from './upgrade-v3.ts';

export class TrueupDb extends Dexie {
  declare accounts: EntityTable<AccountRow, 'id'>;
  declare orgMappings: EntityTable<OrgMappingRow, 'id'>;
  declare contracts: EntityTable<ContractRow, 'id'>;
  declare enabledModules: EntityTable<EnabledModuleRow, 'id'>;
  declare modules: EntityTable<ModuleRow, 'id'>;
  declare invoices: EntityTable<InvoiceRow, 'id'>;
  declare settings: EntityTable<SettingsRow, 'id'>;
  declare charges: EntityTable<ChargeRow, 'id'>;
  declare orgs: Table<OrgRow, [string, string]>;
  declare outbox: EntityTable<OutboxRow, 'seq'>;
  declare notSynced: EntityTable<NotSyncedRow, 'seq'>;
  declare clocks: Table<ClockRow, [string, string]>;
  declare meta: EntityTable<MetaRow, 'key'>;
  declare usageModules: Table<UsageModuleRow, string>;
  declare usageDays: Table<UsageDayRow, [string, string]>;
  declare invoiceDaily: EntityTable<InvoiceDailyRow, 'id'>;

  constructor(name = 'trueup') {
    super(name);
    this.version(1).stores({
      accounts: 'id, name',
      orgMappings: 'id, module, accountId',
      contracts: 'id, accountId',
      enabledModules: 'id',
      modules: 'id',
      invoices: 'id, accountId, period, status',
      settings: 'id',
      uploads: '[module+date], module, date',
      orgs: '[module+orgId], module',
      outbox: '++seq',
      clocks: '[table+id]',
      meta: 'key',
    });
    // Changes the edge refused, set aside from the outbox (see client.ts pushOutbox); charges
    // and credits (one-off invoice lines). The MSP profile and an account's billing details
    // are fields of existing records, so they need no table and no data migration.
    this.version(2).stores({ notSynced: '++seq', charges: 'id, accountId, period' });
    // The compact usage store (docs/usage-store.md) replaces the JSON uploads; clocks carry
    // the data version of each config write (indexed, so the engine worker reads only what
    // changed); an invoice's frozen daily quantities move beside it.
    this.version(3).stores({
      usageModules: 'module',
      usageDays: '[module+date], module, seq',
      invoiceDaily: 'id',
      clocks: '[table+id], seq',
    }).upgrade(upgradeToCompactUsage);
    this.version(4).stores({ uploads: null });
  }
}

let shared: TrueupDb | undefined;

/** The app's database (one per browser profile and origin). */
export function appDb(): TrueupDb {
  shared ??= new TrueupDb();
  return shared;
}
