// Charges, tax, parties and dates written like invoices. Rules: docs/billing-rules.md#charges,
// docs/billing-rules.md#tax, docs/billing-rules.md#parties-and-dates.
import { describe, expect, it } from 'vitest';
import { computePeriod } from '../../shared/invoice/compute-period.ts';
import { postInvoice } from '../../shared/posting/post.ts';
import type { Invoice } from '../../shared/schema/invoice.ts';
import type { Workspace, WorkspaceInput } from '../../shared/schema/workspace.ts';
import { scenario, uploadsEachDay } from '../support/billing.ts';

// September 2026: 10 devices on days 1–15, 11 on 16–30 → 10.5000 × 5.00 = 52.50.
const september = uploadsEachDay('datto-rmm', '2026-09-01', '2026-09-30', (d) => ({ 's-17': { AllDevicesMetric: d <= '2026-09-15' ? 10 : 11 } }));
const october = uploadsEachDay('datto-rmm', '2026-10-01', '2026-10-31', () => ({ 's-17': { AllDevicesMetric: 11 } }));

function brass(extra: Partial<WorkspaceInput> & { tax?: { name: string; rate: string } | null; unitPrice?: string; taxable?: boolean; terms?: number } = {}): Workspace {
  const { tax, unitPrice, taxable, terms, ...rest } = extra;
  return scenario({
    asOf: '2026-10-05',
    enabledModules: ['datto-rmm'],
    accounts: [
      { id: 'a1', name: 'Brass Building Supplies', billing: { legalName: 'Brass Building Supplies LLC', address: ['12 Quarry Rd', 'Springfield, IL 62701'], ...(tax === undefined ? {} : { tax }), ...(terms === undefined ? {} : { paymentTermsDays: terms }) } },
      { id: 'a2', name: 'Rosewood Real Estate' },
    ],
    orgMappings: [{ module: 'datto-rmm', orgId: 's-17', accountId: 'a1' }],
    contracts: [{
      id: 'c1', accountId: 'a1', name: 'Managed Services', startDate: '2026-01-01', endDate: null,
      services: [{ id: 's1', name: 'Workstations', unitPrice: unitPrice ?? '5.00', unitCost: '1.20', billing: 'daily', ...(taxable === undefined ? {} : { taxable }) }],
      serviceMappings: [{ module: 'datto-rmm', billingType: 'AllDevicesMetric', serviceId: 's1' }],
    }],
    uploads: [...september, ...october],
    ...rest,
  });
}

function invoiceOf(ws: Workspace, period: string, accountId = 'a1'): Invoice {
  const invoice = computePeriod(ws, period).invoices.find((i) => i.accountId === accountId);
  if (!invoice) throw new Error(`no invoice for ${accountId}`);
  return invoice;
}

const onboarding = { id: 'ch1', accountId: 'a1', period: '2026-09', description: 'Onboarding', quantity: '1', unitPrice: '250.00' };
const goodwill = { id: 'ch2', accountId: 'a1', period: '2026-09', description: 'Goodwill credit', quantity: '1', unitPrice: '-50.00' };

