// Invoice numbers as the edge hands them out: INV- and six digits, more when the tenant
// passes a million invoices, read back and ordered by their sequence number.
import { describe, expect, it } from 'vitest';
import { compareInvoiceNumbers, formatInvoiceNumber, nextInvoiceNumber, parseInvoiceNumber } from '../../shared/posting/number.ts';
import type { Invoice } from '../../shared/schema/invoice.ts';

const numbered = (...numbers: (string | null)[]) => ({ invoices: numbers.map((number) => ({ number }) as Invoice) });

describe('invoice numbers', () => {
  it('formats the n-th number padded to six digits, keeping every digit past a million', () => {
    expect(formatInvoiceNumber(1)).toBe('INV-000001');
    expect(formatInvoiceNumber(999_999)).toBe('INV-999999');
    expect(formatInvoiceNumber(1_000_000)).toBe('INV-1000000');
    expect(() => formatInvoiceNumber(0)).toThrow(/from 1/);
  });

  it('reads a number back, and nothing else', () => {
    expect(parseInvoiceNumber('INV-000042')).toBe(42);
    expect(parseInvoiceNumber('INV-1000000')).toBe(1_000_000);
    for (const text of ['INV-', 'inv-000001', 'INV-12a', '000001', 'INV-000000']) expect(parseInvoiceNumber(text)).toBeNull();
  });

  it('orders by sequence number, not by text', () => {
    const sorted = ['INV-1000000', 'INV-000002', 'INV-999999', 'legacy-7'].sort(compareInvoiceNumbers);
    expect(sorted).toEqual(['INV-000002', 'INV-999999', 'INV-1000000', 'legacy-7']);
  });

  it('continues the sequence after the highest number, voided ones included, past a million', () => {
    expect(nextInvoiceNumber(numbered())).toBe('INV-000001');
    expect(nextInvoiceNumber(numbered('INV-999999', null, 'INV-000003'))).toBe('INV-1000000');
    expect(nextInvoiceNumber(numbered('INV-1000000', 'INV-999999'))).toBe('INV-1000001');
  });
});
