import { formatExportDate } from './date-format.ts';
import type { ExportContext } from './context.ts';
import type { ExportLine } from './export-line.ts';
import type { ExportRow } from './row.ts';

/** Xero's sales invoice import template, in Xero's order (`*` = required by Xero). */
export const XERO_COLUMNS = [
  '*ContactName', 'EmailAddress', 'POAddressLine1', 'POAddressLine2', 'POAddressLine3', 'POAddressLine4',
  'POCity', 'PORegion', 'POPostalCode', 'POCountry', '*InvoiceNumber', 'Reference', '*InvoiceDate', '*DueDate',
  'InventoryItemCode', '*Description', '*Quantity', '*UnitAmount', 'Discount', '*AccountCode', '*TaxType',
  'TrackingName1', 'TrackingOption1', 'TrackingName2', 'TrackingOption2', 'Currency', 'BrandingTheme',
] as const;

/**
 * One Xero row. A credit note goes in the same file with negative unit amounts: Xero
 * imports a document whose total is negative as a credit note.
 */
export function xeroRow(line: ExportLine, context: ExportContext): ExportRow {
  const address = line.party.address ?? [];
  const date = (day: string) => (day ? formatExportDate(day, context.settings.dateFormat) : '');
  return [
    { text: line.contactName }, { text: line.party.email ?? '' },
    { text: address[0] ?? '' }, { text: address[1] ?? '' }, { text: address[2] ?? '' }, { text: address.slice(3).join(', ') },
    { text: '' }, { text: '' }, { text: '' }, { text: '' },
    { text: line.number }, { text: line.reversal ? `Reversal of ${line.originalNumber} (voided)` : line.party.reference ?? '' },
    { raw: date(line.issueDate) }, { raw: date(line.dueDate) },
    { text: '' }, { text: line.description }, { raw: line.quantity }, { raw: line.unitAmount }, { text: '' },
    { text: line.accountCode }, { text: line.taxName },
    { text: '' }, { text: '' }, { text: '' }, { text: '' }, { text: line.currency }, { text: '' },
  ];
}