describe('charges', () => {
  it('bills one-off charges and credits as lines of their own after the items', () => {
    const invoice = invoiceOf(brass({ charges: [onboarding, goodwill] }), '2026-09');
    expect(invoice.lines.map(({ kind, chargeId, description, corrects, module, period, quantity, unitPrice, amount }) => ({ kind, chargeId, description, corrects, module, period, quantity, unitPrice, amount }))).toEqual([
      { kind: 'item', chargeId: undefined, description: undefined, corrects: undefined, module: 'datto-rmm', period: '2026-09', quantity: '10.5000', unitPrice: '5.00', amount: '52.50' },
      { kind: 'charge', chargeId: 'ch1', description: 'Onboarding', corrects: null, module: null, period: '2026-09', quantity: '1.0000', unitPrice: '250.00', amount: '250.00' },
      { kind: 'charge', chargeId: 'ch2', description: 'Goodwill credit', corrects: null, module: null, period: '2026-09', quantity: '1.0000', unitPrice: '-50.00', amount: '-50.00' },
    ]);
    expect(invoice).toMatchObject({ subtotal: '252.50', taxes: [], total: '252.50', creditNote: false });
  });

  it('rounds quantity × unit price once: 3 × 0.333 = 0.999 → 1.00; unit cost gives a cost', () => {
    const line = invoiceOf(brass({ charges: [{ ...onboarding, quantity: '3', unitPrice: '0.333', unitCost: '0.111' }] }), '2026-09').lines[1];
    expect(line).toMatchObject({ kind: 'charge', amount: '1.00', cost: '0.33', margin: '0.67' });
  });

  it('gives an account with only charges an invoice, and a credit note when it is negative', () => {
    const invoice = invoiceOf(brass({ charges: [{ ...goodwill, accountId: 'a2' }] }), '2026-09', 'a2');
    expect(invoice).toMatchObject({ accountId: 'a2', subtotal: '-50.00', total: '-50.00', creditNote: true });
  });

  it('lands a charge whose period is already posted on the next invoice not posted, labelled with its period', () => {
    let ws = brass({ asOf: '2026-10-01' });
    ws = postInvoice(ws, 'a1', '2026-09', { number: 'INV-000001', postedAt: '2026-10-01T08:00:00Z' });
    ws = { ...ws, charges: [{ ...onboarding, taxable: true, unitCost: null, corrects: null }] };
    expect(invoiceOf(ws, '2026-09').lines.map((l) => l.kind)).toEqual(['item']);
    const oct = invoiceOf(ws, '2026-10');
    expect(oct.lines.map((l) => [l.kind, l.period, l.amount])).toEqual([['item', '2026-10', '55.00'], ['charge', '2026-09', '250.00']]);
  });

  it('posts a charge with its invoice, and then bills it never again', () => {
    let ws = brass({ asOf: '2026-11-01', charges: [onboarding] });
    ws = postInvoice(ws, 'a1', '2026-09', { number: 'INV-000001', postedAt: '2026-10-01T08:00:00Z' });
    expect(ws.invoices[0]?.lines[1]).toMatchObject({ kind: 'charge', chargeId: 'ch1', description: 'Onboarding', amount: '250.00', taxable: true });
    expect(invoiceOf(ws, '2026-10').lines.map((l) => l.kind)).toEqual(['item']);
  });
});

describe('tax', () => {
  const sales = { name: 'IL sales tax', rate: '6.25' };
  it('taxes the taxable lines per invoice, rounded once: 302.50 × 6.25% = 18.90625 → 18.91', () => {
    const invoice = invoiceOf(brass({ tax: sales, charges: [onboarding] }), '2026-09');
    expect(invoice).toMatchObject({ subtotal: '302.50', taxes: [{ name: 'IL sales tax', rate: '6.25', taxable: '302.50', amount: '18.91' }], total: '321.41' });
  });

  it('rounds a tax of exactly half a cent away from zero: 10.00 × 6.25% = 0.625 → 0.63', () => {
    const uploads = uploadsEachDay('datto-rmm', '2026-09-01', '2026-09-30', () => ({ 's-17': { AllDevicesMetric: 2 } }));
    const invoice = invoiceOf(brass({ tax: sales, uploads }), '2026-09');
    expect(invoice).toMatchObject({ subtotal: '10.00', taxes: [{ taxable: '10.00', amount: '0.63' }], total: '10.63' });
  });

  it('rounds a negative half away from zero too: −10.00 × 6.25% = −0.625 → −0.63', () => {
    const credit = { ...goodwill, accountId: 'a1', unitPrice: '-10.00' };
    const ws = brass({ tax: sales, charges: [credit], contracts: [] , orgMappings: [] });
    expect(invoiceOf(ws, '2026-09')).toMatchObject({ subtotal: '-10.00', taxes: [{ taxable: '-10.00', amount: '-0.63' }], total: '-10.63', creditNote: true });
  });

  it('leaves lines of a non-taxable service or charge out of the taxable base', () => {
    const invoice = invoiceOf(brass({ tax: sales, taxable: false, charges: [onboarding, { ...goodwill, taxable: false }] }), '2026-09');
    // Taxable: only the 250.00 onboarding → 15.625 → 15.63.
    expect(invoice).toMatchObject({ subtotal: '252.50', taxes: [{ taxable: '250.00', amount: '15.63' }], total: '268.13' });
    expect(invoice.lines.map((l) => l.taxable)).toEqual([false, true, false]);
  });

  it('an exempt account (tax null) and one without tax details pay no tax', () => {
    expect(invoiceOf(brass({ tax: null, charges: [onboarding] }), '2026-09')).toMatchObject({ subtotal: '302.50', taxes: [], total: '302.50' });
    expect(invoiceOf(brass({ charges: [{ ...onboarding, accountId: 'a2' }] }), '2026-09', 'a2')).toMatchObject({ subtotal: '250.00', taxes: [], total: '250.00' });
  });

  it('a JPY invoice with 10% tax: 10.5 × ¥500 = ¥5250, + ¥5 charge = ¥5255, tax ¥525.5 → ¥526', () => {
    const ws = brass({ currency: 'JPY', unitPrice: '500', tax: { name: '消費税', rate: '10' }, charges: [{ ...onboarding, unitPrice: '5' }] });
    const invoice = invoiceOf(ws, '2026-09');
    expect(invoice.lines.map((l) => l.amount)).toEqual(['5250', '5']);
    expect(invoice).toMatchObject({ currency: 'JPY', subtotal: '5255', taxes: [{ name: '消費税', rate: '10', taxable: '5255', amount: '526' }], total: '5781' });
  });

  it('adjustments take their item\'s taxability', () => {
    let ws = brass({ tax: sales, taxable: false, asOf: '2026-10-01' });
    ws = postInvoice(ws, 'a1', '2026-09', { number: 'INV-000001', postedAt: '2026-10-01T08:00:00Z' });
    ws = { ...ws, uploads: [...ws.uploads, ...uploadsEachDay('datto-rmm', '2026-09-16', '2026-09-30', () => ({ 's-17': { AllDevicesMetric: 21 } }))] };
    const oct = invoiceOf(ws, '2026-10');
    expect(oct.lines.map((l) => [l.kind, l.amount, l.taxable])).toEqual([['item', '55.00', false], ['adjustment', '25.00', false]]);
    expect(oct.taxes).toEqual([{ name: 'IL sales tax', rate: '6.25', taxable: '0.00', amount: '0.00' }]);
  });
});

