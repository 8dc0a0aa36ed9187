// A workspace file imported as it streams (docs/workspace-files.md): a first pass validates
// the whole file and writes nothing; only a valid file is read again and written, its uploads
// in slices and then its config records through the change log (so the restore syncs).
import { formatPath, type Issue } from '../../../../shared/schema/issues.ts';
import { upload as uploadSchema, type Upload } from '../../../../shared/schema/upload.ts';
import { JsonSyntaxError } from '../../../../shared/workspace-stream/document-splitter.ts';
import { contentOf, documentPieces } from '../../../../shared/workspace-stream/read-document.ts';
import { UploadFastPath } from '../../../../shared/workspace-stream/upload-fast-path.ts';
import { WorkspaceAssembler } from '../../../../shared/workspace-stream/workspace-assembler.ts';
import type { TrueupDb } from '../db/database.ts';
import { OrgDirectory, storeUploads } from '../db/uploads.ts';
import { restoreConfig } from '../db/workspace.ts';
import type { OnProgress } from './progress.ts';

export type ImportOutcome =
  | { ok: true; changes: number; uploads: number }
  | { ok: false; problem: 'invalid'; issues: Issue[] }
  | { ok: false; problem: 'unreadable'; message: string };

/** Uploads stored per transaction: a few days of a large MSP's modules. */
const SLICE = 20;

export async function importWorkspaceFile(db: TrueupDb, file: Blob, onProgress?: OnProgress): Promise<ImportOutcome> {
  const size = file.size;
  const assembler = new WorkspaceAssembler('catalog');
  try {
    const read = (bytes: number) => onProgress?.({ phase: 'check', done: bytes, total: size });
    for await (const pieces of documentPieces(contentOf(file.stream(), read))) for (const piece of pieces) assembler.add(piece);
  } catch (error) {
    return { ok: false, problem: 'unreadable', message: error instanceof JsonSyntaxError ? `it is not valid JSON: ${error.message}` : (error as Error).message };
  }
  const checked = assembler.finish();
  if (!checked.ok) return { ok: false, problem: 'invalid', issues: checked.issues };
  const total = assembler.uploadCount;

  const fast = new UploadFastPath();
  let slice: Upload[] = [];
  let stored = 0;
  const directory = new OrgDirectory();
  const flush = async () => {
    await storeUploads(db, slice, undefined, directory);
    stored += slice.length;
    slice = [];
    onProgress?.({ phase: 'store', done: stored, total });
  };
  try {
    for await (const pieces of documentPieces(contentOf(file.stream()))) {
      for (const piece of pieces) {
        if (piece.kind !== 'item' || piece.key !== 'uploads') continue;
        const valid = fast.check(piece.value) ?? uploadSchema.safeParse(piece.value).data;
        // The file changed between the passes.
        if (valid === undefined) return { ok: false, problem: 'invalid', issues: [{ path: formatPath(['uploads', piece.index]), message: 'changed while it was imported' }] };
        slice.push(valid);
        if (slice.length >= SLICE) await flush();
      }
    }
    if (slice.length > 0) await flush();
  } finally {
    await directory.flush(db);
  }
  onProgress?.({ phase: 'config', done: 0, total: 1 });
  const changes = await restoreConfig(db, checked.workspace);
  return { ok: true, changes, uploads: total };
}
