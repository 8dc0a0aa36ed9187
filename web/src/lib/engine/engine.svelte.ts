// The page's side of the engine worker. One live view of the engine's inputs per tab (the
// data version, from Dexie liveQuery); each screen asks for the period it shows and gets
// results tagged with the inputs generation they were computed from, so a result computed
// before the latest change is never presented as current.
import { wrap, type Remote } from 'comlink';
import { liveQuery, type Subscription } from 'dexie';
import type { PeriodOptions, PeriodResult } from '../../../../shared/invoice/compute-period.ts';
import type { ItemExplanation } from '../../../../shared/billing/explain.ts';
import type { Correction } from '../../../../shared/invoice/corrections.ts';
import type { TrueupDb } from '../db/database.ts';
import type { Contract } from '../../../../shared/schema/workspace.ts';
import { loadScreenConfig, type WorkspaceConfig } from '../db/config.ts';
import { dataVersion } from '../db/data-version.ts';
import { getMeta } from '../db/meta.ts';
import type { EngineInputs, WorkerApi } from './session.ts';
import type { ItemRef, PostOutcome } from './api.ts';
import { LiveEngineCall } from './live-call.svelte.ts';
import { appToday } from '../app/clock.ts';
import { onReadsHeld, readsHeld } from '../sync/pull-hold.ts';

let remote: Remote<WorkerApi> | undefined;

