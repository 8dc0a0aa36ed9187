// The app's long-lived parts, handed to every screen through Svelte context: the
// database and the sync loop. Created once by the root layout.
import { getContext, setContext } from 'svelte';
import type { TrueupDb } from '../db/database.ts';
import type { SyncService } from '../sync/service.svelte.ts';

export interface App {
  db: TrueupDb;
  sync: SyncService;
}

const KEY = Symbol('trueup-app');

/** Makes the app available to the layout's children. */
export function provideApp(app: App): void {
  setContext(KEY, app);
}

/** The app, from any screen. */
export function useApp(): App {
  const app = getContext<App | undefined>(KEY);
  if (!app) throw new Error('useApp() called outside the app layout');
  return app;
}
