import { describe, expect, it } from 'vitest';
import { computePeriod } from '../../shared/invoice/compute-period.ts';
import { postInvoice } from '../../shared/posting/post.ts';
import { voidInvoice } from '../../shared/posting/void.ts';
import type { Workspace } from '../../shared/schema/workspace.ts';
import { addDays } from '../../shared/dates/day.ts';
import { periodEnd } from '../../shared/dates/period.ts';
import { oneService, scenario, upload, uploadsEachDay } from '../support/billing.ts';

const september = uploadsEachDay('datto-rmm', '2026-09-01', '2026-09-30', (d) => ({ 's-17': { AllDevicesMetric: d <= '2026-09-15' ? 10 : 11 } }));
const october = uploadsEachDay('datto-rmm', '2026-10-01', '2026-10-31', () => ({ 's-17': { AllDevicesMetric: 11 } }));

function at(ws: Workspace, asOf: string): Workspace {
  return { ...ws, asOf };
}
function withUploads(ws: Workspace, ...uploads: ReturnType<typeof upload>[]): Workspace {
  return { ...ws, uploads: [...ws.uploads, ...uploads] };
}
function invoice(ws: Workspace, period: string) {
  const found = computePeriod(ws, period).invoices.find((i) => i.accountId === 'a1');
  if (!found) throw new Error('no invoice');
  return found;
}
// Posted the day after the period's last day, the first day posting allows.
const post = (ws: Workspace, period: string, number: string) => postInvoice(ws, 'a1', period, { number, postedAt: '2026-11-01T09:00:00Z', asOf: addDays(periodEnd(period), 1) });

