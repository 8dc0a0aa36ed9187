import { describe, expect, it } from 'vitest';
import { exportCsv, QBO_COLUMNS } from '../../shared/export/index.ts';
import { parseCsv, recompute } from '../support/export-checks.ts';
import { cobaltVoided, exportWorkspace } from '../support/export-workspace.ts';

const ws = exportWorkspace();
const qbo = (request: { reversals?: typeof ws.invoices } = {}) => parseCsv(exportCsv(ws.invoices, ws, { format: 'qbo', ...request }));

const brassHead = { 'Invoice number': 'INV-000001', Customer: 'Brass Building Supplies LLC', 'Invoice date': '11/02/2026', 'Due date': '11/17/2026', Terms: 'Net 15', Memo: 'PO-7781' };

describe('QuickBooks Online export of a posted October', () => {
  it('writes QuickBooks Online\'s invoice import columns in order', () => {
    expect(qbo().header).toEqual([...QBO_COLUMNS]);
    expect(QBO_COLUMNS.join(',')).toBe('Invoice number,Customer,Invoice date,Due date,Terms,Item(Product/Service),Item description,Item quantity,Item rate,Item amount,Item tax code,Service date,Memo');
  });

  it('writes Brass\'s invoice: quantity × rate = amount on every row, tax codes by taxable line', () => {
    expect(qbo().rows.filter((r) => r['Invoice number'] === 'INV-000001')).toEqual([
      { ...brassHead, 'Item(Product/Service)': 'Managed services', 'Item description': 'Managed services, October 2026 — 1 × 1500.00 × 16/31 days', 'Item quantity': '1', 'Item rate': '774.19', 'Item amount': '774.19', 'Item tax code': 'IL sales tax', 'Service date': '10/31/2026' },
      { ...brassHead, 'Item(Product/Service)': 'Workstations', 'Item description': 'Workstations (Datto RMM), October 2026', 'Item quantity': '42', 'Item rate': '5.00', 'Item amount': '210.00', 'Item tax code': 'IL sales tax', 'Service date': '10/31/2026' },
      { ...brassHead, 'Item(Product/Service)': 'Goodwill credit', 'Item description': 'Goodwill credit', 'Item quantity': '1', 'Item rate': '-50.00', 'Item amount': '-50.00', 'Item tax code': 'Tax Exempt', 'Service date': '10/31/2026' },
      { ...brassHead, 'Item(Product/Service)': 'Workstations', 'Item description': 'Adjustment for September 2026: Workstations (Datto RMM), quantity 40 → 42 — 2 × 5.00 × 29/30 days', 'Item quantity': '1', 'Item rate': '9.67', 'Item amount': '9.67', 'Item tax code': 'IL sales tax', 'Service date': '09/30/2026' },
    ]);
  });

  it('sums each invoice\'s rows to its subtotal, checking every row\'s quantity × rate against its amount', () => {
    expect(Object.fromEntries(recompute(qbo().rows, { number: 'Invoice number', quantity: 'Item quantity', unit: 'Item rate', amount: 'Item amount' })))
      .toEqual({ 'INV-000001': '943.86', 'INV-000002': '-60.00', 'INV-000005': '1500.00' });
  });

  it('writes the negative-total invoice as a credit memo, text escaped and amounts signed', () => {
    const [row] = qbo().rows.filter((r) => r['Invoice number'] === 'INV-000002');
    expect(row).toMatchObject({
      Customer: '\'=HYPERLINK("http://evil.example","Rosewood")', 'Item(Product/Service)': '\'-Service credit for the outage',
      'Item quantity': '2', 'Item rate': '-30.00', 'Item amount': '-60.00', 'Item tax code': 'Tax Exempt', Terms: 'Net 30',
      Memo: 'Credit memo for INV-000002',
    });
  });

  it('writes a reversal of an exported invoice voided since as a credit memo of its own number', () => {
    const rows = qbo({ reversals: [cobaltVoided] }).rows.filter((r) => (r['Invoice number'] ?? '').startsWith('CN-'));
    expect(rows).toEqual([expect.objectContaining({ 'Invoice number': 'CN-INV-000004', 'Item amount': '-300.00', 'Item rate': '-300.00', Memo: 'Credit memo: reversal of INV-000004 (voided)', 'Invoice date': '11/20/2026' })]);
  });
});
