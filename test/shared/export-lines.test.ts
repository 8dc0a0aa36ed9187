import { describe, expect, it } from 'vitest';
import { escapeCell, exportCsv, LINES_COLUMNS } from '../../shared/export/index.ts';
import { parseCsv } from '../support/export-checks.ts';
import { exportWorkspace } from '../support/export-workspace.ts';

const ws = exportWorkspace();
const lines = () => parseCsv(exportCsv(ws.invoices, ws, { format: 'lines' }));

const brass = { invoiceNumber: 'INV-000001', accountId: 'a1', accountName: 'Brass Building Supplies', period: '2026-10', issueDate: '11/02/2026', dueDate: '11/17/2026', currency: 'USD' };

describe('trueup lines export of a posted October', () => {
  it('has exactly trueup\'s own columns', () => {
    expect(lines().header).toEqual([...LINES_COLUMNS]);
    expect(LINES_COLUMNS.join(',')).toBe('invoiceNumber,accountId,accountName,period,issueDate,dueDate,kind,originalPeriod,module,service,description,quantity,unitPrice,amount,taxName,taxRate,taxable,basis,currency');
  });

  it('writes every line with its own quantity, unit price, tax and basis', () => {
    expect(lines().rows.filter((r) => r.invoiceNumber === 'INV-000001')).toEqual([
      { ...brass, kind: 'item', originalPeriod: '', module: '', service: 'Managed services', description: 'Managed services, October 2026', quantity: '1.0000', unitPrice: '1500.00', amount: '774.19', taxName: 'IL sales tax', taxRate: '6.25', taxable: 'true', basis: '1 × 1500.00 × 16/31 days' },
      { ...brass, kind: 'item', originalPeriod: '', module: 'datto-rmm', service: 'Workstations', description: 'Workstations (Datto RMM), October 2026', quantity: '42.0000', unitPrice: '5.00', amount: '210.00', taxName: 'IL sales tax', taxRate: '6.25', taxable: 'true', basis: '' },
      { ...brass, kind: 'charge', originalPeriod: '', module: '', service: '', description: 'Goodwill credit', quantity: '1.0000', unitPrice: '-50.00', amount: '-50.00', taxName: 'Tax Exempt', taxRate: '0', taxable: 'false', basis: '' },
      { ...brass, kind: 'adjustment', originalPeriod: '2026-09', module: 'datto-rmm', service: 'Workstations', description: 'Adjustment for September 2026: Workstations (Datto RMM), quantity 40 → 42', quantity: '2.0000', unitPrice: '5.00', amount: '9.67', taxName: 'IL sales tax', taxRate: '6.25', taxable: 'true', basis: '2 × 5.00 × 29/30 days' },
    ]);
  });

  it('treats every line of an exempt account as exempt, and escapes its text only', () => {
    expect(lines().rows.filter((r) => r.invoiceNumber === 'INV-000002')).toEqual([expect.objectContaining({
      accountName: 'Rosewood', kind: 'charge', description: '\'-Service credit for the outage', quantity: '2.0000', unitPrice: '-30.00', amount: '-60.00',
      taxName: 'Tax Exempt', taxRate: '0', taxable: 'false',
    })]);
  });
});

describe('escapeCell', () => {
  it('puts an apostrophe before text a spreadsheet would evaluate, and only there', () => {
    expect(['=1+1', '+44 20', '-x', '@SUM(A1)', '\tTab', '\rCR', 'Brass', '', ' =later', '5.00'].map(escapeCell))
      .toEqual(['\'=1+1', '\'+44 20', '\'-x', '\'@SUM(A1)', '\'\tTab', '\'\rCR', 'Brass', '', ' =later', '5.00']);
  });
});
