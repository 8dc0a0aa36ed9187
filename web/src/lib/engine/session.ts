// The worker's side of the engine: it reads the uploads from IndexedDB itself (off the
// main thread, and only again when they changed) and takes the small config from the
// page with every call. A call names the uploads version the page has seen, so a result
// is always computed from data at least that new.
import type { Correction } from '../../../../shared/invoice/corrections.ts';
import type { Upload } from '../../../../shared/schema/upload.ts';
import type { Workspace } from '../../../../shared/schema/workspace.ts';
import type { PeriodOptions, PeriodResult } from '../../../../shared/invoice/compute-period.ts';
import type { ItemExplanation } from '../../../../shared/billing/explain.ts';
import type { TrueupDb } from '../db/database.ts';
import type { WorkspaceConfig } from '../db/config.ts';
import type { Dashboard, DashboardOptions } from '../../../../shared/insights/dashboard.ts';
import type { InsightOptions, Insights } from '../../../../shared/insights/insights.ts';
import { engineApi, type ItemRef, type PostOutcome, type PostRequest } from './api.ts';
import { viewApi } from './views/api.ts';

/**
 * What a page sends with each call: the config it sees, the version of the uploads it has
 * seen, and the app's today (web/src/lib/app/clock.ts), so the worker never reads a clock.
 */
export interface EngineInputs {
  config: WorkspaceConfig;
  uploadsVersion: number;
  today: string;
}

export class EngineSession {
  #db: TrueupDb;
  #uploads: { version: number; rows: Promise<Upload[]> } | null = null;

  #periods = new Map<string, Promise<PeriodResult>>();

  constructor(db: TrueupDb) {
    this.#db = db;
  }

  /** The worker's own database (views read its tables directly). */
  get db(): TrueupDb { return this.#db; }

  /** A period's result, computed once per inputs, period and options: several views of one period share it. */
  async period(inputs: EngineInputs, period: string, options: PeriodOptions = {}): Promise<PeriodResult> {
    const key = JSON.stringify([inputs, period, options]);
    let result = this.#periods.get(key);
    if (!result) {
      result = this.workspace(inputs).then((ws) => engineApi.computePeriod(ws, period, options));
      if (this.#periods.size >= 4) this.#periods.clear();
      this.#periods.set(key, result);
      result.catch(() => this.#periods.delete(key));
    }
    return result;
  }

  async insights(inputs: EngineInputs, options: InsightOptions = {}): Promise<Insights> {
    return engineApi.insights(await this.workspace(inputs), options);
  }

  /** The workspace of inputs: its config with the uploads, re-read when their version moved. */
  async workspace(inputs: EngineInputs): Promise<Workspace> {
    if (this.#uploads?.version !== inputs.uploadsVersion) {
      this.#uploads = { version: inputs.uploadsVersion, rows: this.#db.uploads.toArray() };
    }
    const uploads = await this.#uploads.rows;
    return { ...inputs.config, uploads, asOf: inputs.today };
  }
}

/** The object the engine worker exposes: the pure engine, plus the same calls on the session's workspace. */
export function workerApi(session: EngineSession) {
  return {
    ...engineApi,
    ...viewApi(session),
    async compute(inputs: EngineInputs, period: string, options: PeriodOptions = {}): Promise<PeriodResult> {
      return engineApi.computePeriod(await session.workspace(inputs), period, options);
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
      return engineApi.dashboard(await session.workspace(inputs), period, options);
    },
    async insights(inputs: EngineInputs, options: InsightOptions = {}): Promise<Insights> {
      return engineApi.insights(await session.workspace(inputs), options);
    },
  };
}

export type WorkerApi = ReturnType<typeof workerApi>;
