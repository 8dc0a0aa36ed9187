// "Also correct posted months": the preview comes from the engine worker (recording is in
// ./record-corrections.ts). The engine guarantees the preview is empty once recorded.
import type { Correction } from '../../../../shared/invoice/corrections.ts';
import { engineWorker, type LiveInputs } from '../engine/engine.svelte.ts';

export type { Correction };

export interface CorrectionsOptions {
  /** The engine's today. */
  asOf: string;
  /** Only these accounts; absent: every account. */
  accountIds?: readonly string[];
}

/** The corrections due with today's configuration; null while the inputs load. */
export async function previewCorrections(inputs: LiveInputs, options: CorrectionsOptions): Promise<Correction[] | null> {
  const snapshot = inputs.snapshot();
  if (!snapshot) return null;
  const { generation: _generation, ...request } = snapshot;
  return engineWorker().corrections(request, options);
}
