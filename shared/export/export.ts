import type { Invoice } from '../schema/invoice.ts';
import type { ExportFormat } from './formats.ts';
import { exportContext, type ExportSource } from './context.ts';
import { exportableInvoices, type ExportDocument, type IssueRange } from './documents.ts';
import { exportLines } from './export-line.ts';
import { LINES_COLUMNS, linesRow } from './lines-format.ts';
import { QBO_COLUMNS, qboRow } from './qbo.ts';
import { toCsv, type ExportRow } from './row.ts';
import { XERO_COLUMNS, xeroRow } from './xero.ts';

export { EXPORT_FORMATS, type ExportFormat } from './formats.ts';

export interface ExportRequest extends IssueRange {
  format: ExportFormat;
  /** Voided invoices that were exported before: written as reversals in the credit-note form. */
  reversals?: readonly Invoice[] | undefined;
  /** Invoice numbers to leave out (already exported): applied after duplicates are settled. */
  skip?: ReadonlySet<string> | undefined;
}

const COLUMNS: Record<ExportFormat, readonly string[]> = { xero: XERO_COLUMNS, qbo: QBO_COLUMNS, lines: LINES_COLUMNS };

/** The documents an export writes: the exportable invoices, then the reversals asked for. */
export function exportDocuments(invoices: readonly Invoice[], request: ExportRequest): ExportDocument[] {
  return [
    ...exportableInvoices(invoices, request).filter((i) => i.number === null || !request.skip?.has(i.number)).map((invoice) => ({ invoice, reversal: false })),
    ...(request.reversals ?? []).map((invoice) => ({ invoice, reversal: true })),
  ];
}

/** The rows of the export, one per invoice line. */
export function exportRows(invoices: readonly Invoice[], source: ExportSource, request: ExportRequest): ExportRow[] {
  const context = exportContext(source);
  return exportDocuments(invoices, request).flatMap((document) => exportLines(document, context).map((line) => {
    if (request.format === 'xero') return xeroRow(line, context);
    if (request.format === 'qbo') return qboRow(line, context);
    return linesRow(line, context, document.invoice);
  }));
}

/** The export as CSV text in the target's import template. */
export function exportCsv(invoices: readonly Invoice[], source: ExportSource, request: ExportRequest): string {
  return toCsv(COLUMNS[request.format], exportRows(invoices, source, request));
}
