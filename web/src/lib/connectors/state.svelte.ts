// The tenant's connectors as the edge reports them, shared by the Modules screen, the
// header and Insights; refreshed after every sync and after a run.
import { getContext, setContext } from 'svelte';
import type { ConnectorInfo } from '../../../../shared/schema/connectors.ts';
import type { TrueupDb } from '../db/database.ts';
import { loadConnection } from '../sync/connection.ts';
import type { EdgeConnection } from '../sync/edge-error.ts';
import { resultOf } from '../sync/outcome.ts';
import { syncWorker } from '../sync/worker-remote.ts';
import { connectorProblems, type ConnectorProblem } from './health.ts';
import { appNow } from '../app/clock.ts';

export class ConnectorsState {
  #db: TrueupDb;
  #origin: string;
  list = $state<ConnectorInfo[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);
  now = $state(appNow());

  constructor(db: TrueupDb, origin: string) {
    this.#db = db;
    this.#origin = origin;
  }

  get problems(): ConnectorProblem[] {
    return connectorProblems(this.list, this.now);
  }

  byModule(module: string): ConnectorInfo | null {
    return this.list.find((c) => c.module === module) ?? null;
  }

  /** The edge connection, or null before a token is known. */
  connection(): Promise<EdgeConnection | null> {
    return loadConnection(this.#db, this.#origin);
  }

  async refresh(): Promise<void> {
    const conn = await this.connection();
    if (!conn) return;
    try {
      // Through the sync worker: the edge client and its schemas stay out of the page's first load.
      this.list = resultOf(await syncWorker().connectors({ baseUrl: conn.baseUrl, token: conn.token }));
      this.error = null;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.now = appNow();
      this.loaded = true;
    }
  }
}

const KEY = Symbol('trueup-connectors');

export function provideConnectors(state: ConnectorsState): void {
  setContext(KEY, state);
}

export function useConnectors(): ConnectorsState {
  const state = getContext<ConnectorsState | undefined>(KEY);
  if (!state) throw new Error('useConnectors() called outside the app layout');
  return state;
}
