// One sync round with the edge (docs/billing-rules.md#sync): push the outbox, pull everyone's changes, pull
// new uploads. Each step saves its cursor together with what it stored, in one
// transaction, so an interrupted sync resumes where it stopped and repeats nothing twice
// that matters (merging the same change again is a no-op). A browser that has never pulled
// changes starts from the edge's snapshot (the log compacted per record, which merges to the
// same state) and then follows the log from the snapshot's cursor; one that has a cursor,
// however old, keeps pulling the log.
import type { TrueupDb } from '../db/database.ts';
import { applyChanges, changeTables } from '../db/changes.ts';
import { getMeta, setMeta } from '../db/meta.ts';
import { setAside } from '../db/not-synced.ts';
import type { OutboxRow } from '../db/rows.ts';
import { OrgDirectory, publishUsage, storeUploads, uploadTables } from '../db/uploads.ts';
import type { IsoDay } from '../../../../shared/dates/day.ts';
import { addMonths, periodOf, periodStart } from '../../../../shared/dates/period.ts';
import { EdgeError, fetchChanges, fetchSnapshot, fetchUploads, sendChanges, type EdgeConnection, type UploadsWindow } from './edge.ts';
import { readSnapshotState, writeSnapshotState, type SnapshotState } from './snapshot-state.ts';
import { sideBySide } from './side-by-side.ts';

/** What one sync round moved. */
export interface SyncResult {
  pushed: number;
  pulledChanges: number;
  pulledUploads: number;
}

/**
 * How far a pull is: `changes` counts records of the snapshot (with the invoices among them
 * apart, when the snapshot has any) or, following the log, changes pulled (total null: the log
 * does not say how many follow); `uploads` counts module-days, `history` the older module-days
 * of a first pull (see pullHistory).
 */
export interface SyncProgress {
  phase: 'changes' | 'uploads' | 'history';
  done: number;
  total: number | null;
  invoices?: { done: number; total: number };
}

export type OnProgress = (progress: SyncProgress) => void;

const PUSH_BATCH = 500;
/** Pages of a pull between writes of orgs' later last days (see OrgDirectory). */
const DIRECTORY_FLUSH_PAGES = 10;
const CHANGE_PATH = /^changes\[(\d+)\]\.?(.*)$/;

/**
 * The changes of a batch the edge refused, each with its reason, when the edge named them
 * all by path (`changes[3].fields`); null when the refusal is not about single changes.
 */
function refusedChanges(error: unknown, batch: readonly OutboxRow[]): { row: OutboxRow; reason: string }[] | null {
  if (!(error instanceof EdgeError) || error.kind !== 'rejected' || error.status !== 400 || error.issues.length === 0) return null;
  const reasons = new Map<number, string[]>();
  for (const issue of error.issues) {
    const match = CHANGE_PATH.exec(issue.path);
    const index = match ? Number(match[1]) : -1;
    if (!match || index >= batch.length) return null;
    const list = reasons.get(index) ?? [];
    list.push(match[2] ? `${match[2]}: ${issue.message}` : issue.message);
    reasons.set(index, list);
  }
  return [...reasons].flatMap(([index, list]) => {
    const row = batch[index];
    return row ? [{ row, reason: list.join('; ') }] : [];
  });
}

function tooLarge(error: unknown): boolean {
  return error instanceof EdgeError && error.status === 413;
}

/**
 * Sends queued local changes in order; each batch leaves the outbox only once the edge took
 * it. A change the edge refuses by path is set aside (see db/not-synced.ts) and the rest of
 * the batch is sent again, so one bad change never blocks the edits after it; a batch over
 * the edge's body limit is sent in halves, down to a single change, which is set aside.
 */
