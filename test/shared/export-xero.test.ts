import { describe, expect, it } from 'vitest';
import { exportCsv, XERO_COLUMNS } from '../../shared/export/index.ts';
import { parseCsv, recompute } from '../support/export-checks.ts';
import { brassNovember, brassOctober, cobaltVoided, exportWorkspace } from '../support/export-workspace.ts';

const ws = exportWorkspace();
const xero = (request: { from?: string; to?: string; reversals?: typeof ws.invoices; skip?: Set<string> } = {}, source = ws) =>
  parseCsv(exportCsv(source.invoices, source, { format: 'xero', ...request }));

const blankAddress = { POAddressLine4: '', POCity: '', PORegion: '', POPostalCode: '', POCountry: '' };
const brassHead = {
  '*ContactName': 'Brass Building Supplies LLC', EmailAddress: 'ap@brass.example',
  POAddressLine1: '1 Foundry Rd', POAddressLine2: 'Suite 4', POAddressLine3: 'Springfield, IL 62701', ...blankAddress,
  '*InvoiceNumber': 'INV-000001', Reference: 'PO-7781', '*InvoiceDate': '11/02/2026', '*DueDate': '11/17/2026',
  InventoryItemCode: '', Discount: '', TrackingName1: '', TrackingOption1: '', TrackingName2: '', TrackingOption2: '',
  Currency: 'USD', BrandingTheme: '',
};

