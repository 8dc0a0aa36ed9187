// The engine worker's own copy of the tenant, read from IndexedDB by the worker itself:
// the config rows, the compact usage store, and of the invoices only a slim posted index
// (PostedLedger: what the rules read across periods) and the Invoices list's summaries;
// whole invoices are read on demand for the periods a call shows (session.ts). Read whole
// once; after that only the rows stamped with a newer data version (clocks.seq for config
// records and invoices, usageDays.seq for module-days) are read and folded in, so an edit,
// a pulled page of invoices or a module-day never rebuilds everything. See docs/posted-index.md.
import { Dexie } from 'dexie';
import type { Workspace } from '../../../../shared/schema/workspace.ts';
import { UsageStore } from '../../../../shared/usage/store.ts';
import { PostedLedger, type PostedIndex } from '../../../../shared/invoice/posted.ts';
import type { TrueupDb } from '../db/database.ts';
import { configOf, type WorkspaceConfig } from '../db/config.ts';
import { dataVersion } from '../db/data-version.ts';
import { cellsOfRow } from '../db/usage-rows.ts';
import { CONFIG_TABLES, SETTINGS_ID, type ConfigRow, type ConfigRows, type InvoiceRow, type SettingsRow, type UsageDayRow } from '../db/rows.ts';
import { InvoiceSummaries } from './views/invoices.ts';

/** The workspace the engine computes from: the config, usage from the store and posted history from the index (uploads and invoices stay empty). */
export type EngineWorkspace = Workspace & { usage: UsageStore; posted: PostedIndex };

/** The config tables the worker keeps rows of: all but invoices, which it indexes. */
type TableName = Exclude<(typeof CONFIG_TABLES)[number], 'invoices'>;
const KEPT_TABLES = CONFIG_TABLES.filter((t): t is TableName => t !== 'invoices');

const DAYS_PER_READ = 64;
const INVOICES_PER_READ = 500;

export class WorkerData {
  readonly usage = new UsageStore();
  /** The posted index, slim: no whole invoice, no daily quantities. */
  readonly posted = new PostedLedger({ slim: true });
  /** What the Invoices screen lists of every stored invoice. */
  readonly invoiceList = new InvoiceSummaries();
  #db: TrueupDb;
  #read = -1;
  #pending: Promise<void> | null = null;
  #rows = new Map<TableName, Map<string, ConfigRow>>(KEPT_TABLES.map((t) => [t, new Map()]));
  #config: WorkspaceConfig | null = null;
  #workspace: { version: number; ws: EngineWorkspace } | null = null;
  /** What the last reads fetched, for tests and measurements. */
  readonly stats = { configRows: 0, moduleDays: 0, reads: 0, configBuilds: 0 };

  readonly #onRead: (() => void) | undefined;

  /** `onRead`: called after each read of newer data (engine.worker.ts tells the sync worker, see read-signal.ts). */
  constructor(db: TrueupDb, onRead?: () => void) {
    this.#db = db;
    this.#onRead = onRead;
  }

  /** The data version read so far (-1 before the first read). */
  get version(): number {
    return this.#read;
  }