export async function pushOutbox(db: TrueupDb, conn: EdgeConnection): Promise<number> {
  let pushed = 0;
  let size = PUSH_BATCH;
  for (;;) {
    const batch = await db.outbox.orderBy('seq').limit(size).toArray();
    if (batch.length === 0) return pushed;
    try {
      await sendChanges(conn, batch.map((row) => row.change));
    } catch (error) {
      const refused = refusedChanges(error, batch);
      if (refused) await setAside(db, refused);
      else if (tooLarge(error) && batch.length > 1) size = Math.ceil(batch.length / 2);
      else if (tooLarge(error) && batch[0]) await setAside(db, [{ row: batch[0], reason: 'the change is larger than the edge accepts in one request' }]);
      else throw error;
      continue;
    }
    await db.outbox.bulkDelete(batch.map((row) => row.seq).filter((seq): seq is number => seq !== undefined));
    pushed += batch.length;
    size = PUSH_BATCH;
  }
}

function snapshotProgress(state: SnapshotState): SyncProgress {
  const total = Object.values(state.totals).reduce((sum, n) => sum + n, 0);
  const invoices = state.totals.invoices ?? 0;
  return { phase: 'changes', done: state.done, total, ...(invoices > 0 ? { invoices: { done: state.invoices, total: invoices } } : {}) };
}

/**
 * Stores the edge's snapshot page by page, each page with where the next one starts in one
 * transaction, resuming an interrupted one; the last page sets the change cursor the log is
 * followed from. The next page is fetched while the current one is stored. Returns the
 * changes merged.
 */
async function pullSnapshot(db: TrueupDb, conn: EdgeConnection, onProgress?: OnProgress, limit?: number): Promise<number> {
  let state = await readSnapshotState(db);
  let pulled = 0;
  if (state) onProgress?.(snapshotProgress(state));
  let next = fetchSnapshot(conn, state?.after ?? null, limit);
  for (;;) {
    const page = await next;
    const more = page.more && page.after !== null;
    if (more && page.after !== null) {
      next = fetchSnapshot(conn, page.after, limit);
      next.catch(() => undefined); // a failure is raised when this page is awaited, after the current one is kept
    }
    const invoices = new Set(page.changes.filter((c) => c.table === 'invoices').map((c) => c.id)).size;
    const stored: SnapshotState = {
      after: page.after ?? '',
      totals: state?.totals ?? page.totals ?? {},
      done: (state?.done ?? 0) + page.records,
      invoices: (state?.invoices ?? 0) + invoices,
    };
    await db.transaction('rw', changeTables(db), async () => {
      await applyChanges(db, page.changes, undefined, { byRange: true });
      if (more) {
        await writeSnapshotState(db, stored);
      } else {
        await writeSnapshotState(db, null);
        await setMeta(db, 'changesCursor', page.cursor);
      }
    });
    pulled += page.changes.length;
    onProgress?.(snapshotProgress(stored));
    if (!more) return pulled;
    state = stored;
  }
}

/** An edge from before snapshots answers 404: the browser replays the log from the start instead. */
function olderEdge(error: unknown): number {
  if (error instanceof EdgeError && error.status === 404) return 0;
  throw error;
}

/**
 * Pulls everyone's config changes since the saved cursor and merges them; with no cursor yet,
 * starts from the snapshot (see pullSnapshot), `snapshotLimit` records a page (the edge's default unless given).
 */
export async function pullChanges(db: TrueupDb, conn: EdgeConnection, onProgress?: OnProgress, snapshotLimit?: number): Promise<number> {
  let pulled = (await getMeta(db, 'changesCursor')) === undefined ? await pullSnapshot(db, conn, onProgress, snapshotLimit).catch(olderEdge) : 0;
  for (;;) {
    const since = await getMeta(db, 'changesCursor');
    const page = await fetchChanges(conn, since);
    await db.transaction('rw', changeTables(db), async () => {
      await applyChanges(db, page.changes);
      await setMeta(db, 'changesCursor', page.cursor);
    });
    pulled += page.changes.length;
    if (page.changes.length > 0) onProgress?.({ phase: 'changes', done: pulled, total: null });
    if (!page.more || page.changes.length === 0) return pulled;
  }
}

