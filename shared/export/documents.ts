import { standingPosted } from '../posting/duplicates.ts';
import type { Invoice } from '../schema/invoice.ts';

/** An invoice as the export writes it: as posted, or reversed (voided after it was exported). */
export interface ExportDocument {
  invoice: Invoice;
  /** True: a reversal of an invoice voided after it was exported, written as a credit note. */
  reversal: boolean;
}

/** Which issue dates to export, both bounds inclusive (YYYY-MM-DD); absent: unbounded. */
export interface IssueRange {
  from?: string | undefined;
  to?: string | undefined;
}

/** The day an invoice was issued: its frozen issue date, else (older documents) the day it was posted. */
export function issueDay(invoice: Invoice): string | null {
  return invoice.issueDate ?? invoice.postedAt?.slice(0, 10) ?? null;
}

function inRange(day: string | null, range: IssueRange): boolean {
  if (range.from === undefined && range.to === undefined) return true;
  if (day === null) return false;
  return (range.from === undefined || day >= range.from) && (range.to === undefined || day <= range.to);
}

/**
 * The invoices accounting should see: posted ones whose issue date lies in the range, in
 * number order. Voided invoices never; of two posts of one account's period only the
 * one that stands (see docs/billing-rules.md#duplicate-posts), the other is to be voided.
 */
export function exportableInvoices(invoices: readonly Invoice[], range: IssueRange = {}): Invoice[] {
  return [...standingPosted(invoices).values()]
    .filter((invoice) => inRange(issueDay(invoice), range))
    .sort(byNumber);
}

/** Orders by invoice number; one without a number yet (offline post) last, by id. */
export function byNumber(a: Invoice, b: Invoice): number {
  const x = a.number ?? `\uffff${a.id ?? ''}`;
  const y = b.number ?? `\uffff${b.id ?? ''}`;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** True when the document is written in the target's credit-note form. */
export function isCredit(document: ExportDocument): boolean {
  return document.reversal || document.invoice.total.startsWith('-');
}

/** The number a document carries in the file: a reversal gets its own, so it never collides with the invoice. */
export function documentNumber(document: ExportDocument): string {
  const number = document.invoice.number ?? `pending-${document.invoice.id ?? ''}`;
  return document.reversal ? `CN-${number}` : number;
}
