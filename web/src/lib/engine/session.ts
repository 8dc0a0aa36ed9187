// The worker's side of the engine: it reads config, invoices and usage from IndexedDB
// itself (WorkerData: whole once, then only what a newer data version changed). A page
// sends only the data version it has seen and the app's today (web/src/lib/app/clock.ts),
// so a result is always computed from data at least that new and the worker never reads a clock.
// Of posted invoices the worker keeps a slim index; the whole ones of the periods a call
// shows are read here, just before it computes (docs/posted-index.md).
import type { Correction } from '../../../../shared/invoice/corrections.ts';
import type { Contract } from '../../../../shared/schema/workspace.ts';
import type { PeriodOptions, PeriodResult } from '../../../../shared/invoice/compute-period.ts';
import type { ItemExplanation } from '../../../../shared/billing/explain.ts';
import { dashboardOf, dashboardWindow, type Dashboard, type DashboardOptions } from '../../../../shared/insights/dashboard.ts';
import { withoutDays } from '../../../../shared/invoice/without-days.ts';
import type { InsightOptions, Insights } from '../../../../shared/insights/insights.ts';
import type { TrueupDb } from '../db/database.ts';
import { loadInvoices } from '../db/invoices.ts';
import { dataVersion } from '../db/data-version.ts';
import { getMeta } from '../db/meta.ts';
import type { InvoiceRow } from '../db/rows.ts';
import { postedWith } from '../../../../shared/invoice/posted.ts';
import type { Invoice } from '../../../../shared/schema/invoice.ts';
import { engineApi, type ItemRef, type PostOutcome, type PostRequest } from './api.ts';
import { WorkerData, type EngineWorkspace } from './worker-data.ts';
import { viewApi } from './views/api.ts';

/**
 * What a page sends with each call: the data version it has seen (meta `dataVersion`) and
 * the app's today.
 */
export interface EngineInputs {
  version: number;
  today: string;
  /** A contract being edited, in place of the stored one of the same id (the service editor's worked example); such calls are not cached. */
  draftContract?: Contract;
}

const CACHED = 16;

export class EngineSession {
  readonly db: TrueupDb;
  readonly data: WorkerData;
  #periods = new Map<string, Promise<PeriodResult>>();
  #insights = new Map<string, Promise<Insights>>();
  #cachedVersion = -1;

  constructor(db: TrueupDb, onRead?: () => void) {
    this.db = db;
    this.data = new WorkerData(db, onRead);
  }

  /** The workspace of inputs, as of their today. */
  async workspace(inputs: EngineInputs): Promise<EngineWorkspace> {
    const ws = await this.data.workspace(inputs.version);
    const draft = inputs.draftContract;
    const contracts = draft ? [...ws.contracts.filter((c) => c.id !== draft.id), draft] : ws.contracts;
    return { ...ws, contracts, asOf: inputs.today };
  }

