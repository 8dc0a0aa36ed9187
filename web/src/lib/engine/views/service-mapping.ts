// An account's Service mapping tab as the worker answers it: per module with orgs mapped to
// the account, only the billing types the account has (reported by its orgs, or already
// chosen on the contract), not every type the module defines; and the contract's figures
// for the period per service.
import type { ModuleDef } from '../../../../../shared/schema/module.ts';
import type { BillingItem } from '../../../../../shared/billing/item.ts';
import type { ServiceMapping } from '../../../../../shared/schema/workspace.ts';
import { sumAmounts } from '../../../../../shared/money/sum.ts';

export interface MappingTypeRow {
  id: string;
  label: string;
  unit: string;
  /** Reported by the account's orgs with a non-zero quantity. */
  reported: boolean;
}

export interface MappingModuleRows {
  id: string;
  name: string;
  /** Orgs of the module mapped to the account. */
  orgs: number;
  types: MappingTypeRow[];
}

export interface ServiceMappingView {
  modules: MappingModuleRows[];
  /** Billing types the modules define that are left out (not the account's). */
  hiddenTypes: number;
  /** The contract's pending amount per service for the period. */
  serviceTotals: Record<string, string>;
}

export interface ServiceMappingInput {
  /** Enabled modules with orgs mapped to the account, in catalog order. */
  modules: readonly ModuleDef[];
  /** Every known module (to show the ones a saved mapping still names). */
  known: ReadonlyMap<string, ModuleDef>;
  orgCounts: ReadonlyMap<string, number>;
  /** Module → billing types the account's orgs reported. */
  reported: Readonly<Record<string, readonly string[]>>;
  mappings: readonly ServiceMapping[];
  /** The period's items of the contract. */
  items: readonly BillingItem[];
  serviceIds: readonly string[];
  currency: string;
  /** Every type the modules define, not only the account's (for a new account that has reported nothing yet). */
  allTypes?: boolean;
}

/** The rows of the tab: the account's own billing types, module by module. */
export function serviceMappingView(input: ServiceMappingInput): ServiceMappingView {
  const shownModules = [...input.modules];
  for (const m of input.mappings) {
    if (shownModules.some((d) => d.id === m.module)) continue;
    const def = input.known.get(m.module);
    if (def) shownModules.push(def);
  }
  const modules = shownModules.map((def): MappingModuleRows => {
    const reported = new Set(input.reported[def.id] ?? []);
    const chosen = new Set(input.mappings.filter((m) => m.module === def.id).map((m) => m.billingType));
    const types = def.billingTypes
      .filter((t) => input.allTypes === true || reported.has(t.id) || chosen.has(t.id))
      .map((t) => ({ id: t.id, label: t.label, unit: t.unit, reported: reported.has(t.id) }));
    // a type reported that the module does not define (a custom feed's new metric) still needs a choice
    const defined = new Set(def.billingTypes.map((t) => t.id));
    for (const id of [...reported, ...chosen]) {
      if (!defined.has(id) && !types.some((t) => t.id === id)) types.push({ id, label: id, unit: 'count', reported: reported.has(id) });
    }
    return { id: def.id, name: def.name, orgs: input.orgCounts.get(def.id) ?? 0, types };
  });
  const serviceTotals: Record<string, string> = {};
  for (const serviceId of input.serviceIds) {
    serviceTotals[serviceId] = sumAmounts(input.items.filter((i) => i.serviceId === serviceId).map((i) => i.amount), input.currency);
  }
  const hiddenTypes = shownModules.reduce((n, def, i) => {
    const shown = new Set(modules[i]?.types.map((t) => t.id));
    return n + def.billingTypes.filter((t) => !shown.has(t.id)).length;
  }, 0);
  return { modules, hiddenTypes, serviceTotals };
}
