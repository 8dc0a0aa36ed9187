// While a pull has more pages to come (a first sync's snapshot, a backlog of module-days),
// the page's live reads wait: each stored page would otherwise make every screen's queries
// and the engine's figures re-read the growing tables, once per page, competing with the
// pull for the machine. The screens refresh once the pull ends. A routine sync (one page, or
// the change log, whose length is unknown) never holds them.
import type { SyncProgress } from './client.ts';

let held = false;
const listeners = new Set<(held: boolean) => void>();

/** Whether live reads are held now. */
export function readsHeld(): boolean {
  return held;
}

/**
 * A pull with more pages to come holds the reads, except a first pull's history: the figures
 * show while it runs, and its days reach the engine when it ends (client.ts pullHistory).
 */
export function pullHolds(progress: SyncProgress | null): boolean {
  return progress !== null && progress.phase !== 'history' && progress.total !== null && progress.done < progress.total;
}

export function holdReads(next: boolean): void {
  if (next === held) return;
  held = next;
  for (const listener of listeners) listener(next);
}

/** Calls back when the hold starts or ends; answers the unsubscribe. */
export function onReadsHeld(listener: (held: boolean) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
