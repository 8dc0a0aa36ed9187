// What a sync-worker call answers, as plain data: an EdgeError does not survive postMessage
// as itself, so a failure travels as its fields and the page builds the same error again.
// Kept apart from remote.ts so the page never loads the edge client it runs in the worker.
import { EdgeError, type EdgeErrorKind, type EdgeIssue } from './edge-error.ts';

export type Outcome<T> =
  | { ok: true; result: T }
  | { ok: false; edge: { kind: EdgeErrorKind; message: string; status: number | null; issues: EdgeIssue[] } | null; message: string };

/** Runs the call in the worker and answers its result or its failure as data. */
export async function settle<T>(call: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, result: await call() };
  } catch (error) {
    if (error instanceof EdgeError) return { ok: false, edge: { kind: error.kind, message: error.message, status: error.status, issues: [...error.issues] }, message: error.message };
    return { ok: false, edge: null, message: error instanceof Error ? error.message : String(error) };
  }
}

/** The outcome's failure as the error the page handles. */
export function outcomeError(outcome: Extract<Outcome<unknown>, { ok: false }>): Error {
  const edge = outcome.edge;
  return edge ? new EdgeError(edge.kind, edge.message, edge.status, edge.issues) : new Error(outcome.message);
}

/** The outcome's result on the page, or its failure thrown. */
export function resultOf<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw outcomeError(outcome);
  return outcome.result;
}
