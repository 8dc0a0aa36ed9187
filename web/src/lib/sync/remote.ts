// What the sync worker offers the page: one sync round, its outcome as plain data. An
// EdgeError does not survive postMessage as itself, so a failure travels as its fields and
// the page builds the same EdgeError again (see syncInWorker).
import type { TrueupDb } from '../db/database.ts';
import { followPageClock } from '../app/clock.ts';
import { syncOnce, type SyncProgress, type SyncResult } from './client.ts';
import { EdgeError, type EdgeConnection, type EdgeErrorKind, type EdgeIssue } from './edge.ts';

export type RoundOutcome =
  | { ok: true; result: SyncResult }
  | { ok: false; edge: { kind: EdgeErrorKind; message: string; status: number | null; issues: EdgeIssue[] } | null; message: string };

export function syncRemote(db: TrueupDb) {
  return {
    /** `pageNow`: the page's appNow(), so the clocks this round stamps follow the app's one clock. */
    async round(conn: Pick<EdgeConnection, 'baseUrl' | 'token'>, pageNow: number, onProgress: (progress: SyncProgress) => void): Promise<RoundOutcome> {
      followPageClock(pageNow);
      try {
        return { ok: true, result: await syncOnce(db, { baseUrl: conn.baseUrl, token: conn.token }, onProgress) };
      } catch (error) {
        if (error instanceof EdgeError) return { ok: false, edge: { kind: error.kind, message: error.message, status: error.status, issues: [...error.issues] }, message: error.message };
        return { ok: false, edge: null, message: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}

export type SyncRemote = ReturnType<typeof syncRemote>;

/** The outcome's failure as the error the page handles. */
export function outcomeError(outcome: Extract<RoundOutcome, { ok: false }>): Error {
  const edge = outcome.edge;
  return edge ? new EdgeError(edge.kind, edge.message, edge.status, edge.issues) : new Error(outcome.message);
}
