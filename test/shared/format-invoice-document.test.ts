import { describe, expect, it } from 'vitest';
import { invoiceDocument } from '../../shared/format/invoice-document.ts';
import { formatMoney, formatPrice } from '../../shared/format/money.ts';
import { formatQty, plainQuantity } from '../../shared/format/quantity.ts';
import { brassOctober, cobaltVoided, rosewoodCredit } from '../support/export-workspace.ts';

describe('money and quantities as every invoice surface shows them', () => {
  it('formats in the tenant\'s currency with its minor digits, credits with a leading minus', () => {
    expect(formatMoney('1234.50', 'USD')).toBe('$1,234.50');
    expect(formatMoney('-3.20', 'USD')).toBe('-$3.20');
    expect(formatMoney('1200', 'JPY')).toBe('¥1,200');
    expect(formatMoney('12345678.90', 'EUR')).toBe('€12,345,678.90');
    expect(formatPrice('0.0125', 'USD')).toBe('$0.0125');
    expect(formatQty('1234.5000')).toBe('1,234.5');
    expect(plainQuantity('11.0000')).toBe('11');
    expect(plainQuantity('10.5160')).toBe('10.516');
  });
});

describe('the invoice document', () => {
  it('given Brass\'s posted October, shows frozen parties, dates, terms, groups with basis, tax and amount due', () => {
    const doc = invoiceDocument(brassOctober);
    expect(doc).toMatchObject({
      title: 'Invoice', number: 'INV-000001', mark: null, notice: null,
      from: { name: 'Northwind IT', lines: ['1 Main St'] },
      billTo: { name: 'Brass Building Supplies LLC', lines: ['(Brass Building Supplies)', '1 Foundry Rd', 'Suite 4', 'Springfield, IL 62701', 'ap@brass.example'] },
      facts: [
        { label: 'Invoice no.', value: 'INV-000001' }, { label: 'Issue date', value: '2 Nov 2026' }, { label: 'Due date', value: '17 Nov 2026' },
        { label: 'Terms', value: 'Net 15 days' }, { label: 'Period', value: 'October 2026' }, { label: 'Reference', value: 'PO-7781' },
      ],
      subtotal: '$943.86', taxes: [{ label: 'IL sales tax 6.25% on $993.86', amount: '$62.12' }], total: '$1,005.98', amountDue: '$1,005.98',
    });
    expect(doc.groups.map((g) => [g.name, g.subtotal, g.rows.map((r) => [r.description, r.notes, r.quantity, r.unitPrice, r.amount])])).toEqual([
      ['Fixed fees and charges', '$724.19', [
        ['Managed services', ['1 × 1500.00 × 16/31 days'], '1', '$1,500.00', '$774.19'],
        ['Goodwill credit', [], '1', '-$50.00', '-$50.00']]],
      ['datto-rmm', '$219.67', [
        ['Workstations', [], '42', '$5.00', '$210.00'],
        ['Workstations', ['Adjustment for September 2026: quantity 40 → 42', '2 × 5.00 × 29/30 days'], '2', '$5.00', '$9.67']]],
    ]);
  });

  it('marks a voided invoice VOID with nothing due, and a duplicate post to void the same way, naming the one that stands', () => {
    expect(invoiceDocument(cobaltVoided)).toMatchObject({ mark: 'VOID', amountDue: null, notice: 'This invoice was voided on 20 Nov 2026. Nothing is due.' });
    expect(invoiceDocument({ ...brassOctober, number: 'INV-000003' }, { duplicateOf: 'INV-000001' })).toMatchObject({
      mark: 'VOID', amountDue: null, notice: 'Duplicate post: INV-000001 is the invoice for this month. Void this one; nothing is due on it.',
    });
  });

  it('calls a negative total a credit note', () => {
    expect(invoiceDocument(rosewoodCredit)).toMatchObject({ title: 'Credit note', facts: [{ label: 'Credit note no.', value: 'INV-000002' }, { label: 'Issue date', value: '3 Nov 2026' }, { label: 'Due date', value: '3 Dec 2026' }, { label: 'Terms', value: 'Net 30 days' }, { label: 'Period', value: 'October 2026' }], total: '-$60.00' });
  });

  it('marks a pending invoice PREVIEW with the day of its figures and the parties as they are now', () => {
    const { issueDate: _i, dueDate: _d, from: _f, billTo: _b, ...rest } = brassOctober;
    const doc = invoiceDocument({ ...rest, status: 'draft', number: null }, {
      asOf: '2026-10-20', from: { name: 'Northwind IT', address: [], paymentTermsDays: 30 }, billTo: { name: 'Brass Building Supplies', paymentTermsDays: 15 },
    });
    expect(doc).toMatchObject({
      mark: 'PREVIEW', number: 'Preview', amountDue: null, notice: 'Preview — not an invoice, figures as of 20 Oct 2026',
      facts: [{ label: 'Invoice no.', value: 'Not issued' }, { label: 'Terms', value: 'Net 15 days' }, { label: 'Period', value: 'October 2026' }],
    });
  });

  it('formats a JPY invoice without minor digits', () => {
    const yen = { ...brassOctober, currency: 'JPY', subtotal: '1200', total: '1320', taxes: [{ name: 'Consumption tax', rate: '10', taxable: '1200', amount: '120' }],
      lines: [{ ...brassOctober.lines[1], unitPrice: '100', quantity: '12.0000', amount: '1200' } as (typeof brassOctober.lines)[number]] };
    expect(invoiceDocument(yen)).toMatchObject({ subtotal: '¥1,200', taxes: [{ label: 'Consumption tax 10% on ¥1,200', amount: '¥120' }], total: '¥1,320' });
  });
});
