import type { Invoice } from '../schema/invoice.ts';
import { exportableInvoices } from './documents.ts';

/** What a format has already received: invoice numbers exported, and numbers whose reversal was. */
export interface ExportedSoFar {
  invoices: ReadonlySet<string>;
  reversals: ReadonlySet<string>;
}

/**
 * "Not yet exported" for one format: the exportable invoices it has not received, and the
 * invoices it received that were voided since, whose reversal it has not received.
 */
export function notYetExported(invoices: readonly Invoice[], exported: ExportedSoFar): { invoices: Invoice[]; reversals: Invoice[] } {
  return {
    invoices: exportableInvoices(invoices).filter((i) => i.number !== null && !exported.invoices.has(i.number)),
    reversals: invoices.filter((i) => i.status === 'voided' && i.number !== null && exported.invoices.has(i.number) && !exported.reversals.has(i.number)),
  };
}
