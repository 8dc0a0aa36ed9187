import { describe, expect, it } from 'vitest';
import { postAllPlan } from '../../../web/src/lib/billing/post-all.ts';
import type { Invoice } from '../../../shared/schema/invoice.ts';

const invoice = (accountId: string, total: string, status: Invoice['status'] = 'draft'): Invoice => ({ accountId, period: '2026-10', status, number: null, total, lines: [] });

describe('Approve & Post all: what the confirmation shows', () => {
  const invoices = [invoice('brass', '1611.25'), invoice('cobalt', '0.00'), invoice('rosewood', '-50.00'), invoice('elm', '420.00', 'posted'), invoice('fir', '0.00')];

  it('leaves out $0.00 invoices and posted ones, and sums the rest exactly (a credit note counts negative)', () => {
    expect(postAllPlan(invoices, 'USD', false)).toEqual({ accountIds: ['brass', 'rosewood'], total: '1561.25', zero: 2 });
  });

  it('includes the $0.00 invoices when the admin ticks it', () => {
    expect(postAllPlan(invoices, 'USD', true)).toEqual({ accountIds: ['brass', 'cobalt', 'rosewood', 'fir'], total: '1561.25', zero: 2 });
  });

  it('counts zero in the currency: a yen invoice of 0 is $0.00-like', () => {
    expect(postAllPlan([invoice('a', '0'), invoice('b', '1200')], 'JPY', false)).toEqual({ accountIds: ['b'], total: '1200', zero: 1 });
  });
});
