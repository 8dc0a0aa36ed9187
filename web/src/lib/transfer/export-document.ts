// The workspace document written from IndexedDB in pieces (docs/workspace-files.md): the
// config, the posted invoices, then the uploads a page at a time, as UTF-8 bytes, gzip if asked.
import type { Workspace } from '../../../../shared/schema/workspace.ts';
import { streamOf } from '../../../../shared/workspace-stream/stream-of.ts';
import { workspaceDocumentText, type WorkspaceHead } from '../../../../shared/workspace-stream/write-document.ts';
import { loadConfig } from '../db/config.ts';
import type { TrueupDb } from '../db/database.ts';
import { uploadPages } from '../db/upload-pages.ts';
import type { OnProgress } from './progress.ts';

/** The posted and voided invoices, as the document holds them (deleted ones left out). */
export async function exportInvoices(db: TrueupDb): Promise<Workspace['invoices']> {
  const rows = await db.invoices.toArray();
  return rows.filter((r) => r.deleted !== true).map(({ deleted: _deleted, ...invoice }) => invoice);
}

/** The config members of the document (everything but invoices and uploads). */
async function workspaceHead(db: TrueupDb): Promise<WorkspaceHead> {
  const { invoices: _invoices, ...head } = (await loadConfig(db)) as WorkspaceHead & { invoices?: unknown };
  return head;
}

/** The document as bytes, a page of uploads at a time; `gzip` compresses it as it goes. */
export async function* workspaceFileChunks(db: TrueupDb, options: { gzip: boolean; onProgress?: OnProgress }): AsyncGenerator<Uint8Array> {
  const head = await workspaceHead(db);
  const invoices = await exportInvoices(db);
  const total = await db.uploads.count();
  let done = 0;
  async function* counted() {
    for await (const page of uploadPages(db)) {
      yield page;
      done += page.length;
      options.onProgress?.({ phase: 'export', done, total });
    }
  }
  const encoder = new TextEncoder();
  async function* bytes() {
    for await (const text of workspaceDocumentText(head, [invoices], counted())) yield encoder.encode(text);
  }
  if (!options.gzip) {
    yield* bytes();
    return;
  }
  const reader = streamOf(bytes()).pipeThrough(new CompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>).getReader();
  for (;;) {
    const next = await reader.read();
    if (next.done) return;
    yield next.value;
  }
}
