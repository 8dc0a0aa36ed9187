// Facts about invoice lines the billing screens show beside the engine's figures.
import type { InvoiceLine } from '../../../../shared/schema/invoice.ts';
import { sumAmounts } from '../../../../shared/money/sum.ts';

/** The stable identity of a line on a screen: item or adjustment of a (contract, service, module, period). */
export function lineId(line: Pick<InvoiceLine, 'kind' | 'contractId' | 'serviceId' | 'module' | 'period'>): string {
  return [line.kind, line.contractId, line.serviceId, line.module, line.period].join('|');
}

/** How many of the line's days were carried forward from an earlier upload. */
export function carriedDays(line: InvoiceLine): number {
  return (line.daily ?? []).filter((d) => d.carried && !d.estimated).length;
}

/** Σ of the lines' amounts (or costs, or margins), exactly; null when no line has the figure. */
export function sumLines(lines: readonly { amount: string; cost: string | null; margin?: string | null | undefined }[], field: 'amount' | 'cost' | 'margin', currency: string): string | null {
  const values = lines.map((line) => line[field]).filter((value): value is string => value !== null && value !== undefined);
  return values.length > 0 ? sumAmounts(values, currency) : null;
}
