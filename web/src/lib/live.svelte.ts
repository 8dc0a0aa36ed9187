// Dexie's liveQuery as a rune: the value re-reads whenever the tables it read change,
// whoever wrote them (this screen, the sync, another tab). Call it while a component
// initialises; reactive state read by the query re-subscribes it.
import { untrack } from 'svelte';
import { liveQuery } from 'dexie';
import { onReadsHeld, readsHeld } from './sync/pull-hold.ts';

// The pull hold as reactive state, so each live query's effect follows it.
let held = $state(readsHeld());
onReadsHeld((next) => { held = next; });

export interface Live<T> {
  /** The latest result (the initial value until the first read finishes). */
  readonly current: T;
  /** True once the first read finished. */
  readonly ready: boolean;
  readonly error: unknown;
}

/** A live IndexedDB query whose result is plain (not deeply reactive) state. */
export function live<T>(query: () => T | Promise<T>, initial: T): Live<T> {
  let current = $state.raw(initial);
  let ready = $state(false);
  let error = $state.raw<unknown>(null);
  $effect(() => {
    // During a long pull the last result stays; the query runs again once it ends (sync/pull-hold.ts).
    // A screen opened meanwhile still gets one first read.
    if (held) {
      if (!untrack(() => ready)) void Promise.resolve().then(query).then((value) => { current = value; ready = true; }, (e: unknown) => { error = e; });
      return;
    }
    const subscription = liveQuery(query).subscribe({
      next: (value) => {
        current = value;
        ready = true;
        error = null;
      },
      error: (e: unknown) => {
        error = e;
      },
    });
    return () => subscription.unsubscribe();
  });
  return {
    get current() { return current; },
    get ready() { return ready; },
    get error() { return error; },
  };
}
