// Warming the screens' caches in the engine worker once the data settles: Insights and
// Billing's first page of the current period are computed while nobody waits, so opening
// them reads a ready result. A warm-up only starts a step when no other call of the page
// has been in the worker for a moment (it never delays what a screen asked for, the
// dashboard's first figures included), shares the session's caches (a screen asking the
// same thing meanwhile waits for the same computation, never a second one), and gives up
// when newer data or a newer warm-up arrives.
import { dataVersion } from '../../db/data-version.ts';
import type { EngineInputs, EngineSession } from '../session.ts';

/** How long the worker must have had no other call before a warm-up step starts. */
export const QUIET_MS = 300;
/** A warm-up still waiting for quiet after this long gives up (the next data change brings another). */
const GIVE_UP_MS = 60_000;

/** The engine worker's calls in progress, and when the last one ended. */
export class EngineCalls {
  inFlight = 0;
  lastEnded = 0;

  start(): void {
    this.inFlight++;
  }

  end(now: number): void {
    this.inFlight--;
    this.lastEnded = now;
  }

  /** No call in progress, and none ended within the last QUIET_MS. */
  quiet(now: number): boolean {
    return this.inFlight === 0 && now - this.lastEnded >= QUIET_MS;
  }
}

/** The calls of the worker this file runs in (engine.worker.ts counts them with trackCalls). */
export const engineCalls = new EngineCalls();

/** The same API with every call counted in `calls` (the warm-up itself is not). */
export function trackCalls<T extends object>(api: T, calls: EngineCalls = engineCalls, now: () => number = () => performance.now()): T {
  const tracked: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(api)) {
    if (typeof value !== 'function' || name === 'warmViews') {
      tracked[name] = value;
      continue;
    }
    const call = value as (...args: unknown[]) => unknown;
    tracked[name] = (...args: unknown[]) => {
      calls.start();
      let result: unknown;
      try {
        result = call(...args);
      } catch (error) {
        calls.end(now());
        throw error;
      }
      if (result instanceof Promise) return result.finally(() => calls.end(now()));
      calls.end(now());
      return result;
    };
  }
  return tracked as T;
}

export interface WarmRequest {
  /** The period Billing opens on (the current one). */
  period: string;
  /** Billing's first page, as the screen asks for it. */
  pageSize: number;
}

export type WarmOutcome = 'warm' | 'superseded' | 'stale' | 'busy';

/** What a warm-up computes, in order: each is one call a screen makes when it opens. */
export interface WarmSteps {
  insights(inputs: EngineInputs): Promise<unknown>;
  billing(inputs: EngineInputs, request: WarmRequest): Promise<unknown>;
}

/** The warm-up's time: the worker's clock and its pauses (tests pass their own). */
export interface WarmClock {
  now(): number;
  pause(ms: number): Promise<void>;
}

const REAL_CLOCK: WarmClock = {
  now: () => performance.now(),
  pause: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
};

/**
 * The worker's warm-up call: each step waits for quiet, then checks that it is still the
 * newest warm-up and that the stored data is still the version it was asked for.
 */
export function viewWarmer(session: EngineSession, steps: WarmSteps, clock: WarmClock = REAL_CLOCK, calls: EngineCalls = engineCalls) {
  let latest = 0;
  const { now, pause } = clock;
  return async function warmViews(inputs: EngineInputs, request: WarmRequest): Promise<WarmOutcome> {
    const ticket = ++latest;
    const plain = { version: inputs.version, today: inputs.today };
    const started = now();
    for (const step of [() => steps.insights(plain), () => steps.billing(plain, request)]) {
      for (;;) {
        await pause(QUIET_MS);
        if (ticket !== latest) return 'superseded';
        if (calls.quiet(now())) {
          if ((await dataVersion(session.db)) !== plain.version) return 'stale';
          // a call may have come in while the version was read
          if (ticket !== latest) return 'superseded';
          if (calls.quiet(now())) break;
        }
        if (now() - started > GIVE_UP_MS) return 'busy';
      }
      await step();
    }
    return 'warm';
  };
}
