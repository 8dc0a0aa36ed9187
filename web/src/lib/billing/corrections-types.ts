// The engine's "correct posted months" preview, as this branch's screens call it. The engine
// (shared/invoice/corrections.ts, `previewCorrections(ws, { asOf, accountIds })`) and its
// worker call `corrections` land from another branch; until they are merged the types are
// declared here so the screens compile. At merge: import `Correction` from the engine and
// drop the cast in ./corrections.ts (see the report).
import type { Charge } from '../../../../shared/schema/workspace.ts';
import type { EngineInputs } from '../engine/session.ts';

/** The difference between what was posted for an account and period and a recompute with today's configuration. */
export interface Correction {
  accountId: string;
  period: string;
  /** Amounts as decimal strings in the tenant's currency. */
  posted: string;
  recomputed: string;
  delta: string;
  /** The charge that records it (`corrects` = period) on the account's next open invoice. */
  charge: Charge;
}

export interface CorrectionsOptions {
  /** The engine's today. */
  asOf: string;
  /** Only these accounts; absent: every account. */
  accountIds?: readonly string[];
}

/** The engine worker's call, computed on this tab's inputs (the worker reads the uploads itself). */
export interface CorrectionsCall {
  corrections(inputs: EngineInputs, options: CorrectionsOptions): Promise<Correction[]>;
}