interface PagesPull {
  conn: EdgeConnection;
  since: string | undefined;
  window: UploadsWindow;
  limit: number | undefined;
  /** Stamp the module-days as the next data version without moving it (see storeUploads). */
  publish: boolean;
  /** Saves where the pull stands, in the page's transaction. */
  save: (cursor: string, stored: number, total: number | null, more: boolean) => Promise<void>;
  /** Module-days pulled before (a resumed pull), for progress. */
  done: number;
  total: number | null;
  phase: SyncProgress['phase'];
  onProgress: OnProgress | undefined;
}

/**
 * Pulls pages of module-days after `since` within the window. The next page is fetched while
 * the current one is written, so the network and IndexedDB work side by side. Returns the
 * module-days pulled and the last cursor.
 */
async function pullPages(db: TrueupDb, pull: PagesPull): Promise<{ pulled: number; cursor: string | undefined }> {
  let pulled = 0;
  let total = pull.total;
  let cursor = pull.since;
  const directory = new OrgDirectory();
  // published once, at the end (or in `finally` when the pull breaks off), never twice
  let unpublished = !pull.publish;
  let next = fetchUploads(pull.conn, pull.since, pull.limit, pull.window);
  try {
    for (let pages = 1; ; pages++) {
      const page = await next;
      const more = page.more && page.uploads.length > 0;
      if (more) {
        next = fetchUploads(pull.conn, page.cursor, pull.limit, pull.window);
        next.catch(() => undefined); // a failure is raised when this page is awaited, after the current one is kept
      }
      if (total === null && page.remaining !== undefined) total = pull.done + page.uploads.length + page.remaining;
      const stored = pull.done + pulled + page.uploads.length;
      await db.transaction('rw', uploadTables(db), async () => {
        await storeUploads(db, page.uploads, page.cursor, directory, pull.publish);
        if (!more || pages % DIRECTORY_FLUSH_PAGES === 0) await directory.flush(db);
        await pull.save(page.cursor, stored, total, more);
      });
      pulled += page.uploads.length;
      cursor = page.cursor;
      if (unpublished && !more) {
        await publishUsage(db);
        unpublished = false;
      }
      if (page.uploads.length > 0) pull.onProgress?.({ phase: pull.phase, done: stored, total });
      if (!more) return { pulled, cursor };
    }
  } finally {
    // an interrupted pull still records the last days it stored (a closed tab loses at most
    // DIRECTORY_FLUSH_PAGES pages of them, until those orgs report again)
    await directory.flush(db).catch(() => undefined);
    // days stamped without moving the data version reach the engine when the pull breaks off too
    if (unpublished) await publishUsage(db).catch(() => undefined);
  }
}

/** Pulls uploads stored or replaced since the saved cursor (a first pull: every module-day). */
export async function pullUploads(db: TrueupDb, conn: EdgeConnection, limit?: number, onProgress?: OnProgress): Promise<number> {
  const history = await getMeta(db, 'uploadsHistory');
  // A first pull that takes recent days first is still on them: only days from `before` on.
  const recent = history?.until === '' ? history : undefined;
  const window: UploadsWindow = recent ? { from: recent.before } : {};
  const { pulled, cursor } = await pullPages(db, {
    conn, since: await getMeta(db, 'uploadsCursor'), window, limit, publish: true, done: 0, total: null, phase: 'uploads', onProgress,
    save: async (next) => { await setMeta(db, 'uploadsCursor', next); },
  });
  if (recent) await setMeta(db, 'uploadsHistory', { ...recent, until: cursor ?? '0' });
  return pulled;
}

/**
 * A browser's first pull of uploads, recent days first (docs/edge-storage.md#uploads-recent-first):
 * it pulls the days from `from` on (the months an admin bills now), so the figures show
 * without waiting for a year of history; the older days are left to pullHistory, which pulls
 * what was stored up to where this pull ended. Later pulls follow the cursor as usual.
 */
