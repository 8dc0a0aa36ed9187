// A posted October for the export tests, written out by hand as the engine posts it:
// Brass (taxed at 6.25 %) with a part-month fixed fee, a usage line, a goodwill credit
// and an adjustment of September; Rosewood (exempt, its legal name a formula) with a
// credit note; a duplicate post of Brass's October; a voided invoice; Brass's November.
import type { Invoice } from '../../shared/schema/invoice.ts';
import type { Workspace } from '../../shared/schema/workspace.ts';
import { workspace } from '../../shared/schema/workspace.ts';

const brassBillTo = {
  name: 'Brass Building Supplies', legalName: 'Brass Building Supplies LLC',
  address: ['1 Foundry Rd', 'Suite 4', 'Springfield, IL 62701'], email: 'ap@brass.example',
  reference: 'PO-7781', paymentTermsDays: 15, tax: { name: 'IL sales tax', rate: '6.25' },
};
const from = { name: 'Northwind IT', address: ['1 Main St'], paymentTermsDays: 30 };

export const brassOctober: Invoice = {
  id: 'inv-brass-2026-10', accountId: 'a1', accountName: 'Brass Building Supplies', period: '2026-10',
  status: 'posted', number: 'INV-000001', currency: 'USD',
  issueDate: '2026-11-02', dueDate: '2026-11-17', postedAt: '2026-11-02T09:00:00.000Z', from, billTo: brassBillTo,
  lines: [
    { kind: 'item', contractId: 'c1', serviceId: 's0', module: null, period: '2026-10', serviceName: 'Managed services',
      billing: 'fixed', unitPrice: '1500.00', quantity: '1.0000', amount: '774.19', basis: '1 × 1500.00 × 16/31 days',
      taxable: true, activeFrom: '2026-10-16', activeTo: '2026-10-31', cost: null, estimated: false },
    { kind: 'item', contractId: 'c1', serviceId: 's1', module: 'datto-rmm', period: '2026-10', serviceName: 'Workstations',
      billing: 'daily', unitPrice: '5.00', quantity: '42.0000', amount: '210.00', taxable: true, cost: null, estimated: false },
    { kind: 'charge', chargeId: 'ch1', module: null, period: '2026-10', description: 'Goodwill credit', unitPrice: '-50.00',
      quantity: '1.0000', amount: '-50.00', taxable: false, corrects: null, cost: null, estimated: false },
    { kind: 'adjustment', contractId: 'c1', serviceId: 's1', module: 'datto-rmm', period: '2026-09', serviceName: 'Workstations',
      unitPrice: '5.00', quantity: '2.0000', oldQuantity: '40.0000', newQuantity: '42.0000', amount: '9.67',
      basis: '2 × 5.00 × 29/30 days', taxable: true, cost: null, estimated: false },
  ],
  // 774.19 + 210.00 − 50.00 + 9.67; tax 6.25 % of the taxable 993.86 = 62.11625 → 62.12.
  subtotal: '943.86', taxes: [{ name: 'IL sales tax', rate: '6.25', taxable: '993.86', amount: '62.12' }], total: '1005.98',
};

export const rosewoodCredit: Invoice = {
  id: 'inv-rosewood-2026-10', accountId: 'a2', accountName: 'Rosewood', period: '2026-10',
  status: 'posted', number: 'INV-000002', currency: 'USD', issueDate: '2026-11-03', dueDate: '2026-12-03', from,
  billTo: { name: 'Rosewood', legalName: '=HYPERLINK("http://evil.example","Rosewood")', tax: null },
  lines: [
    { kind: 'charge', chargeId: 'ch2', module: null, period: '2026-10', description: '-Service credit for the outage',
      unitPrice: '-30.00', quantity: '2.0000', amount: '-60.00', taxable: true, corrects: null, cost: null, estimated: false },
  ],
  subtotal: '-60.00', taxes: [], total: '-60.00', creditNote: true,
};

/** A second post of Brass's October from an offline browser: flagged "void it", never exported. */
export const brassDuplicate: Invoice = { ...brassOctober, id: 'inv-brass-2026-10-dup', number: 'INV-000003', postedAt: '2026-11-02T10:00:00.000Z' };

export const cobaltVoided: Invoice = {
  ...brassOctober, id: 'inv-cobalt-2026-10', accountId: 'a3', accountName: 'Cobalt', number: 'INV-000004', status: 'voided',
  billTo: { name: 'Cobalt', tax: null }, voidedAt: '2026-11-20T12:00:00.000Z',
  lines: [{ kind: 'item', contractId: 'c2', serviceId: 's9', module: null, period: '2026-10', serviceName: 'Managed services',
    billing: 'fixed', unitPrice: '300.00', quantity: '1.0000', amount: '300.00', taxable: true, cost: null, estimated: false }],
  subtotal: '300.00', taxes: [], total: '300.00',
};

export const brassNovember: Invoice = {
  ...brassOctober, id: 'inv-brass-2026-11', period: '2026-11', number: 'INV-000005', issueDate: '2026-12-01', dueDate: '2026-12-16',
  postedAt: '2026-12-01T09:00:00.000Z',
  lines: [{ kind: 'item', contractId: 'c1', serviceId: 's0', module: null, period: '2026-11', serviceName: 'Managed services',
    billing: 'fixed', unitPrice: '1500.00', quantity: '1.0000', amount: '1500.00', taxable: true, cost: null, estimated: false }],
  // 6.25 % of 1,500.00 = 93.75.
  subtotal: '1500.00', taxes: [{ name: 'IL sales tax', rate: '6.25', taxable: '1500.00', amount: '93.75' }], total: '1593.75',
};

/** The workspace as `npm run trueup -- export` reads it. */
export function exportWorkspace(over: Partial<Workspace> = {}): Workspace {
  return workspace.parse({
    version: 1, currency: 'USD',
    profile: { ...from, export: { dateFormat: 'MM/DD/YYYY', incomeAccountCode: '200', exemptTaxName: 'Tax Exempt' } },
    accounts: [
      { id: 'a1', name: 'Brass Building Supplies', billing: { legalName: 'Brass Renamed Later LLC', tax: { name: 'IL sales tax', rate: '6.25' } } },
      { id: 'a2', name: 'Rosewood' }, { id: 'a3', name: 'Cobalt' },
    ],
    contracts: [
      { id: 'c1', accountId: 'a1', name: 'Managed Services', startDate: '2026-01-01', services: [
        { id: 's0', name: 'Managed services', billing: 'fixed', unitPrice: '1500.00', quantity: '1' },
        { id: 's1', name: 'Workstations', billing: 'daily', unitPrice: '5.00', accountCode: '210' }] },
      { id: 'c2', accountId: 'a3', name: 'Cobalt', startDate: '2026-01-01', services: [
        { id: 's9', name: 'Managed services', billing: 'fixed', unitPrice: '300.00' }] },
    ],
    invoices: [brassNovember, cobaltVoided, brassDuplicate, rosewoodCredit, brassOctober],
    ...over,
  });
}
