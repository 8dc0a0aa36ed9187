// The service mapping of a contract as the tab edits it: one choice per (module, billing type).
import type { Contract, ServiceMapping } from '../../../../shared/schema/workspace.ts';

/** What a row is mapped to: a service id, IGNORE, or '' for not mapped. */
export const IGNORE = '__ignore__';

/** The choice of each mapped (module, billing type) of a contract. */
export function mappingChoices(contract: Contract): Map<string, string> {
  const choices = new Map<string, string>();
  for (const m of contract.serviceMappings) choices.set(`${m.module}\u0000${m.billingType}`, m.ignore === true ? IGNORE : m.serviceId);
  return choices;
}

/** The contract's mappings with one (module, billing type) set to choice ('' removes it); order kept, new ones appended. */
export function withChoice(mappings: readonly ServiceMapping[], module: string, billingType: string, choice: string): ServiceMapping[] {
  const next: ServiceMapping[] = [];
  let placed = false;
  const entry = (): ServiceMapping | null =>
    choice === '' ? null : choice === IGNORE ? { module, billingType, ignore: true } : { module, billingType, serviceId: choice };
  for (const m of mappings) {
    if (m.module === module && m.billingType === billingType) {
      const replacement = entry();
      if (replacement) next.push(replacement);
      placed = true;
    } else next.push(m);
  }
  if (!placed) {
    const added = entry();
    if (added) next.push(added);
  }
  return next;
}
