import { formatExportDate } from './date-format.ts';
import type { ExportContext } from './context.ts';
import type { ExportLine } from './export-line.ts';
import type { ExportRow } from './row.ts';

/** QuickBooks Online's invoice import columns, in its order. */
export const QBO_COLUMNS = [
  'Invoice number', 'Customer', 'Invoice date', 'Due date', 'Terms', 'Item(Product/Service)', 'Item description',
  'Item quantity', 'Item rate', 'Item amount', 'Item tax code', 'Service date', 'Memo',
] as const;

/**
 * One QuickBooks Online row. QuickBooks' invoice import takes no negative totals; a credit
 * note keeps its own number, negative amounts and a memo saying so, and is entered as a
 * credit memo (see README "Accounting exports").
 */
export function qboRow(line: ExportLine, context: ExportContext): ExportRow {
  const date = (day: string) => (day ? formatExportDate(day, context.settings.dateFormat) : '');
  const memo = line.reversal ? `Credit memo: reversal of ${line.originalNumber} (voided)`
    : line.credit ? `Credit memo for ${line.originalNumber}` : line.party.reference ?? '';
  return [
    { text: line.number }, { text: line.contactName }, { raw: date(line.issueDate) }, { raw: date(line.dueDate) },
    { text: `Net ${line.termsDays}` }, { text: line.service }, { text: line.description },
    { raw: line.quantity }, { raw: line.unitAmount }, { raw: line.amount }, { text: line.taxName },
    { raw: date(line.serviceDate) }, { text: memo },
  ];
}
