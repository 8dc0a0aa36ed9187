// The worker's side of the engine: it reads config, invoices and usage from IndexedDB
// itself (WorkerData: whole once, then only what a newer data version changed). A page
// sends only the data version it has seen and the app's today (web/src/lib/app/clock.ts),
// so a result is always computed from data at least that new and the worker never reads a clock.
import type { Correction } from '../../../../shared/invoice/corrections.ts';
import type { Contract } from '../../../../shared/schema/workspace.ts';
import type { PeriodOptions, PeriodResult } from '../../../../shared/invoice/compute-period.ts';
import type { ItemExplanation } from '../../../../shared/billing/explain.ts';
import type { Dashboard, DashboardOptions } from '../../../../shared/insights/dashboard.ts';
import type { InsightOptions, Insights } from '../../../../shared/insights/insights.ts';
import { addDays } from '../../../../shared/dates/day.ts';
import { periodEnd, periodOf } from '../../../../shared/dates/period.ts';
import type { TrueupDb } from '../db/database.ts';
import { loadInvoices } from '../db/invoices.ts';
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

  constructor(db: TrueupDb) {
    this.db = db;
    this.data = new WorkerData(db);
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
    if (inputs.draftContract) return engineApi.computePeriod(await this.workspace(inputs), period, options);
    await this.data.ensure(inputs.version);
    return cached(this.#periods, JSON.stringify([this.data.version, inputs.today, period, options]), async () => {
      const result = engineApi.computePeriod(await this.workspace(inputs), period, options);
      return options.daily === true ? this.#withFrozenDays(result) : result;
    });
  }

  // Posted invoices come from rows without their days: asked for days, they get them back.
  async #withFrozenDays(result: PeriodResult): Promise<PeriodResult> {
    const posted = result.invoices.filter((i) => i.status !== 'draft' && i.id !== undefined);
    if (posted.length === 0) return result;
    const full = new Map((await loadInvoices(this.db, posted.map((i) => i.id as string))).flatMap((i) => (i ? [[i.id, i] as const] : [])));
    return { ...result, invoices: result.invoices.map((i) => (i.id !== undefined && i.status !== 'draft' ? { ...i, lines: full.get(i.id)?.lines.length === i.lines.length ? (full.get(i.id)?.lines ?? i.lines) : i.lines } : i)) };
  }

  /** The insights, computed once per (data version, today, options). */
  async insights(inputs: EngineInputs, options: InsightOptions = {}): Promise<Insights> {
    await this.data.ensure(inputs.version);
    return cached(this.#insights, JSON.stringify([this.data.version, inputs.today, options]), async () =>
      engineApi.insights(await this.workspace(inputs), options));
  }

  /** The dashboard: posted invoices of the periods its trend reads get their daily quantities back. */
  async dashboard(inputs: EngineInputs, period: string, options: DashboardOptions = {}): Promise<Dashboard> {
    const ws = await this.workspace(inputs);
    const asOf = options.asOf ?? inputs.today;
    const end = periodEnd(period);
    const to = end < asOf ? end : asOf;
    const periods = new Set([period]);
    for (let day = addDays(to, -((options.trendDays ?? 30) - 1)); day <= to; day = addDays(day, 1)) periods.add(periodOf(day));
    const wanted = ws.invoices.filter((i) => periods.has(i.period));
    const full = new Map((await loadInvoices(this.db, wanted.map((i) => i.id ?? ''))).flatMap((i) => (i ? [[i.id, i] as const] : [])));
    return engineApi.dashboard({ ...ws, invoices: ws.invoices.map((i) => (i.id !== undefined && full.get(i.id)) || i) }, period, options);
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
