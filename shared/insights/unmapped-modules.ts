import type { Contract } from '../schema/workspace.ts';

/** An enabled module whose billing types no contract bills. */
export interface UnbilledModule {
  module: string;
}

/**
 * Enabled modules for which no contract maps any billing type to a service: enabled for
 * billing, yet nothing of theirs reaches an invoice. An Ignore choice bills nothing, so
 * it does not count as a mapping here.
 */
export function modulesWithoutServices(ws: { enabledModules: readonly string[]; contracts: readonly Pick<Contract, 'serviceMappings'>[] }): UnbilledModule[] {
  const billed = new Set<string>();
  for (const contract of ws.contracts) {
    for (const mapping of contract.serviceMappings) if (mapping.ignore !== true) billed.add(mapping.module);
  }
  return [...new Set(ws.enabledModules)].filter((m) => !billed.has(m)).sort().map((module) => ({ module }));
}
