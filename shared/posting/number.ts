// Invoice numbering, in one place: the format people see (INV-000001), reading it back,
// and the order of two numbers. The edge assigns the numbers (worker/store/changes.ts
// formats them in SQL from INVOICE_NUMBER below); see docs/billing-rules.md#numbering.
import { postedOf, type PostedSource } from '../invoice/posted.ts';

/** How an invoice number is written: the prefix, then the sequence number zero-padded to `digits` (longer numbers keep every digit). */
export const INVOICE_NUMBER = { prefix: 'INV-', digits: 6 } as const;

const NUMBER = /^INV-(\d+)$/;

/** Formats the n-th invoice number: INV-000001. */
export function formatInvoiceNumber(n: number): string {
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`invoice sequence number ${n} must be a whole number from 1`);
  return `${INVOICE_NUMBER.prefix}${String(n).padStart(INVOICE_NUMBER.digits, '0')}`;
}

/** The sequence number of an invoice number (INV-000042 → 42), or null when it is not one. */
export function parseInvoiceNumber(text: string): number | null {
  const match = NUMBER.exec(text);
  if (!match) return null;
  const n = Number(match[1]);
  return Number.isSafeInteger(n) && n >= 1 ? n : null;
}

/**
 * Orders two invoice numbers by their sequence number, never by the padded text (which
 * would put INV-1000000 before INV-999999); text that is not a number sorts after, by text.
 */
export function compareInvoiceNumbers(a: string, b: string): number {
  const x = parseInvoiceNumber(a);
  const y = parseInvoiceNumber(b);
  if (x !== null && y !== null && x !== y) return x - y;
  if (x !== null && y === null) return -1;
  if (x === null && y !== null) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The next number of the tenant's gapless sequence, counting posted and voided invoices (a void never frees its number). */
export function nextInvoiceNumber(ws: PostedSource): string {
  return formatInvoiceNumber(postedOf(ws).highestNumber() + 1);
}