  /** Reads what changed until the data is at least as new as version. */
  async ensure(version: number): Promise<void> {
    if (this.#read >= version && this.#read >= 0) return;
    this.#pending ??= this.#readNewer().finally(() => { this.#pending = null; });
    await this.#pending;
    // A write that landed while the read ran: one more (incremental) read covers it.
    if (this.#read < version) {
      this.#pending ??= this.#readNewer().finally(() => { this.#pending = null; });
      await this.#pending;
    }
  }

  /** The workspace as of the data read (memoized per data version). */
  async workspace(version: number): Promise<EngineWorkspace> {
    await this.ensure(version);
    if (this.#workspace?.version !== this.#read) {
      this.#config ??= this.#buildConfig();
      this.#workspace = { version: this.#read, ws: { ...this.#config, invoices: [], uploads: [], usage: this.usage, posted: this.posted } };
    }
    return this.#workspace.ws;
  }

  #buildConfig(): WorkspaceConfig {
    this.stats.configBuilds++;
    const rows = <T extends TableName>(table: T) => [...(this.#rows.get(table) as Map<string, ConfigRow>).values()] as ConfigRows[T][];
    return configOf({
      settings: (this.#rows.get('settings') as Map<string, ConfigRow>).get(SETTINGS_ID) as SettingsRow | undefined,
      accounts: rows('accounts'), modules: rows('modules'), enabledModules: rows('enabledModules'), orgMappings: rows('orgMappings'),
      contracts: rows('contracts'), invoices: [], charges: rows('charges'),
    });
  }

  async #readNewer(): Promise<void> {
    const db = this.#db;
    await db.transaction('r', [...CONFIG_TABLES.map((t) => db.table(t)), db.clocks, db.usageModules, db.usageDays, db.meta], async () => {
      const version = await dataVersion(db);
      if (version === this.#read) return;
      this.stats.reads++;
      if (this.#read < 0) await this.#readAll();
      else await this.#readSince(this.#read);
      this.#read = version;
    });
    this.#onRead?.();
  }

  async #readAll(): Promise<void> {
    const db = this.#db;
    for (const table of KEPT_TABLES) {
      const map = this.#rows.get(table) as Map<string, ConfigRow>;
      const rows = await db.table<ConfigRow, string>(table).toArray();
      for (const row of rows) map.set(row.id, row);
      this.stats.configRows += rows.length;
    }
    this.#config = null;
    // Invoices a page at a time: each is indexed and let go, never kept whole.
    let after = '';
    for (;;) {
      const rows = await db.invoices.where(':id').above(after).limit(INVOICES_PER_READ).toArray();
      for (const row of rows) this.#putInvoice(row.id, row);
      this.stats.configRows += rows.length;
      if (rows.length < INVOICES_PER_READ) break;
      after = (rows[rows.length - 1] as InvoiceRow).id;
    }
    for (const index of await db.usageModules.toArray()) {
      this.usage.moduleOrNew(index.module).adopt(index.orgIds, index.types, index.names);
      // A module's days in date order, a slice at a time: each is appended to the store.
      let after = '';
      for (;;) {
        const days = await db.usageDays.where('[module+date]').between([index.module, after], [index.module, Dexie.maxKey], false, true).limit(DAYS_PER_READ).toArray();
        for (const day of days) this.#putDay(day);
        if (days.length < DAYS_PER_READ) break;
        after = (days[days.length - 1] as UsageDayRow).date;
      }
    }
  }

  async #readSince(version: number): Promise<void> {
    const db = this.#db;
    const changed = await db.clocks.where('seq').above(version).toArray();
    const byTable = new Map<TableName, string[]>();
    const invoiceIds: string[] = [];
    for (const { table, id } of changed) {
      if (table === 'invoices') invoiceIds.push(id);
      if (!(KEPT_TABLES as readonly string[]).includes(table)) continue;
      const ids = byTable.get(table as TableName) ?? [];
      ids.push(id);
      byTable.set(table as TableName, ids);
    }
    // Only the changed invoices are read again; the config is not rebuilt for them.
    for (let from = 0; from < invoiceIds.length; from += INVOICES_PER_READ) {
      const ids = invoiceIds.slice(from, from + INVOICES_PER_READ);
      const rows = await db.invoices.bulkGet(ids);
      ids.forEach((id, i) => this.#putInvoice(id, rows[i]));
      this.stats.configRows += ids.length;
    }
    for (const [table, ids] of byTable) {
      const rows = await db.table<ConfigRow, string>(table).bulkGet(ids);
      const map = this.#rows.get(table) as Map<string, ConfigRow>;
      ids.forEach((id, i) => {
        const row = rows[i];
        if (row) map.set(id, row);
        else map.delete(id);
      });
      this.stats.configRows += ids.length;
      this.#config = null;
    }
    const days = await db.usageDays.where('seq').above(version).toArray();
    if (days.length > 0) {
      for (const index of await db.usageModules.toArray()) this.usage.moduleOrNew(index.module).adopt(index.orgIds, index.types, index.names);
      // All of a module's new days in one walk (a first pull's earlier days come before the stored ones).
      const byModule = new Map<string, UsageDayRow[]>();
      for (const day of days) {
        const list = byModule.get(day.module) ?? [];
        list.push(day);
        byModule.set(day.module, list);
      }
      for (const [module, list] of byModule) {
        this.usage.moduleOrNew(module).putDays(list.map((row) => ({ date: row.date, cursor: row.cursor, cells: cellsOfRow(row) })));
        this.stats.moduleDays += list.length;
      }
    }
  }

  #putInvoice(id: string, row: InvoiceRow | undefined): void {
    if (row && row.deleted !== true) {
      this.posted.put(id, row);
      this.invoiceList.put(row);
    } else {
      this.posted.remove(id);
      this.invoiceList.remove(id);
    }
  }

  #putDay(row: UsageDayRow): void {
    this.usage.moduleOrNew(row.module).putDay(row.date, row.cursor, cellsOfRow(row));
    this.stats.moduleDays++;
  }
}
