// The app's sync loop and its visible state: runs on start, on "Sync now", every few
// minutes, when the browser comes back online and shortly after a local edit; retries
// sooner after a failure. One instance per tab (the database is shared by tabs and the
// merge makes concurrent syncs harmless).
import { liveQuery, type Subscription } from 'dexie';
import type { TrueupDb } from '../db/database.ts';
import { getMeta, setMeta } from '../db/meta.ts';
import { notSyncedChanges } from '../db/not-synced.ts';
import type { NotSyncedRow } from '../db/rows.ts';
import { proxy } from 'comlink';
import type { SyncProgress, SyncResult } from './client.ts';
import { loadConnection } from './connection.ts';
import { EdgeError } from './edge-error.ts';
import { resultOf } from './outcome.ts';
import { syncWorker } from './worker-remote.ts';
import { holdReads, pullHolds } from './pull-hold.ts';
import { appNow, appNowIso } from '../app/clock.ts';

const EVERY_MS = 3 * 60_000;
const AFTER_EDIT_MS = 1_500;
const RETRY_MS = [5_000, 15_000, 60_000];

/**
 * One sync round in the tab's sync worker (sync.worker.ts): a first sync parses and stores
 * hundreds of MB, which must not block the page. Its writes reach the screens through liveQuery.
 */
async function syncInWorker(conn: { baseUrl: string; token: string }, onProgress: (progress: SyncProgress) => void): Promise<SyncResult> {
  return resultOf(await syncWorker().round({ baseUrl: conn.baseUrl, token: conn.token }, appNow(), proxy(onProgress)));
}

/** `starting` until the first round begins, so a stale "synced" is never shown as current. */
export type SyncPhase = 'starting' | 'idle' | 'syncing' | 'error';

export class SyncService {
  #db: TrueupDb;
  #origin: string;
  #phase = $state<SyncPhase>('starting');
  #lastSyncAt = $state<string | null>(null);
  #rounds = $state(0);
  #error = $state<string | null>(null);
  #pending = $state(0);
  #connected = $state(false);
  #last = $state.raw<SyncResult | null>(null);
  #progress = $state.raw<SyncProgress | null>(null);
  #timer: ReturnType<typeof setTimeout> | undefined;
  #failures = 0;
  #running: Promise<void> | null = null;
  #again = false;
  #outbox: Subscription | undefined;
  #notSynced = $state.raw<NotSyncedRow[]>([]);
  #notSyncedWatch: Subscription | undefined;
  #onOnline = () => void this.syncNow();

  constructor(db: TrueupDb, origin: string) {
    this.#db = db;
    this.#origin = origin;
  }

  get phase(): SyncPhase { return this.#phase; }
  /** ISO time of the last sync that worked. */
  get lastSyncAt(): string | null { return this.#lastSyncAt; }
  /** Sync rounds finished, with or without error (the status shows it for tests to wait on). */
  get rounds(): number { return this.#rounds; }
  /** The last failure in words for people, or null. */
  get error(): string | null { return this.#error; }
  /** Local changes not yet accepted by the edge. */
  get pending(): number { return this.#pending; }
  /** Whether an admin token is known. */
  get connected(): boolean { return this.#connected; }
  get lastResult(): SyncResult | null { return this.#last; }
  /** How far the pull under way is (the first sync of a large tenant takes a while), or null. */
  get syncProgress(): SyncProgress | null { return this.#progress; }
  /** Local changes the edge refused, with its reasons: set aside so later edits still sync. */
  get notSynced(): readonly NotSyncedRow[] { return this.#notSynced; }

  /** Starts the loop: a sync now, then on schedule; watches the outbox to push edits soon. */
  async start(): Promise<void> {
    this.#lastSyncAt = (await getMeta(this.#db, 'lastSyncAt')) ?? null;
    this.#error = (await getMeta(this.#db, 'lastSyncError')) || null;
    let first = true;
    this.#outbox = liveQuery(() => this.#db.outbox.count()).subscribe({
      next: (count) => {
        const grew = count > this.#pending;
        this.#pending = count;
        if (grew && !first) this.#schedule(AFTER_EDIT_MS);
        first = false;
      },
    });
    this.#notSyncedWatch = liveQuery(() => notSyncedChanges(this.#db)).subscribe({ next: (rows) => { this.#notSynced = rows; } });
    addEventListener('online', this.#onOnline);
    await this.syncNow();
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#outbox?.unsubscribe();
    this.#notSyncedWatch?.unsubscribe();
    removeEventListener('online', this.#onOnline);
  }

  /** Runs a sync round now (or right after the one under way). */
  async syncNow(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#round();
    try {
      await this.#running;
    } finally {
      this.#running = null;
    }
    if (this.#again) {
      this.#again = false;
      await this.syncNow();
    }
  }

  async #round(): Promise<void> {
    clearTimeout(this.#timer);
    const conn = await loadConnection(this.#db, this.#origin);
    this.#connected = conn !== null;
    if (!conn) {
      this.#phase = 'error';
      this.#error = 'Not connected yet: enter the admin token in Settings.';
      return;
    }
    this.#phase = 'syncing';
    try {
      this.#last = await syncInWorker(conn, (progress) => {
        this.#progress = progress;
        holdReads(pullHolds(progress));
      });
      const now = appNowIso();
      await setMeta(this.#db, 'lastSyncAt', now);
      await setMeta(this.#db, 'lastSyncError', '');
      this.#lastSyncAt = now;
      this.#error = null;
      this.#progress = null;
      holdReads(false);
      this.#phase = 'idle';
      this.#failures = 0;
      this.#rounds++;
      this.#schedule(EVERY_MS);
    } catch (error) {
      this.#progress = null;
      holdReads(false);
      const message = error instanceof EdgeError ? error.message : `Sync failed: ${error instanceof Error ? error.message : String(error)}`;
      await setMeta(this.#db, 'lastSyncError', message);
      this.#error = message;
      this.#phase = 'error';
      const retry = RETRY_MS[Math.min(this.#failures, RETRY_MS.length - 1)] ?? EVERY_MS;
      this.#failures += 1;
      this.#rounds++;
      const unfixable = error instanceof EdgeError && (error.kind === 'unauthorized' || error.kind === 'forbidden' || error.kind === 'not-configured');
      this.#schedule(unfixable ? EVERY_MS : retry);
    }
  }

  #schedule(ms: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.syncNow(), ms);
  }
}