/** The engine worker of this tab, started on first use. */
export function engineWorker(): Remote<WorkerApi> {
  remote ??= wrap<WorkerApi>(new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' }));
  return remote;
}

/**
 * The engine's inputs as this tab sees them: the data version (meta `dataVersion`, moved by
 * every write to config, invoices or usage), kept live; `generation` moves with it. The
 * worker reads the data itself, so nothing else is sent.
 */
export class LiveInputs {
  #db: TrueupDb;
  #version = $state<number | null>(null);
  #usageVersion = $state(0);
  #generation = $state(0);
  #error = $state<string | null>(null);
  #config = $state.raw<WorkspaceConfig | null>(null);
  #draft: Contract | null = null;
  #configRead = false;
  #latest: readonly [number, number] | null = null;
  #configWatch: Subscription | null = null;

  constructor(db: TrueupDb) {
    this.#db = db;
    liveQuery(async () => [await dataVersion(db), (await getMeta(db, 'usageVersion')) ?? 0] as const).subscribe({
      next: (versions) => {
        this.#latest = versions;
        // During a long pull the figures wait for its end (sync/pull-hold.ts); the first version always passes.
        if (!readsHeld() || this.#version === null) this.#follow(versions);
      },
      error: (e: unknown) => { this.#fail(e); },
    });
    onReadsHeld((held) => {
      if (held) {
        this.#configWatch?.unsubscribe();
        this.#configWatch = null;
        return;
      }
      if (this.#configRead && this.#configWatch === null) this.#watchConfig();
      if (this.#latest) this.#follow(this.#latest);
    });
  }

  #follow([version, usage]: readonly [number, number]): void {
    if (usage !== this.#usageVersion) this.#usageVersion = usage;
    if (version === this.#version) return;
    this.#version = version;
    // The stored data now holds the previewed edit (or something newer): compute from it.
    this.#draft = null;
    this.#generation++;
  }

  #fail(e: unknown): void {
    this.#error = e instanceof Error ? e.message : String(e);
  }

  /**
   * The config for screens that still read it on the page (names, currency), read live on
   * first use only; the engine never receives it. It holds no invoices (see loadScreenConfig).
   */
  get config(): WorkspaceConfig | null {
    if (!this.#configRead) {
      this.#configRead = true;
      this.#watchConfig();
    }
    return this.#config;
  }

  #watchConfig(): void {
    this.#configWatch = liveQuery(() => loadScreenConfig(this.#db)).subscribe({ next: (config) => { this.#config = config; }, error: (e: unknown) => { this.#fail(e); } });
  }

  /**
   * Applies a local edit of one contract at once, ahead of its IndexedDB write: the next
   * calls send that contract alone (`draftContract`) and the worker computes with it in
   * place of the stored one, until the write moves the data version. Any other edit just
   * waits for its write.
   */
  preview(edit: (config: WorkspaceConfig) => WorkspaceConfig): void {
    const config = this.#config;
    if (config === null || this.#version === null) return;
    const next = edit(config);
    const changed = next.contracts.filter((c) => !config.contracts.includes(c));
    if (changed.length !== 1 || next.contracts.length !== config.contracts.length) return;
    this.#config = next;
    this.#draft = changed[0] ?? null;
    this.#generation++;
  }

  /** The data version this tab has seen. */
  get version(): number { return this.#version ?? 0; }
  /** Moves whenever the stored uploads change. */
  get uploadsVersion(): number { return this.#usageVersion; }
  get generation(): number { return this.#generation; }
  get error(): string | null { return this.#error; }
  get ready(): boolean { return this.#version !== null; }

  /** What to send the worker now, or null before the first read finished. */
  snapshot(): (EngineInputs & { generation: number }) | null {
    if (this.#version === null) return null;
    const inputs = { version: this.#version, today: appToday(), generation: this.#generation };
    return this.#draft === null ? inputs : { ...inputs, draftContract: $state.snapshot(this.#draft) as Contract };
  }
}

let inputs: LiveInputs | undefined;

/** The tab's live engine inputs (one set of subscriptions for every screen). */
export function liveInputs(db: TrueupDb): LiveInputs {
  inputs ??= new LiveInputs(db);
  return inputs;
}

export interface PeriodQuery {
  period: string;
  asOf?: string;
}

/**
 * A period's billing, recomputed in the worker whenever the inputs or the query change.
 * `result` is the latest answer; `current` says whether it reflects the latest inputs and
 * query (screens dim it and disable posting otherwise). Create while a component initialises.
 */
export class PeriodBilling extends LiveEngineCall<PeriodQuery, PeriodResult> {
  constructor(source: LiveInputs, query: () => PeriodQuery, options: Omit<PeriodOptions, 'asOf'> = {}) {
    super(source, query, (request, { period, asOf }) => engineWorker().compute(request, period, { ...options, ...(asOf === undefined ? {} : { asOf }) }));
  }
}

/** The drill-down of one item, computed in the worker from the current inputs. */
export async function explainItem(source: LiveInputs, ref: ItemRef, asOf?: string): Promise<ItemExplanation | null> {
  const snapshot = source.snapshot();
  if (!snapshot) return null;
  const { generation: _generation, ...request } = snapshot;
  return engineWorker().explain(request, ref, asOf === undefined ? {} : { asOf });
}

/** Freezes the invoices of accounts for a period in the worker; the caller stores them. */
export async function postInWorker(source: LiveInputs, request: { period: string; accountIds: string[]; postedAt: string; asOf?: string; usageCursor?: string | null }): Promise<PostOutcome> {
  const snapshot = source.snapshot();
  if (!snapshot) throw new Error('the local data is still loading; try again in a moment');
  const { generation: _generation, ...inputs } = snapshot;
  const ids = request.accountIds.map(() => crypto.randomUUID());
  return engineWorker().post(inputs, { ...request, ids });
}

/** "Also correct posted months": the corrections today's configuration makes, computed in the worker. */
export async function correctionsOf(source: LiveInputs, options: { asOf: string; accountIds?: readonly string[] }): Promise<Correction[]> {
  const snapshot = source.snapshot();
  if (!snapshot) return [];
  const { generation: _generation, ...request } = snapshot;
  return engineWorker().corrections(request, options);
}

/** Module → billing types the account's orgs reported with a non-zero quantity (computed in the worker). */
export async function reportedTypesOf(source: LiveInputs, accountId: string): Promise<Record<string, string[]>> {
  const snapshot = source.snapshot();
  if (!snapshot) return {};
  const { generation: _generation, ...request } = snapshot;
  return engineWorker().reported(request, accountId);
}