export async function pullRecentUploads(db: TrueupDb, conn: EdgeConnection, from: string, limit?: number, onProgress?: OnProgress): Promise<number> {
  if ((await getMeta(db, 'uploadsCursor')) === undefined && (await getMeta(db, 'uploadsHistory')) === undefined) {
    await setMeta(db, 'uploadsHistory', { before: from, until: '', since: '0', done: 0, total: null });
  }
  return pullUploads(db, conn, limit, onProgress);
}

/**
 * The older module-days of a first pull that took recent days first: days before `before`
 * stored at or before the cursor where that pull ended (anything stored later comes with the
 * regular pull). Screens are not held meanwhile: the days are stamped with the next data
 * version and published when the pull ends (or breaks off), so the figures already shown, which
 * do not read them, are not recomputed, and the engine does not hold IndexedDB reading them
 * while the pull writes. Posting waits for it (engine/session.ts). Resumes where it stopped.
 */
export async function pullHistory(db: TrueupDb, conn: EdgeConnection, limit?: number, onProgress?: OnProgress, after?: () => Promise<void>): Promise<number> {
  const history = await getMeta(db, 'uploadsHistory');
  if (!history || history.until === '') return 0;
  // said before the first page, so the screens that wait only for recent days go on at once;
  // `after`: what to let finish first (the engine's read for the first figures, see syncOnce)
  onProgress?.({ phase: 'history', done: history.done, total: history.total });
  await after?.();
  const { pulled } = await pullPages(db, {
    conn, since: history.since, window: { before: history.before, until: history.until }, limit, publish: false,
    done: history.done, total: history.total, phase: 'history', onProgress,
    save: async (since, done, total, more) => {
      if (more) await setMeta(db, 'uploadsHistory', { ...history, since, done, total });
      else await db.meta.delete('uploadsHistory');
    },
  });
  return pulled;
}

export interface SyncOptions {
  /** Given, a browser's first pull of uploads takes recent days first (pullRecentUploads). */
  today?: IsoDay;
  /**
   * Settles when a first pull's earlier days may start, asked once their phase is announced (the
   * sync worker: the engine's next read, which the first figures make, read-signal.ts).
   */
  historyAfter?: () => Promise<void>;
}

/** The first day a browser's first pull of uploads takes before the rest: the previous month's first. */
export function recentFrom(today: IsoDay): IsoDay {
  return periodStart(addMonths(periodOf(today), -1));
}

/**
 * One full round: push, then pull changes (which brings back invoice numbers) and uploads side
 * by side, then what is left of a first pull's history. Given `today`, a browser's first pull of
 * uploads takes recent days first (pullRecentUploads).
 */
export async function syncOnce(db: TrueupDb, conn: EdgeConnection, onProgress?: OnProgress, options: SyncOptions = {}): Promise<SyncResult> {
  const pushed = await pushOutbox(db, conn);
  // Side by side: a first sync's snapshot and its recent days each wait on the edge and on
  // IndexedDB in turns, so together they take less than one after the other.
  const progress = sideBySide(onProgress);
  // Both settle before the round ends or fails, so no pull outlives its round.
  const [changes, uploads] = await Promise.allSettled([
    pullChanges(db, conn, progress.changes),
    options.today === undefined ? pullUploads(db, conn, undefined, progress.uploads) : pullRecentUploads(db, conn, recentFrom(options.today), undefined, progress.uploads),
  ]);
  if (changes.status === 'rejected') throw changes.reason;
  if (uploads.status === 'rejected') throw uploads.reason;
  const pulledChanges = changes.value;
  const pulledUploads = uploads.value + await pullHistory(db, conn, undefined, onProgress, options.historyAfter);
  return { pushed, pulledChanges, pulledUploads };
}
