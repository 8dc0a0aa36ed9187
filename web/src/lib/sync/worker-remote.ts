// The tab's sync worker (sync.worker.ts), started on first use and shared by the sync loop
// and the connectors' state.
import { wrap, type Remote } from 'comlink';
import type { SyncRemote } from './remote.ts';

let remote: Remote<SyncRemote> | undefined;

export function syncWorker(): Remote<SyncRemote> {
  remote ??= wrap<SyncRemote>(new Worker(new URL('./sync.worker.ts', import.meta.url), { type: 'module' }));
  return remote;
}
