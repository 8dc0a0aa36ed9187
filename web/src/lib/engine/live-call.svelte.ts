// A worker call kept live (PeriodBilling is one): re-run whenever the
// engine inputs or the query change; the answer is tagged with the inputs generation and
// query it came from, so a screen can tell a stale answer from a current one.
import type { LiveInputs } from './engine.svelte.ts';
import type { EngineInputs } from './session.ts';

interface Answer<Q, T> {
  generation: number;
  key: string;
  query: Q;
  value: T;
}

interface Request<Q> {
  ticket: number;
  generation: number;
  key: string;
  query: Q;
  request: EngineInputs;
}

/** The latest answer of `call` for the current inputs and `query()`. Create while a component initialises. */
export class LiveEngineCall<Q, T> {
  #inputs: LiveInputs;
  #query: () => Q;
  #answer = $state.raw<Answer<Q, T> | null>(null);
  #error = $state<string | null>(null);
  #ticket = 0;
  #settled = $state(0);
  // At most one call in flight: requests made meanwhile (a sync writes page after page) wait,
  // and only the newest of them is sent, so the worker never computes answers nobody reads.
  #inFlight = false;
  #waiting: Request<Q> | null = null;

  /** `hold`: while it is true no call is made (e.g. during a sync's pull, whose every page would start one). */
  constructor(source: LiveInputs, query: () => Q, call: (inputs: EngineInputs, query: Q) => Promise<T>, hold: () => boolean = () => false) {
    this.#inputs = source;
    this.#query = query;
    $effect(() => {
      if (hold()) return;
      const q = query();
      const key = JSON.stringify(q);
      const snapshot = source.snapshot();
      if (!snapshot) return;
      const ticket = ++this.#ticket;
      const { generation, ...request } = snapshot;
      this.#send({ ticket, generation, key, query: q, request }, call);
    });
  }

  #send(next: Request<Q>, call: (inputs: EngineInputs, query: Q) => Promise<T>): void {
    if (this.#inFlight) {
      this.#waiting = next;
      return;
    }
    this.#inFlight = true;
    const { ticket, generation, key, query } = next;
    call(next.request, query).then(
      (value) => {
        // a newer request supersedes this answer, whatever order they come back in
        if (ticket !== this.#ticket) return;
        this.#answer = { generation, key, query, value };
        this.#error = null;
        this.#settled++;
      },
      (e: unknown) => {
        if (ticket !== this.#ticket) return;
        this.#error = e instanceof Error ? e.message : String(e);
        this.#settled++;
      },
    ).finally(() => {
      this.#inFlight = false;
      const waiting = this.#waiting;
      this.#waiting = null;
      if (waiting) this.#send(waiting, call);
    });
  }

  /** The latest answer, possibly for older inputs or another query (see `current`). */
  get result(): T | null { return this.#answer?.value ?? null; }
  /** The query the shown answer is for. */
  get query(): Q | null { return this.#answer?.query ?? null; }
  /** True when the answer reflects the latest inputs and query. */
  get current(): boolean {
    const answer = this.#answer;
    return answer !== null && answer.generation === this.#inputs.generation && answer.key === JSON.stringify(this.#query());
  }
  get error(): string | null { return this.#error; }
  get generation(): number { return this.#answer?.generation ?? -1; }
  /** Counts answers (results and errors). */
  get settled(): number { return this.#settled; }
}
