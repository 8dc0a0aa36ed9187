// A workspace file imported as it streams (docs/workspace-files.md): a first pass validates
// the whole file and writes nothing; only a valid file is read again and written, its uploads
// and its invoices in slices, its config records through the change log (so the restore
// syncs, see config-restore.ts). Neither pass holds the invoices: a large MSP's year of them
// with their frozen daily quantities is hundreds of MB. The first keeps of each its record key.
import { formatPath, type Issue } from '../../../../shared/schema/issues.ts';
import { upload as uploadSchema, type Upload } from '../../../../shared/schema/upload.ts';
import type { Workspace } from '../../../../shared/schema/workspace.ts';
import { JsonSyntaxError } from '../../../../shared/workspace-stream/document-splitter.ts';
import { contentOf, documentPieces } from '../../../../shared/workspace-stream/read-document.ts';
import { UploadFastPath } from '../../../../shared/workspace-stream/upload-fast-path.ts';
import { WorkspaceAssembler } from '../../../../shared/workspace-stream/workspace-assembler.ts';
import type { TrueupDb } from '../db/database.ts';
import { OrgDirectory, storeUploads } from '../db/uploads.ts';
import { invoiceRecordId } from '../db/workspace.ts';
import { ConfigRestore } from './config-restore.ts';
import type { OnProgress } from './progress.ts';

export type ImportOutcome =
  | { ok: true; changes: number; uploads: number }
  | { ok: false; problem: 'invalid'; issues: Issue[] }
  | { ok: false; problem: 'unreadable'; message: string };

/** Uploads stored per transaction: a few days of a large MSP's modules. */
const SLICE = 20;

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
  const config = new ConfigRestore(db, head, invoiceKeys, onProgress);
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
  try {
    for await (const pieces of documentPieces(contentOf(file.stream()))) {
      for (const piece of pieces) {
        if (piece.kind !== 'item') continue;
        if (piece.key === 'uploads') {
          const valid = fast.check(piece.value) ?? uploadSchema.safeParse(piece.value).data;
          if (valid === undefined) return changed(['uploads', piece.index]);
          uploads.push(valid);
          if (uploads.length >= SLICE) await flushUploads();
        } else if (piece.key === 'invoices' && !(await config.invoice(piece.value, piece.index))) return changed(['invoices', piece.index]);
      }
    }
    if (uploads.length > 0) await flushUploads();
  } finally {
    await directory.flush(db);
  }
  if (!(await config.finish())) return changed(['invoices']);
  return { ok: true, changes: config.changes, uploads: total };
}