  /** A period's billing, computed once per (data version, today, period, options). */
  async period(inputs: EngineInputs, period: string, options: PeriodOptions = {}): Promise<PeriodResult> {
    if (inputs.draftContract) return this.#withPosted(inputs, [period], options, (ws) => engineApi.computePeriod(ws, period, options));
    await this.data.ensure(inputs.version);
    this.#dropStale();
    const key = (o: PeriodOptions) => JSON.stringify([this.data.version, inputs.today, period, o]);
    // The dashboard computed this period with its days: Billing's plain request reads that result without them.
    const withDays = Object.keys(options).length === 0 ? this.#periods.get(key({ daily: true })) : undefined;
    if (withDays) return cached(this.#periods, key(options), async () => withoutDays(await withDays));
    return cached(this.#periods, key(options), () =>
      this.#withPosted(inputs, [period], options, (ws) => engineApi.computePeriod(ws, period, options)));
  }

  /**
   * Runs compute on the workspace with the whole standing posted invoices of periods (with
   * their daily quantities when options.daily), read from IndexedDB. The index may move on
   * while they are read (another call read a newer version): then the ones it names now are read.
   */
  async #withPosted<T>(inputs: EngineInputs, periods: readonly string[], options: { daily?: boolean; accounts?: readonly string[] }, compute: (ws: EngineWorkspace) => T): Promise<T> {
    const ws = await this.workspace(inputs);
    const only = options.accounts ? new Set(options.accounts) : null;
    const wanted = () => {
      const ids: string[] = [];
      for (const accountId of this.data.posted.accountIds()) {
        if (only && !only.has(accountId)) continue;
        const posted = this.data.posted.periods(accountId);
        for (const period of periods) {
          const id = posted?.get(period)?.id;
          if (id !== undefined) ids.push(id);
        }
      }
      return ids;
    };
    const read = new Map<string, Invoice>();
    for (let attempt = 0; ; attempt++) {
      const missing = wanted().filter((id) => !read.has(id));
      if (missing.length === 0) break;
      if (attempt > 0) await this.data.ensure(await dataVersion(this.db));
      if (attempt > 3) throw new Error(`posted invoices ${missing.slice(0, 3).join(', ')} could not be read`);
      for (const row of await this.#readWhole(missing, options.daily === true)) if (row) read.set(row.id, row);
    }
    return compute({ ...ws, posted: postedWith(ws.posted, { whole: [...read.values()] }) });
  }

  // As the config gives them (without the record's deleted flag); with their days when asked.
  async #readWhole(ids: readonly string[], daily: boolean): Promise<(Invoice & { id: string } | undefined)[]> {
    const rows: (InvoiceRow | undefined)[] = daily ? await loadInvoices(this.db, ids) : await this.db.invoices.bulkGet([...ids]);
    return rows.map((row) => {
      if (!row || row.deleted === true) return undefined;
      const { deleted: _deleted, ...invoice } = row;
      return invoice;
    });
  }

  // A result is keyed by the data version read when asked, and the worker never reads an
  // older one again: once it moves on, the cached results (a large tenant's period result
  // is tens of MB) can only be garbage.
  #dropStale(): void {
    if (this.#cachedVersion === this.data.version) return;
    this.#cachedVersion = this.data.version;
    this.#periods.clear();
    this.#insights.clear();
  }

  /** The insights, computed once per (data version, today, options). */
  async insights(inputs: EngineInputs, options: InsightOptions = {}): Promise<Insights> {
    await this.data.ensure(inputs.version);
    this.#dropStale();
    return cached(this.#insights, JSON.stringify([this.data.version, inputs.today, options]), async () =>
      engineApi.insights(await this.workspace(inputs), options));
  }

  /**
   * The dashboard from its periods' billing with days, through the period cache: the
   * screens opened next (Billing) read the same results instead of computing them again.
   */
  async dashboard(inputs: EngineInputs, period: string, options: DashboardOptions = {}): Promise<Dashboard> {
    const asOf = options.asOf ?? inputs.today;
    const { periods } = dashboardWindow(period, asOf, options.trendDays);
    if (asOf !== inputs.today || inputs.draftContract) {
      return this.#withPosted(inputs, periods, { daily: true }, (ws) => engineApi.dashboard(ws, period, options));
    }
    const results = await Promise.all(periods.map((p) => this.period(inputs, p, { daily: true })));
    return dashboardOf(results, period, asOf, options.trendDays);
  }
}

async function cached<T>(cache: Map<string, Promise<T>>, key: string, compute: () => Promise<T>): Promise<T> {
  let result = cache.get(key);
  if (result === undefined) {
    result = compute();
    cache.set(key, result);
    result.catch(() => cache.delete(key));
    if (cache.size > CACHED) cache.delete(cache.keys().next().value as string);
  }
  return result;
}

const HISTORY_PENDING = 'this browser is still pulling earlier usage from the edge; post once the sync status says Synced';

/** The object the engine worker exposes: the pure engine, plus the same calls on the session's data. */
export function workerApi(session: EngineSession) {
  return {
    ...engineApi,
    ...viewApi(session),
    async compute(inputs: EngineInputs, period: string, options: PeriodOptions = {}): Promise<PeriodResult> {
      return session.period(inputs, period, options);
    },
    async explain(inputs: EngineInputs, ref: ItemRef, options: { asOf?: string } = {}): Promise<ItemExplanation | null> {
      return engineApi.explainItem(await session.workspace(inputs), ref, options);
    },
    async post(inputs: EngineInputs, request: PostRequest): Promise<PostOutcome> {
      // Until a first pull's earlier days are in, a period's usage may be incomplete (sync/client.ts pullHistory).
      if ((await getMeta(session.db, 'uploadsHistory')) !== undefined) {
        return { posted: [], refused: request.accountIds.map((accountId) => ({ accountId, reason: HISTORY_PENDING })) };
      }
      return engineApi.postAccounts(await session.workspace(inputs), request);
    },
    async corrections(inputs: EngineInputs, options: { asOf: string; accountIds?: readonly string[] }): Promise<Correction[]> {
      return engineApi.corrections(await session.workspace(inputs), options);
    },
    async reported(inputs: EngineInputs, accountId: string): Promise<Record<string, string[]>> {
      return engineApi.reportedTypes(await session.workspace(inputs), accountId);
    },
    async dashboard(inputs: EngineInputs, period: string, options: DashboardOptions = {}): Promise<Dashboard> {
      return session.dashboard(inputs, period, options);
    },
    async insights(inputs: EngineInputs, options: InsightOptions = {}): Promise<Insights> {
      return session.insights(inputs, options);
    },
  };
}

export type WorkerApi = ReturnType<typeof workerApi>;
