// The page's side of the engine worker. One live view of the engine's inputs per tab
// (config tables and an uploads version, from Dexie liveQuery); each screen asks for the
// period it shows and gets results tagged with the inputs generation they were computed
// from, so a result computed before the latest change is never presented as current.
import { wrap, type Remote } from 'comlink';
import { liveQuery } from 'dexie';
import type { PeriodOptions, PeriodResult } from '../../../../shared/invoice/compute-period.ts';
import type { ItemExplanation } from '../../../../shared/billing/explain.ts';
import type { Correction } from '../../../../shared/invoice/corrections.ts';
import type { TrueupDb } from '../db/database.ts';
import { loadConfig, type WorkspaceConfig } from '../db/config.ts';
import type { EngineInputs, WorkerApi } from './session.ts';
import type { ItemRef, PostOutcome } from './api.ts';
import { LiveEngineCall } from './live-call.svelte.ts';
import { appToday } from '../app/clock.ts';

let remote: Remote<WorkerApi> | undefined;

/** The engine worker of this tab, started on first use. */
export function engineWorker(): Remote<WorkerApi> {
  remote ??= wrap<WorkerApi>(new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' }));
  return remote;
}

/** The engine's inputs as this tab sees them, kept live; `generation` moves on every change. */
export class LiveInputs {
  #config = $state.raw<WorkspaceConfig | null>(null);
  #configText = '';
  #uploadsVersion = $state(0);
  #generation = $state(0);
  #error = $state<string | null>(null);

  constructor(db: TrueupDb) {
    const fail = (e: unknown) => { this.#error = e instanceof Error ? e.message : String(e); };
    liveQuery(() => loadConfig(db)).subscribe({
      next: (config) => {
        // The stored config often just confirms a previewed edit: nothing to recompute then.
        const text = JSON.stringify(config);
        if (text === this.#configText) return;
        this.#configText = text;
        this.#config = config;
        this.#generation++;
      },
      error: fail,
    });
    // Keys only: Dexie re-runs this on any write to uploads (a replaced module-day too);
    // the worker then re-reads the uploads itself.
    liveQuery(() => db.uploads.toCollection().primaryKeys()).subscribe({
      next: () => { this.#uploadsVersion++; this.#generation++; },
      error: fail,
    });
  }

  /**
   * Applies a local edit to the config at once, ahead of its IndexedDB write, so the
   * engine recomputes from what the admin just chose; the next read of the stored config
   * replaces it (the write carries the same edit).
   */
  preview(edit: (config: WorkspaceConfig) => WorkspaceConfig): void {
    if (this.#config === null) return;
    this.#config = edit(this.#config);
    this.#configText = JSON.stringify(this.#config);
    this.#generation++;
  }

  get config(): WorkspaceConfig | null { return this.#config; }
  /** Moves whenever the stored uploads change. */
  get uploadsVersion(): number { return this.#uploadsVersion; }
  get generation(): number { return this.#generation; }
  get error(): string | null { return this.#error; }
  get ready(): boolean { return this.#config !== null && this.#uploadsVersion > 0; }

  /** What to send the worker now, or null before the first reads finished. */
  snapshot(): (EngineInputs & { generation: number }) | null {
    if (!this.ready || this.#config === null) return null;
    return { config: this.#config, uploadsVersion: this.#uploadsVersion, today: appToday(), generation: this.#generation };
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
