// "Also correct posted months": the preview comes from the engine worker (recording is in
// ./record-corrections.ts). The engine guarantees the preview is empty once recorded.
import type { Remote } from 'comlink';
import { engineWorker, type LiveInputs } from '../engine/engine.svelte.ts';
import type { Correction, CorrectionsCall, CorrectionsOptions } from './corrections-types.ts';

/** The corrections due with today's configuration; null while the inputs load. */
export async function previewCorrections(inputs: LiveInputs, options: CorrectionsOptions): Promise<Correction[] | null> {
  const snapshot = inputs.snapshot();
  if (!snapshot) return null;
  const { generation: _generation, ...request } = snapshot;
  // The worker's `corrections` call is wired at merge (see corrections-types.ts).
  const worker = engineWorker() as unknown as Remote<CorrectionsCall>;
  return worker.corrections(request, options);
}
