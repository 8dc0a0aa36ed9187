// Two pulls running side by side (a first sync's snapshot and its recent module-days) reported
// as one progress: the one still paging, so the screens stay held while either is
// (pull-hold.ts), and the changes' while both are.
import type { OnProgress, SyncProgress } from './client.ts';

const paging = (p: SyncProgress | null): p is SyncProgress => p !== null && p.total !== null && p.done < p.total;

export function sideBySide(onProgress: OnProgress | undefined): { changes: OnProgress; uploads: OnProgress } {
  let changes: SyncProgress | null = null;
  let uploads: SyncProgress | null = null;
  const emit = (latest: SyncProgress) => onProgress?.(paging(changes) ? changes : paging(uploads) ? uploads : latest);
  return {
    changes: (p) => { changes = p; emit(p); },
    uploads: (p) => { uploads = p; emit(p); },
  };
}
