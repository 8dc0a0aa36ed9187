import { amountUnits, formatAmount } from '../money/amount.ts';
import type { Invoice } from '../schema/invoice.ts';

/** A contract service billed with no unit cost: its lines have no margin. */
export interface UncostedService {
  contractId: string;
  serviceId: string;
  serviceName: string;
}

/** Revenue figures of a set of invoice lines (amounts as decimal strings of the currency). */
export interface RevenueFigures {
  /** Σ amounts of draft invoices' lines (items and adjustments). */
  pending: string;
  /** Σ amounts of posted invoices' lines. */
  posted: string;
  /** pending + posted. */
  total: string;
  /** Σ amounts of the lines that have a cost: what `cost` and `margin` are measured on. */
  costedAmount: string;
  cost: string;
  /** costedAmount − cost. */
  margin: string;
  /** Lines with no cost (their service has no unit cost). */
  uncostedLines: number;
  uncostedServices: UncostedService[];
  lines: number;
}

export interface ModuleRevenue extends RevenueFigures {
  module: string;
  moduleName: string;
}

interface Sums {
  pending: bigint;
  posted: bigint;
  costedAmount: bigint;
  cost: bigint;
  uncostedLines: number;
  uncosted: Map<string, UncostedService>;
  lines: number;
}

const empty = (): Sums => ({ pending: 0n, posted: 0n, costedAmount: 0n, cost: 0n, uncostedLines: 0, uncosted: new Map(), lines: 0 });

function figures(sums: Sums, currency: string): RevenueFigures {
  return {
    pending: formatAmount(sums.pending, currency),
    posted: formatAmount(sums.posted, currency),
    total: formatAmount(sums.pending + sums.posted, currency),
    costedAmount: formatAmount(sums.costedAmount, currency),
    cost: formatAmount(sums.cost, currency),
    margin: formatAmount(sums.costedAmount - sums.cost, currency),
    uncostedLines: sums.uncostedLines,
    uncostedServices: [...sums.uncosted.values()].sort((a, b) => a.serviceName.localeCompare(b.serviceName)),
    lines: sums.lines,
  };
}

function merge(into: Sums, from: Sums): void {
  into.pending += from.pending;
  into.posted += from.posted;
  into.costedAmount += from.costedAmount;
  into.cost += from.cost;
  into.uncostedLines += from.uncostedLines;
  into.lines += from.lines;
  for (const [key, service] of from.uncosted) into.uncosted.set(key, service);
}

/**
 * A period's revenue per module, from the period's invoices (drafts are pending, posted
 * ones posted; voided ones are not revenue): exact sums of the rounded line amounts, the
 * way invoice totals are made. Sorted by module name.
 */
export function revenueByModule(invoices: readonly Invoice[], currency: string): ModuleRevenue[] {
  const byModule = new Map<string, { name: string; sums: Sums }>();
  for (const invoice of invoices) {
    if (invoice.status === 'voided') continue;
    for (const line of invoice.lines) {
      // fixed fees and charges have no module; they are revenue of their own group
      const module = line.module ?? '';
      let entry = byModule.get(module);
      if (!entry) {
        entry = { name: line.moduleName ?? (line.module ?? 'Fixed fees and charges'), sums: empty() };
        byModule.set(module, entry);
      }
      const sums = entry.sums;
      const amount = amountUnits(line.amount, currency);
      if (invoice.status === 'posted') sums.posted += amount;
      else sums.pending += amount;
      sums.lines++;
      if (line.cost === null) {
        sums.uncostedLines++;
        const contractId = line.contractId ?? '';
        const serviceId = line.serviceId ?? line.chargeId ?? '';
        sums.uncosted.set(`${contractId}\u0000${serviceId}`, { contractId, serviceId, serviceName: line.serviceName ?? line.description ?? serviceId });
      } else {
        sums.costedAmount += amount;
        sums.cost += amountUnits(line.cost, currency);
      }
    }
  }
  return [...byModule]
    .map(([module, { name, sums }]) => ({ module, moduleName: name, ...figures(sums, currency) }))
    .sort((a, b) => a.moduleName.localeCompare(b.moduleName) || a.module.localeCompare(b.module));
}

/** The figures of the given module rows together (all of them, or only `module`'s). */
export function revenueTotals(rows: readonly ModuleRevenue[], currency: string, module?: string): RevenueFigures {
  const total = empty();
  for (const row of rows) {
    if (module !== undefined && module !== '' && row.module !== module) continue;
    const sums: Sums = {
      pending: amountUnits(row.pending, currency),
      posted: amountUnits(row.posted, currency),
      costedAmount: amountUnits(row.costedAmount, currency),
      cost: amountUnits(row.cost, currency),
      uncostedLines: row.uncostedLines,
      uncosted: new Map(row.uncostedServices.map((s) => [`${s.contractId}\u0000${s.serviceId}`, s])),
      lines: row.lines,
    };
    merge(total, sums);
  }
  return figures(total, currency);
}
