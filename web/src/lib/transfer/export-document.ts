// The workspace document written from IndexedDB in pieces (docs/workspace-files.md): the
// config, the posted invoices, then the uploads a page at a time, as UTF-8 bytes, gzip if asked.
import type { Workspace } from '../../../../shared/schema/workspace.ts';
import { throughStream } from '../../../../shared/workspace-stream/stream-of.ts';
import { workspaceDocumentText, type WorkspaceHead } from '../../../../shared/workspace-stream/write-document.ts';
import { loadConfig } from '../db/config.ts';
import type { TrueupDb } from '../db/database.ts';
import { uploadPages } from '../db/upload-pages.ts';
import { countModuleDays } from '../db/uploads.ts';
import { loadInvoices } from '../db/invoices.ts';
import type { OnProgress } from './progress.ts';

/**
 * The posted and voided invoices as the document holds them (deleted ones left out), a page
 * at a time: a large MSP's year of invoices with their frozen quantities is hundreds of MB.
 */
export async function* exportInvoices(db: TrueupDb, pageSize = 200): AsyncGenerator<Workspace['invoices']> {
  let after: string | undefined;
  for (;;) {
    const rows = await (after === undefined ? db.invoices.orderBy('id') : db.invoices.where('id').above(after)).limit(pageSize).toArray();
    if (rows.length === 0) return;
    // Whole invoices: their lines' frozen daily quantities are stored apart (db/invoices.ts).
    const alive = rows.filter((r) => r.deleted !== true);
    const whole = await loadInvoices(db, alive.map((r) => r.id));
    yield alive.map((row, i) => {
      const { deleted: _deleted, ...invoice } = whole[i] ?? row;
      return invoice;
    });
    const last = rows[rows.length - 1];
    if (!last || rows.length < pageSize) return;
    after = last.id;
  }
}

/**
 * Module-days read and written per step: a large MSP's module-day is ~600 orgs × 21 billing
 * types, so 200 of them (uploadPages' default) held ~480 MiB of objects and text in the
 * transfer worker at once (docs/workspace-files.md).
 */
const EXPORT_UPLOADS_PAGE = 20;

/** The config members of the document (everything but invoices and uploads). */
async function workspaceHead(db: TrueupDb): Promise<WorkspaceHead> {
  const { invoices: _invoices, ...head } = (await loadConfig(db)) as WorkspaceHead & { invoices?: unknown };
  return head;
}

/** The document as bytes, a page of uploads at a time; `gzip` compresses it as it goes. */
export async function* workspaceFileChunks(db: TrueupDb, options: { gzip: boolean; onProgress?: OnProgress }): AsyncGenerator<Uint8Array> {
  const head = await workspaceHead(db);
  const total = await countModuleDays(db);
  let done = 0;
  async function* counted() {
    for await (const page of uploadPages(db, EXPORT_UPLOADS_PAGE)) {
      yield page;
      done += page.length;
      options.onProgress?.({ phase: 'export', done, total });
    }
  }
  const encoder = new TextEncoder();
  async function* bytes() {
    for await (const text of workspaceDocumentText(head, exportInvoices(db), counted())) yield encoder.encode(text);
  }
  if (!options.gzip) {
    yield* bytes();
    return;
  }
  yield* throughStream(bytes(), new CompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>);
}
