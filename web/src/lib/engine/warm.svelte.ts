// The page's side of the engine worker's warm-up (views/warm.ts): once the data version
// has stayed still for a moment and no sync is pulling, the worker is asked to compute what
// Insights and Billing's first page of the current month read, so they open on a ready
// result. A newer version sends a newer warm-up, which supersedes the older one in the
// worker; the worker itself waits until no screen's call is in progress.
import type { TrueupDb } from '../db/database.ts';
import type { SyncService } from '../sync/service.svelte.ts';
import { currentPeriod } from '../billing/period.ts';
import { ACCOUNTS_PER_PAGE } from '../billing/pages.ts';
import { engineWorker, liveInputs } from './engine.svelte.ts';

/** How long the data version must stay still before a warm-up is sent. */
const SETTLE_MS = 1_000;

/** Keeps the worker's screen caches warm; create while the app layout initialises. */
export function warmScreens(db: TrueupDb, sync: Pick<SyncService, 'phase'>): void {
  const inputs = liveInputs(db);
  $effect(() => {
    if (sync.phase === 'starting' || sync.phase === 'syncing') return;
    const snapshot = inputs.snapshot();
    // a contract edit being previewed is about to be stored: warm what it stores
    if (!snapshot || snapshot.draftContract) return;
    const { version, today } = snapshot;
    const timer = setTimeout(() => {
      engineWorker().warmViews({ version, today }, { period: currentPeriod(today), pageSize: ACCOUNTS_PER_PAGE })
        // a warm-up only saves time later: one that failed leaves the screens to compute on open
        .catch(() => undefined);
    }, SETTLE_MS);
    return () => clearTimeout(timer);
  });
}