describe('invoices (docs/billing-rules.md#invoices)', () => {
  it('returns a posted period as posted, untouched by later data', () => {
    const posted = post(oneService({ uploads: [...september, ...october], asOf: '2026-10-31' }), '2026-09', 'INV-000001');
    const later = withUploads(posted, upload('datto-rmm', '2026-09-20', { 's-17': { AllDevicesMetric: 41 } }));
    const result = computePeriod(later, '2026-09');
    expect(result.invoices).toHaveLength(1);
    expect(result.invoices[0]).toMatchObject({ status: 'posted', number: 'INV-000001', total: '52.50' });
    expect(result.invoices[0]?.lines[0]).toMatchObject({ quantity: '10.5000', amount: '52.50' });
    expect(result.items).toEqual([]);
  });

  it('puts exactly one adjustment for a late upload on the next invoice, and none again once it is posted', () => {
    let ws = post(oneService({ uploads: [...september, ...october], asOf: '2026-10-31' }), '2026-09', 'INV-000001');
    // A late re-upload of 20 September: 41 devices instead of 11 adds 30 device-days → 345/30 = 11.5 → 57.50.
    ws = withUploads(ws, upload('datto-rmm', '2026-09-20', { 's-17': { AllDevicesMetric: 41 } }));
    const oct = invoice(ws, '2026-10');
    expect(oct.lines.map(({ kind, period, quantity, amount, cost, oldQuantity, newQuantity }) => ({ kind, period, quantity, amount, cost, oldQuantity, newQuantity }))).toEqual([
      { kind: 'item', period: '2026-10', quantity: '11.0000', amount: '55.00', cost: '13.20', oldQuantity: undefined, newQuantity: undefined },
      { kind: 'adjustment', period: '2026-09', quantity: '1.0000', amount: '5.00', cost: '1.20', oldQuantity: '10.5000', newQuantity: '11.5000' },
    ]);
    expect(oct.total).toBe('60.00');
    expect(computePeriod(ws, '2026-10').adjustments).toHaveLength(1);
    expect(computePeriod(ws, '2026-11').adjustments).toEqual([]);

    ws = post(ws, '2026-10', 'INV-000002');
    const nov = at({ ...ws, uploads: ws.uploads }, '2026-11-30');
    expect(computePeriod(nov, '2026-11').adjustments).toEqual([]);
    expect(invoice(nov, '2026-11').lines.map((l) => l.kind)).toEqual(['item']);

    // A second correction is adjusted only by what it adds to the posted item and adjustment.
    const again = withUploads(nov, upload('datto-rmm', '2026-09-21', { 's-17': { AllDevicesMetric: 26 } }));
    expect(computePeriod(again, '2026-11').adjustments).toMatchObject([{ kind: 'adjustment', period: '2026-09', amount: '2.50', oldQuantity: '11.5000', newQuantity: '12.0000', quantity: '0.5000' }]);
  });

  it('adjusts on the earliest later period without a posted invoice', () => {
    let ws = oneService({ uploads: [...september, ...october], asOf: '2026-10-31' });
    ws = post(post(ws, '2026-09', 'INV-000001'), '2026-10', 'INV-000002');
    ws = withUploads(ws, upload('datto-rmm', '2026-09-20', { 's-17': { AllDevicesMetric: 41 } }));
    expect(computePeriod(ws, '2026-10').invoices[0]?.status).toBe('posted');
    expect(computePeriod(ws, '2026-11').adjustments).toMatchObject([{ accountId: 'a1', period: '2026-09', amount: '5.00' }]);
    expect(computePeriod(ws, '2026-12').adjustments).toEqual([]);
  });

  it('brings a voided invoice\'s adjustments back as due', () => {
    let ws = post(oneService({ uploads: [...september, ...october], asOf: '2026-10-31' }), '2026-09', 'INV-000001');
    ws = withUploads(ws, upload('datto-rmm', '2026-09-20', { 's-17': { AllDevicesMetric: 41 } }));
    ws = post(ws, '2026-10', 'INV-000002');
    expect(computePeriod(ws, '2026-11').adjustments).toEqual([]);
    ws = voidInvoice(ws, { accountId: 'a1', period: '2026-10' }, { voidedAt: '2026-11-02T10:00:00Z' });
    expect(invoice(ws, '2026-10').lines.map((l) => [l.kind, l.amount])).toEqual([['item', '55.00'], ['adjustment', '5.00']]);
  });

  it('flags a negative invoice as a credit note', () => {
    // The contract ended with September; a corrected upload lowers September after posting.
    let ws = post(oneService({ endDate: '2026-09-30', uploads: september, asOf: '2026-10-31' }), '2026-09', 'INV-000001');
    ws = withUploads(ws, ...uploadsEachDay('datto-rmm', '2026-09-16', '2026-09-30', () => ({ 's-17': { AllDevicesMetric: 1 } })));
    const credit = invoice(ws, '2026-10');
    expect(credit).toMatchObject({ status: 'draft', total: '-25.00', creditNote: true });
    expect(credit.lines).toMatchObject([{ kind: 'adjustment', period: '2026-09', quantity: '-5.0000', amount: '-25.00', cost: '-6.00', oldQuantity: '10.5000', newQuantity: '5.5000' }]);
  });

  it('bills a service added after posting from the first open month only, never back', () => {
    let ws = post(oneService({ uploads: [...september, ...october], asOf: '2026-10-31' }), '2026-09', 'INV-000001');
    const contract = ws.contracts[0];
    if (!contract) throw new Error('no contract');
    ws = {
      ...ws,
      contracts: [{ ...contract, services: [...contract.services, { id: 's2', name: 'Servers', unitPrice: '20.00', unitCost: null, billing: 'daily' }], serviceMappings: [...contract.serviceMappings, { module: 'datto-rmm', billingType: 'ServerMetric', serviceId: 's2' }] }],
      uploads: [...ws.uploads, ...uploadsEachDay('datto-rmm', '2026-09-01', '2026-10-31', (d) => ({ 's-17': { AllDevicesMetric: d <= '2026-09-15' ? 10 : 11, ServerMetric: 2 } }))],
    };
    // September was posted without Servers: nothing is billed back for it.
    expect(computePeriod(ws, '2026-10').adjustments).toEqual([]);
    expect(invoice(ws, '2026-10').lines.map((l) => [l.kind, l.serviceId, l.period, l.amount])).toEqual([['item', 's1', '2026-10', '55.00'], ['item', 's2', '2026-10', '40.00']]);
  });

  it('has no invoice for an account without items or adjustments', () => {
    const ws = oneService({ uploads: september, asOf: '2026-10-31' });
    const withIdle = { ...ws, accounts: [...ws.accounts, { id: 'a2', name: 'Idle Inc' }] };
    expect(computePeriod(withIdle, '2026-09').invoices.map((i) => i.accountId)).toEqual(['a1']);
  });

  it('totals the rounded lines', () => {
    // Three services whose exact amounts each round up: Σ rounded ≠ round(Σ exact).
    const uploads = uploadsEachDay('datto-rmm', '2026-09-01', '2026-09-30', (d) => ({ 's-17': { AllDevicesMetric: d === '2026-09-01' ? 1 : 0 } }));
    const ws = oneService({ unitPrice: '0.45', uploads, asOf: '2026-09-30' });
    const contract = ws.contracts[0];
    if (!contract) throw new Error('no contract');
    const three = { ...ws, contracts: [{ ...contract, services: ['s1', 's2', 's3'].map((id) => ({ id, name: id, unitPrice: '0.45', unitCost: null, billing: 'daily' as const })), serviceMappings: [
      { module: 'datto-rmm', billingType: 'AllDevicesMetric', serviceId: 's1' },
      { module: 'datto-rmm', billingType: 'DesktopMetric', serviceId: 's2' },
      { module: 'datto-rmm', billingType: 'LaptopMetric', serviceId: 's3' },
    ] }], uploads: uploadsEachDay('datto-rmm', '2026-09-01', '2026-09-30', (d) => ({ 's-17': { AllDevicesMetric: d === '2026-09-01' ? 1 : 0, DesktopMetric: d === '2026-09-01' ? 1 : 0, LaptopMetric: d === '2026-09-01' ? 1 : 0 } })) };
    // 0.45 × 1 / 30 = 0.015 → 0.02 per line; Σ exact 0.045 would round to 0.05.
    expect(invoice(three, '2026-09')).toMatchObject({ total: '0.06' });
    expect(invoice(three, '2026-09').lines.map((l) => l.amount)).toEqual(['0.02', '0.02', '0.02']);
  });

  it('adjusts against a posted invoice written by hand in the workspace file', () => {
    const base = oneService({ uploads: [...september, ...october], asOf: '2026-10-31' });
    // Posted as 10.5 devices for 52.5 (amounts may carry fewer decimals than the currency).
    const ws = scenario({
      ...base,
      uploads: [...base.uploads, upload('datto-rmm', '2026-09-20', { 's-17': { AllDevicesMetric: 41 } })],
      invoices: [{ accountId: 'a1', period: '2026-09', status: 'posted', number: 'INV-000007', total: '52.5', lines: [
        { kind: 'item', contractId: 'c1', serviceId: 's1', module: 'datto-rmm', period: '2026-09', quantity: '10.5000', amount: '52.5', cost: '12.600' },
      ] }],
    });
    expect(computePeriod(ws, '2026-09').invoices).toMatchObject([{ status: 'posted', number: 'INV-000007', total: '52.5' }]);
    expect(computePeriod(ws, '2026-10').adjustments).toMatchObject([{ amount: '5.00', cost: '1.20', oldQuantity: '10.5000', newQuantity: '11.5000' }]);
  });
});
