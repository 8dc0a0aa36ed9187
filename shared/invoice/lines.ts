import type { InvoiceLine } from '../schema/invoice.ts';
import type { Units } from '../money/scaled.ts';

/** A line with its exact amount and what orders it on its invoice. */
export interface OrderedLine {
  line: InvoiceLine;
  amount: Units;
  contractIndex: number;
  serviceIndex: number;
}

const KIND_RANK = { item: 0, adjustment: 1, charge: 2 } as const;

/**
 * Sorts lines so each module's lines are together (docs/billing-rules.md#invoices): modules in catalog order
 * (custom ones after), items before adjustments, then contract, service and period.
 */
export function orderLines(lines: OrderedLine[], moduleRank: ReadonlyMap<string, number>): OrderedLine[] {
  // fixed items and charges (no module) form a group of their own, after the modules
  const rank = (module: string | null) => (module === null ? Number.MAX_SAFE_INTEGER : moduleRank.get(module) ?? Number.MAX_SAFE_INTEGER - 1);
  const name = (module: string | null) => module ?? '';
  return [...lines].sort((a, b) =>
    rank(a.line.module) - rank(b.line.module)
    || (name(a.line.module) < name(b.line.module) ? -1 : name(a.line.module) > name(b.line.module) ? 1 : 0)
    || KIND_RANK[a.line.kind] - KIND_RANK[b.line.kind]
    || a.contractIndex - b.contractIndex
    || a.serviceIndex - b.serviceIndex
    || (a.line.period < b.line.period ? -1 : a.line.period > b.line.period ? 1 : 0));
}

// Every term an item line is priced with: posting freezes them all, null where the
// service has none (see docs/billing-rules.md#posting-freezes).
const ITEM_TERMS = ['unitPrice', 'unitCost', 'billing', 'minimumQuantity', 'includedQuantity', 'tiers', 'tierMode', 'taxable', 'activeFrom', 'activeTo', 'sources'] as const;
const KEPT = ['serviceName', 'moduleName', 'billing', 'unitPrice', 'unitCost', 'taxable', 'basis', 'chargeId', 'description', 'corrects', 'margin', 'oldQuantity', 'newQuantity', 'daily'] as const;

/** The fields an invoice line keeps when it is posted (the engine's extra fields dropped). */
export function frozenLine(line: InvoiceLine): InvoiceLine {
  const frozen: InvoiceLine = {
    kind: line.kind, contractId: line.contractId ?? null, serviceId: line.serviceId ?? null, module: line.module, period: line.period,
    quantity: line.quantity, amount: line.amount, cost: line.cost, estimated: line.estimated,
  };
  for (const key of KEPT) {
    if (line[key] !== undefined) Object.assign(frozen, { [key]: line[key] });
  }
  if (line.kind === 'item') {
    for (const key of ITEM_TERMS) Object.assign(frozen, { [key]: structuredClone(line[key] ?? null) });
  }
  return frozen;
}