describe('parties and dates frozen at posting', () => {
  const profile = { name: 'Northwind IT', address: ['1 Main St', 'Springfield, IL 62701'], email: 'billing@northwind.example', paymentTermsDays: 21, footer: 'Thank you.', export: { dateFormat: 'YYYY-MM-DD' as const } };

  it('posts with from = the profile, billTo = the account\'s name and billing, issued the posting day, due after the account\'s terms', () => {
    const ws = postInvoice(brass({ profile, tax: { name: 'IL sales tax', rate: '6.25' }, terms: 15, asOf: '2026-10-02' }), 'a1', '2026-09', { number: 'INV-000001', postedAt: '2026-10-02T08:00:00Z' });
    expect(ws.invoices[0]).toMatchObject({
      issueDate: '2026-10-02', dueDate: '2026-10-17',
      from: { name: 'Northwind IT', address: ['1 Main St', 'Springfield, IL 62701'], email: 'billing@northwind.example', paymentTermsDays: 21, footer: 'Thank you.' },
      billTo: { name: 'Brass Building Supplies', legalName: 'Brass Building Supplies LLC', address: ['12 Quarry Rd', 'Springfield, IL 62701'], paymentTermsDays: 15, tax: { name: 'IL sales tax', rate: '6.25' } },
      subtotal: '52.50', taxes: [{ amount: '3.28' }], total: '55.78',
    });
    expect(ws.invoices[0]?.from).not.toHaveProperty('export');
  });

  it('falls back to the profile\'s terms, then to 30 days', () => {
    const withProfile = postInvoice(brass({ profile, asOf: '2026-10-02' }), 'a1', '2026-09', { number: 'INV-000001', postedAt: '2026-10-02T08:00:00Z' });
    expect(withProfile.invoices[0]).toMatchObject({ issueDate: '2026-10-02', dueDate: '2026-10-23' });
    const bare = postInvoice(brass({ asOf: '2026-10-02' }), 'a1', '2026-09', { number: 'INV-000001', postedAt: '2026-10-02T08:00:00Z' });
    expect(bare.invoices[0]).toMatchObject({ dueDate: '2026-11-01', from: { name: '', address: [] }, billTo: { name: 'Brass Building Supplies' } });
  });

  it('a rename or a new address after posting changes no posted invoice', () => {
    let ws = postInvoice(brass({ profile, asOf: '2026-10-02' }), 'a1', '2026-09', { number: 'INV-000001', postedAt: '2026-10-02T08:00:00Z' });
    ws = { ...ws, profile: { ...profile, name: 'Northwind Managed IT' }, accounts: ws.accounts.map((a) => (a.id === 'a1' ? { ...a, name: 'Brass & Co', billing: { legalName: 'Brass & Co Inc' } } : a)) };
    expect(invoiceOf(ws, '2026-09')).toMatchObject({ status: 'posted', from: { name: 'Northwind IT' }, billTo: { name: 'Brass Building Supplies', legalName: 'Brass Building Supplies LLC' } });
  });
});
