// What the transfer worker offers the Settings page: the export written to a file the user
// picked, or into a Blob to download, and the import of a file; all with progress.
import type { TrueupDb } from '../db/database.ts';
import { followPageClock } from '../app/clock.ts';
import { workspaceFileChunks } from './export-document.ts';
import { importWorkspaceFile, type ImportOutcome } from './import-document.ts';
import type { OnProgress } from './progress.ts';

/** Bytes gathered before they move into the Blob, so the worker never holds the whole file. */
const BLOB_STEP = 32 * 2 ** 20;

export function transferApi(db: TrueupDb) {
  return {
    /** Streams the document into the file the user picked (File System Access API). */
    async exportToFile(handle: FileSystemFileHandle, gzip: boolean, onProgress?: OnProgress): Promise<void> {
      const writable = await handle.createWritable();
      try {
        for await (const chunk of workspaceFileChunks(db, { gzip, ...(onProgress ? { onProgress } : {}) })) await writable.write(chunk as Uint8Array<ArrayBuffer>);
        await writable.close();
      } catch (error) {
        await writable.abort();
        throw error;
      }
    },

    /** The document as a Blob made of many parts (browsers keep large Blobs on disk). */
    async exportToBlob(gzip: boolean, onProgress?: OnProgress): Promise<Blob> {
      const type = gzip ? 'application/gzip' : 'application/json';
      let blob = new Blob([], { type });
      let parts: Uint8Array<ArrayBuffer>[] = [];
      let gathered = 0;
      for await (const chunk of workspaceFileChunks(db, { gzip, ...(onProgress ? { onProgress } : {}) })) {
        parts.push(chunk as Uint8Array<ArrayBuffer>);
        gathered += chunk.length;
        if (gathered >= BLOB_STEP) {
          blob = new Blob([blob, ...parts], { type });
          parts = [];
          gathered = 0;
        }
      }
      return new Blob([blob, ...parts], { type });
    },

    /** `pageNow`: the page's appNow(), so the edits the restore records are stamped on the app's one clock. */
    importFile(file: Blob, onProgress?: OnProgress, pageNow?: number): Promise<ImportOutcome> {
      if (pageNow !== undefined) followPageClock(pageNow);
      return importWorkspaceFile(db, file, onProgress);
    },
  };
}

export type TransferApi = ReturnType<typeof transferApi>;
