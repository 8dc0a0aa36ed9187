// The worked example as the service editor asks for it: computed in the engine worker from
// this tab's current inputs, with the contract being edited substituted. Nothing is saved.
import type { Contract } from '../../../../shared/schema/workspace.ts';
import { engineWorker, type LiveInputs } from '../engine/engine.svelte.ts';
import { examplesOf, type WorkedExample } from './worked-example.ts';

/** The current period of the contract's account with the draft contract, as of `asOf`; null while the inputs load. */
export async function draftExample(inputs: LiveInputs, contract: Contract, period: string, asOf: string): Promise<WorkedExample | null> {
  const snapshot = inputs.snapshot();
  if (!snapshot) return null;
  const { generation: _generation, version } = snapshot;
  return examplesOf(await engineWorker().compute({ version, today: asOf, draftContract: contract }, period, { asOf, accounts: [contract.accountId] }), contract);
}
