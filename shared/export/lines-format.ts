import { formatExportDate } from './date-format.ts';
import type { ExportContext } from './context.ts';
import type { ExportLine } from './export-line.ts';
import type { ExportRow } from './row.ts';

/** trueup's own flat file: every line with its own quantity, unit price, tax and basis. */
export const LINES_COLUMNS = [
  'invoiceNumber', 'accountId', 'accountName', 'period', 'issueDate', 'dueDate', 'kind', 'originalPeriod', 'module',
  'service', 'description', 'quantity', 'unitPrice', 'amount', 'taxName', 'taxRate', 'taxable', 'basis', 'currency',
] as const;

function originalPeriod(line: ExportLine['line'], invoicePeriod: string): string {
  if (line.kind === 'adjustment') return line.period;
  if (line.kind === 'charge') return line.corrects ?? (line.period !== invoicePeriod ? line.period : '');
  return '';
}

/** One row of the lines file. */
export function linesRow(line: ExportLine, context: ExportContext, invoice: { accountId: string; period: string }): ExportRow {
  const date = (day: string) => (day ? formatExportDate(day, context.settings.dateFormat) : '');
  return [
    { text: line.number }, { text: invoice.accountId }, { text: line.party.name }, { raw: invoice.period },
    { raw: date(line.issueDate) }, { raw: date(line.dueDate) }, { text: line.line.kind },
    { raw: originalPeriod(line.line, invoice.period) }, { text: line.line.module ?? '' },
    { text: line.line.kind === 'charge' ? '' : line.service }, { text: line.label },
    { raw: line.rawQuantity }, { raw: line.rawUnitPrice }, { raw: line.amount },
    { text: line.taxName }, { raw: line.taxRate }, { raw: String(line.taxable) }, { text: line.line.basis ?? '' }, { text: line.currency },
  ];
}
