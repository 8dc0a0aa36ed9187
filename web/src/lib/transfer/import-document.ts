// A workspace file imported as it streams (docs/workspace-files.md): a first pass validates
// the whole file and writes nothing; only a valid file is read again and written, its uploads
// and its invoices in slices, its config records through the change log (so the restore
// syncs). Neither pass holds the invoices: a large MSP's year of them with their frozen daily
// quantities is hundreds of MB. The first keeps of each only its record key.
import { formatPath, type Issue } from '../../../../shared/schema/issues.ts';
import { invoice as invoiceSchema, type Invoice } from '../../../../shared/schema/invoice.ts';
import { upload as uploadSchema, type Upload } from '../../../../shared/schema/upload.ts';
import type { Workspace } from '../../../../shared/schema/workspace.ts';
import { JsonSyntaxError } from '../../../../shared/workspace-stream/document-splitter.ts';
import { contentOf, documentPieces } from '../../../../shared/workspace-stream/read-document.ts';
import { UploadFastPath } from '../../../../shared/workspace-stream/upload-fast-path.ts';
import { WorkspaceAssembler } from '../../../../shared/workspace-stream/workspace-assembler.ts';
import type { TrueupDb } from '../db/database.ts';
import { OrgDirectory, storeUploads } from '../db/uploads.ts';
import { dropInvoicesBut, invoiceRecordId, restoreInvoices, restoreTables, TABLES_AFTER_INVOICES, TABLES_BEFORE_INVOICES } from '../db/workspace.ts';
import type { OnProgress } from './progress.ts';

export type ImportOutcome =
  | { ok: true; changes: number; uploads: number }
  | { ok: false; problem: 'invalid'; issues: Issue[] }
  | { ok: false; problem: 'unreadable'; message: string };

/** Uploads stored per transaction: a few days of a large MSP's modules. */
const SLICE = 20;
/** Invoices restored per transaction: a few MB of frozen days. */
const INVOICE_SLICE = 100;

/** What the first pass keeps: the config, how many uploads, and each invoice's record key. */
interface Checked {
  head: Omit<Workspace, 'uploads' | 'invoices'>;
  uploads: number;
  /** The record key of each invoice, by its index in the file. */
  invoiceKeys: string[];
}

type Refused = Exclude<ImportOutcome, { ok: true }>;
type Outcome<T> = { ok: true; value: T } | Refused;

async function check(file: Blob, onProgress?: OnProgress): Promise<Outcome<Checked>> {
  const invoiceKeys: string[] = [];
  const assembler = new WorkspaceAssembler('catalog', (invoice, index) => { invoiceKeys[index] = invoiceRecordId(invoice); });
  try {
    const read = (bytes: number) => onProgress?.({ phase: 'check', done: bytes, total: file.size });
    for await (const pieces of documentPieces(contentOf(file.stream(), read))) for (const piece of pieces) assembler.add(piece);
  } catch (error) {
    return { ok: false, problem: 'unreadable', message: error instanceof JsonSyntaxError ? `it is not valid JSON: ${error.message}` : (error as Error).message };
  }
  const checked = assembler.finish();
  if (!checked.ok) return { ok: false, problem: 'invalid', issues: checked.issues };
  const { uploads: _uploads, invoices: _invoices, ...head } = checked.workspace;
  return { ok: true, value: { head, uploads: assembler.uploadCount, invoiceKeys } };
}

/** The file read the second time is not the file checked. */
function changed(path: (string | number)[]): Refused {
  return { ok: false, problem: 'invalid', issues: [{ path: formatPath(path), message: 'changed while it was imported' }] };
}

export async function importWorkspaceFile(db: TrueupDb, file: Blob, onProgress?: OnProgress): Promise<ImportOutcome> {
  const checked = await check(file, onProgress);
  if (!checked.ok) return checked;
  const { head, uploads: total, invoiceKeys } = checked.value;
  // Of invoices of the same record the last wins, as when the document is restored whole.
  const lastOf = new Map(invoiceKeys.map((key, index) => [key, index]));

  let changes = 0;
  let headRestored = false;
  // The config before the invoices goes first, so the edits come in restoreConfig's order.
  const restoreHead = async () => {
    if (headRestored) return;
    headRestored = true;
    changes += await restoreTables(db, head, TABLES_BEFORE_INVOICES);
  };
  let invoices: Invoice[] = [];
  let restored = 0;
  const flushInvoices = async () => {
    await restoreHead();
    changes += await restoreInvoices(db, invoices);
    restored += invoices.length;
    invoices = [];
    onProgress?.({ phase: 'config', done: restored, total: lastOf.size });
  };

  const fast = new UploadFastPath();
  let uploads: Upload[] = [];
  let stored = 0;
  const directory = new OrgDirectory();
  const flushUploads = async () => {
    await storeUploads(db, uploads, undefined, directory);
    stored += uploads.length;
    uploads = [];
    onProgress?.({ phase: 'store', done: stored, total });
  };
  let invoicesRead = 0;
  try {
    for await (const pieces of documentPieces(contentOf(file.stream()))) {
      for (const piece of pieces) {
        if (piece.kind !== 'item') continue;
        if (piece.key === 'uploads') {
          const valid = fast.check(piece.value) ?? uploadSchema.safeParse(piece.value).data;
          if (valid === undefined) return changed(['uploads', piece.index]);
          uploads.push(valid);
          if (uploads.length >= SLICE) await flushUploads();
        } else if (piece.key === 'invoices') {
          invoicesRead++;
          const valid = invoiceSchema.safeParse(piece.value).data;
          if (valid === undefined || invoiceRecordId(valid) !== invoiceKeys[piece.index]) return changed(['invoices', piece.index]);
          if (lastOf.get(invoiceRecordId(valid)) !== piece.index) continue;
          invoices.push(valid);
          if (invoices.length >= INVOICE_SLICE) await flushInvoices();
        }
      }
    }
    if (uploads.length > 0) await flushUploads();
  } finally {
    await directory.flush(db);
  }
  if (invoicesRead !== invoiceKeys.length) return changed(['invoices']);
  if (invoices.length > 0) await flushInvoices();
  await restoreHead();
  onProgress?.({ phase: 'config', done: restored, total: lastOf.size });
  changes += await dropInvoicesBut(db, new Set(lastOf.keys()));
  changes += await restoreTables(db, head, TABLES_AFTER_INVOICES);
  return { ok: true, changes, uploads: total };
}
