import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { accountingCsv, accountingRows, ACCOUNTING_COLUMNS } from '../../shared/export/index.ts';
import type { Invoice } from '../../shared/schema/invoice.ts';
import type { Contract } from '../../shared/schema/workspace.ts';

const contracts: Contract[] = [{
  id: 'c1', accountId: 'a1', name: 'Managed', startDate: '2026-01-01', endDate: null,
  services: [{ id: 's1', name: 'Desktop Monitoring, "Pro"', unitPrice: '5.00', unitCost: null, billing: 'daily' }],
  serviceMappings: [],
}];
const accounts = [{ id: 'a1', name: 'Brass Building Supplies' }, { id: 'a2', name: 'Rosewood' }];

function invoice(over: Partial<Invoice>): Invoice {
  return {
    id: 'i', accountId: 'a1', period: '2026-10', status: 'posted', number: 'INV-000001', total: '52.50',
    lines: [{ kind: 'item', contractId: 'c1', serviceId: 's1', module: 'datto-rmm', period: '2026-10', quantity: '10.5000', amount: '52.50', cost: null, estimated: false }],
    ...over,
  };
}

describe('accounting CSV export', () => {
  it('given posted, draft and voided invoices, when exported, then only posted lines appear, by number', () => {
    const invoices = [
      invoice({ id: 'i2', number: 'INV-000002', accountId: 'a2' }),
      invoice({ id: 'd', status: 'draft', number: null }),
      invoice({ id: 'v', status: 'voided', number: 'INV-000003' }),
      invoice({ id: 'i1' }),
    ];
    const rows = accountingRows(invoices, { accounts, contracts, currency: 'USD' });
    expect(rows.map((r) => r.invoiceNumber)).toEqual(['INV-000001', 'INV-000002']);
    expect(rows[0]).toMatchObject({
      account: 'Brass Building Supplies', period: '2026-10', module: 'Datto RMM', service: 'Desktop Monitoring, "Pro"',
      quantity: '10.5000', unitPrice: '5.00', amount: '52.50', kind: 'item', originalPeriod: '',
    });
    expect(rows[1]?.account).toBe('Rosewood');
  });

  it('given an adjustment line, then its original period is kept beside the invoice period', () => {
    const adj = invoice({
      period: '2026-11',
      lines: [{ kind: 'adjustment', contractId: 'c1', serviceId: 's1', module: 'datto-rmm', period: '2026-10', quantity: '0.5000', amount: '2.50', cost: null, estimated: false }],
    });
    const [row] = accountingRows([adj], { accounts, contracts, currency: 'USD' });
    expect(row).toMatchObject({ period: '2026-11', originalPeriod: '2026-10', kind: 'adjustment', amount: '2.50' });
  });

  it('quotes fields so the CSV parses back to the same values', () => {
    const text = accountingCsv([invoice({})], { accounts, contracts, currency: 'USD' });
    const parsed = Papa.parse<string[]>(text.trim());
    expect(parsed.data[0]).toEqual([...ACCOUNTING_COLUMNS]);
    expect(parsed.data[1]?.[5]).toBe('Desktop Monitoring, "Pro"');
    expect(text).toContain('\r\n');
  });
});
