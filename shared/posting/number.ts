import type { Invoice } from '../schema/invoice.ts';

const NUMBER = /^INV-(\d+)$/;

/** Formats the n-th invoice number: INV-000001. */
export function formatInvoiceNumber(n: number): string {
  return `INV-${String(n).padStart(6, '0')}`;
}

/** The next number of the tenant's gapless sequence, counting posted and voided invoices (a void never frees its number). */
export function nextInvoiceNumber(ws: { invoices: readonly Invoice[] }): string {
  let highest = 0;
  for (const invoice of ws.invoices) {
    const match = invoice.number === null ? null : NUMBER.exec(invoice.number);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return formatInvoiceNumber(highest + 1);
}
