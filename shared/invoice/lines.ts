import type { InvoiceLine } from '../schema/invoice.ts';
import type { BillingItem } from '../billing/item.ts';

/** The invoice line of a billing item; daily quantities ride along when the item has them. */
export function itemLine(item: BillingItem): InvoiceLine {
  const line: InvoiceLine = {
    kind: 'item',
    contractId: item.contractId,
    serviceId: item.serviceId,
    module: item.module,
    period: item.period,
    serviceName: item.serviceName,
    moduleName: item.moduleName,
    billing: item.billing,
    unitPrice: item.unitPrice,
    quantity: item.quantity,
    amount: item.amount,
    cost: item.cost,
    margin: item.margin,
    estimated: item.estimated,
  };
  if (item.daily) line.daily = item.daily;
  return line;
}

/** A line with what orders it on its invoice: module (catalog order), items before adjustments, contract, service, period. */
export interface OrderedLine {
  line: InvoiceLine;
  contractIndex: number;
  serviceIndex: number;
}

/** Sorts lines so each module's lines are together (SPEC §6), in a stable, predictable order. */
export function orderLines(lines: OrderedLine[], moduleRank: ReadonlyMap<string, number>): InvoiceLine[] {
  const rank = (module: string) => moduleRank.get(module) ?? Number.MAX_SAFE_INTEGER;
  return [...lines].sort((a, b) =>
    rank(a.line.module) - rank(b.line.module)
    || (a.line.module < b.line.module ? -1 : a.line.module > b.line.module ? 1 : 0)
    || (a.line.kind === b.line.kind ? 0 : a.line.kind === 'item' ? -1 : 1)
    || a.contractIndex - b.contractIndex
    || a.serviceIndex - b.serviceIndex
    || (a.line.period < b.line.period ? -1 : a.line.period > b.line.period ? 1 : 0),
  ).map((entry) => entry.line);
}
