// The config records of a workspace file restored as the file streams by (its second pass):
// the tables before invoices, the invoices a slice at a time, the invoices the file no longer
// has, the tables after them; the edits restoreConfig makes for the whole document, in its
// order, without ever holding all invoices (docs/workspace-files.md#settings-export-and-import).
import { invoice as invoiceSchema, type Invoice } from '../../../../shared/schema/invoice.ts';
import type { Workspace } from '../../../../shared/schema/workspace.ts';
import type { TrueupDb } from '../db/database.ts';
import { dropInvoicesBut, invoiceRecordId, restoreInvoices, restoreTables, TABLES_AFTER_INVOICES, TABLES_BEFORE_INVOICES } from '../db/workspace.ts';
import type { OnProgress } from './progress.ts';

/** Invoices restored per transaction: a few MB of frozen days. */
const INVOICE_SLICE = 100;

export class ConfigRestore {
  /** How many records changed so far. */
  changes = 0;
  private readonly db: TrueupDb;
  private readonly head: Omit<Workspace, 'uploads' | 'invoices'>;
  private readonly keys: readonly string[];
  /** Each record's last invoice in the file: of invoices of the same record the last wins, as in a whole restore. */
  private readonly lastOf: Map<string, number>;
  private readonly onProgress: OnProgress | undefined;
  private headRestored = false;
  private slice: Invoice[] = [];
  private read = 0;
  private restored = 0;

  /** `keys`: the record key of each invoice of the checked file, by index. */
  constructor(db: TrueupDb, head: Omit<Workspace, 'uploads' | 'invoices'>, keys: readonly string[], onProgress?: OnProgress) {
    this.db = db;
    this.head = head;
    this.keys = keys;
    this.lastOf = new Map(keys.map((key, index) => [key, index]));
    this.onProgress = onProgress;
  }

  /** Takes the file's next invoice; false when it is not the one checked (the file changed). */
  async invoice(value: unknown, index: number): Promise<boolean> {
    this.read++;
    const valid = invoiceSchema.safeParse(value).data;
    if (valid === undefined) return false;
    const key = invoiceRecordId(valid);
    if (key !== this.keys[index]) return false;
    if (this.lastOf.get(key) !== index) return true;
    this.slice.push(valid);
    if (this.slice.length >= INVOICE_SLICE) await this.flush();
    return true;
  }

  /** Restores the rest once the file is read; false when it had another count of invoices than checked. */
  async finish(): Promise<boolean> {
    if (this.read !== this.keys.length) return false;
    await this.flush();
    this.onProgress?.({ phase: 'config', done: this.restored, total: this.lastOf.size });
    this.changes += await dropInvoicesBut(this.db, new Set(this.lastOf.keys()));
    this.changes += await restoreTables(this.db, this.head, TABLES_AFTER_INVOICES);
    return true;
  }

  // The config before the invoices goes first, so the edits come in restoreConfig's order.
  private async restoreHead(): Promise<void> {
    if (this.headRestored) return;
    this.headRestored = true;
    this.changes += await restoreTables(this.db, this.head, TABLES_BEFORE_INVOICES);
  }

  private async flush(): Promise<void> {
    await this.restoreHead();
    if (this.slice.length === 0) return;
    this.changes += await restoreInvoices(this.db, this.slice);
    this.restored += this.slice.length;
    this.slice = [];
    this.onProgress?.({ phase: 'config', done: this.restored, total: this.lastOf.size });
  }
}
