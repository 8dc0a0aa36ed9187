// What the sync worker offers the page: one sync round, and the edge calls the page needs on
// every start (the connectors' health for the header), each answered as plain data (outcome.ts).
// The edge client and its answer schemas (zod) load in the worker, not in the page's first load.
import type { TrueupDb } from '../db/database.ts';
import type { ConnectorInfo } from '../../../../shared/schema/connectors.ts';
import { appToday, followPageClock } from '../app/clock.ts';
import { syncOnce, type SyncProgress, type SyncResult } from './client.ts';
import { fetchConnectors } from './connectors.ts';
import { nextEngineRead } from '../engine/read-signal.ts';
import type { EdgeConnection } from './edge-error.ts';
import { settle, type Outcome } from './outcome.ts';

type Connection = Pick<EdgeConnection, 'baseUrl' | 'token'>;

/** The longest a first pull's earlier days wait for the engine's read (no screen may ask for figures). */
const HISTORY_WAIT_MS = 20_000;

export function syncRemote(db: TrueupDb) {
  return {
    /** `pageNow`: the page's appNow(), so the clocks this round stamps follow the app's one clock. */
    async round(conn: Connection, pageNow: number, onProgress: (progress: SyncProgress) => void): Promise<Outcome<SyncResult>> {
      followPageClock(pageNow);
      return settle(() => syncOnce(db, { baseUrl: conn.baseUrl, token: conn.token }, onProgress, { today: appToday(), historyAfter: () => nextEngineRead(HISTORY_WAIT_MS) }));
    },
    /** The tenant's connectors as the edge reports them. */
    async connectors(conn: Connection): Promise<Outcome<ConnectorInfo[]>> {
      return settle(() => fetchConnectors({ baseUrl: conn.baseUrl, token: conn.token }));
    },
  };
}

export type SyncRemote = ReturnType<typeof syncRemote>;