describe('Xero export of a posted October', () => {
  it('writes Xero\'s sales invoice template, columns in Xero\'s order', () => {
    expect(xero().header).toEqual([...XERO_COLUMNS]);
    expect(XERO_COLUMNS.join(',')).toBe('*ContactName,EmailAddress,POAddressLine1,POAddressLine2,POAddressLine3,POAddressLine4,POCity,PORegion,POPostalCode,POCountry,*InvoiceNumber,Reference,*InvoiceDate,*DueDate,InventoryItemCode,*Description,*Quantity,*UnitAmount,Discount,*AccountCode,*TaxType,TrackingName1,TrackingOption1,TrackingName2,TrackingOption2,Currency,BrandingTheme');
  });

  it('writes Brass\'s invoice as posted: frozen party, prorated and adjusted lines as 1 × amount with their basis', () => {
    const brass = xero().rows.filter((r) => r['*InvoiceNumber'] === 'INV-000001');
    expect(brass).toEqual([
      { ...brassHead, '*Description': 'Managed services, October 2026 — 1 × 1500.00 × 16/31 days', '*Quantity': '1', '*UnitAmount': '774.19', '*AccountCode': '200', '*TaxType': 'IL sales tax' },
      { ...brassHead, '*Description': 'Workstations (Datto RMM), October 2026', '*Quantity': '42', '*UnitAmount': '5.00', '*AccountCode': '210', '*TaxType': 'IL sales tax' },
      { ...brassHead, '*Description': 'Goodwill credit', '*Quantity': '1', '*UnitAmount': '-50.00', '*AccountCode': '200', '*TaxType': 'Tax Exempt' },
      { ...brassHead, '*Description': 'Adjustment for September 2026: Workstations (Datto RMM), quantity 40 → 42 — 2 × 5.00 × 29/30 days', '*Quantity': '1', '*UnitAmount': '9.67', '*AccountCode': '210', '*TaxType': 'IL sales tax' },
    ]);
  });

  it('leaves out the voided invoice and the duplicate post, and each invoice\'s rows recompute to its subtotal', () => {
    const { rows } = xero();
    expect([...new Set(rows.map((r) => r['*InvoiceNumber']))]).toEqual(['INV-000001', 'INV-000002', 'INV-000005']);
    expect(Object.fromEntries(recompute(rows, { number: '*InvoiceNumber', quantity: '*Quantity', unit: '*UnitAmount' })))
      .toEqual({ 'INV-000001': '943.86', 'INV-000002': '-60.00', 'INV-000005': '1500.00' });
  });

  it('writes Rosewood\'s credit note with negative unit amounts, its formula-looking text escaped and its numbers not', () => {
    const [row] = xero().rows.filter((r) => r['*InvoiceNumber'] === 'INV-000002');
    expect(row).toMatchObject({
      '*ContactName': '\'=HYPERLINK("http://evil.example","Rosewood")', '*Description': '\'-Service credit for the outage',
      '*Quantity': '2', '*UnitAmount': '-30.00', '*TaxType': 'Tax Exempt', '*InvoiceDate': '11/03/2026', '*DueDate': '12/03/2026',
    });
  });

  it('takes the issue-date range, both bounds inclusive', () => {
    const numbers = (request: { from?: string; to?: string }) => [...new Set(xero(request).rows.map((r) => r['*InvoiceNumber']))];
    expect(numbers({ from: '2026-11-03', to: '2026-12-01' })).toEqual(['INV-000002', 'INV-000005']);
    expect(numbers({ to: '2026-11-02' })).toEqual(['INV-000001']);
    expect(numbers({ from: '2026-12-02' })).toEqual([]);
  });

  it('writes dates in the profile\'s date format', () => {
    const ddmm = exportWorkspace({ profile: { ...ws.profile, name: 'Northwind IT', address: [], export: { dateFormat: 'DD/MM/YYYY' } } });
    expect(xero({ to: '2026-11-02' }, ddmm).rows[0]).toMatchObject({ '*InvoiceDate': '02/11/2026', '*DueDate': '17/11/2026', '*AccountCode': '' });
    const iso = exportWorkspace({ profile: { name: 'Northwind IT', address: [], export: { dateFormat: 'YYYY-MM-DD' } } });
    expect(xero({ to: '2026-11-02' }, iso).rows[0]).toMatchObject({ '*InvoiceDate': '2026-11-02', '*DueDate': '2026-11-17' });
  });

  it('writes an invoice voided after it was exported as a reversal: its credit note, dated the day of the void', () => {
    const { rows } = xero({ from: '2027-01-01', reversals: [cobaltVoided] });
    expect(rows).toEqual([expect.objectContaining({
      '*ContactName': 'Cobalt', '*InvoiceNumber': 'CN-INV-000004', Reference: 'Reversal of INV-000004 (voided)',
      '*InvoiceDate': '11/20/2026', '*Description': 'Managed services, October 2026', '*Quantity': '1', '*UnitAmount': '-300.00',
    })]);
  });

  it('exports nothing but the header for a workspace without posted invoices', () => {
    const empty = exportWorkspace({ invoices: [{ ...brassNovember, status: 'voided' }, { ...brassOctober, status: 'draft', number: null }] });
    expect(xero({}, empty).rows).toEqual([]);
  });
});

describe('not yet exported', () => {
  it('given INV-000001 and INV-000004 exported before and INV-000004 voided since, offers the rest and INV-000004\'s reversal', async () => {
    const { notYetExported } = await import('../../shared/export/index.ts');
    const pending = notYetExported(ws.invoices, { invoices: new Set(['INV-000001', 'INV-000004']), reversals: new Set() });
    expect(pending.invoices.map((i) => i.number)).toEqual(['INV-000002', 'INV-000005']);
    expect(pending.reversals.map((i) => i.number)).toEqual(['INV-000004']);
    const { rows } = xero({ reversals: pending.reversals, skip: new Set(['INV-000001', 'INV-000004']) });
    expect([...new Set(rows.map((r) => r['*InvoiceNumber']))]).toEqual(['INV-000002', 'INV-000005', 'CN-INV-000004']);
    expect(notYetExported(ws.invoices, { invoices: new Set(['INV-000001', 'INV-000002', 'INV-000004', 'INV-000005']), reversals: new Set(['INV-000004']) }))
      .toEqual({ invoices: [], reversals: [] });
  });
});
