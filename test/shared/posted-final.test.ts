// Posted is final: configuration edits never reach a posted month, only late usage does, and
// corrections are explicit. Rules: docs/billing-rules.md#posting-freezes,
// docs/billing-rules.md#adjustments, docs/billing-rules.md#corrections.
import { describe, expect, it } from 'vitest';
import { computePeriod } from '../../shared/invoice/compute-period.ts';
import { previewCorrections } from '../../shared/invoice/corrections.ts';
import { postInvoice } from '../../shared/posting/post.ts';
import type { Invoice } from '../../shared/schema/invoice.ts';
import type { Upload } from '../../shared/schema/upload.ts';
import type { Contract, Workspace } from '../../shared/schema/workspace.ts';
import { scenario, upload, uploadsEachDay } from '../support/billing.ts';

// September: Brass's org s-17 reports 10 devices on days 1–15 and 11 on 16–30 (10.5 × 5.00 = 52.50);
// Rosewood's org s-18 reports 4 every day. October: 11 and 4. Uploads carry the edge's cursors 1…61.
let cursor = 0;
const withCursor = (u: Upload): Upload => ({ ...u, cursor: String(++cursor) });
const usage = uploadsEachDay('datto-rmm', '2026-09-01', '2026-10-31', (d) => ({
  's-17': { AllDevicesMetric: d <= '2026-09-15' ? 10 : 11, ServerMetric: 2 },
  's-18': { AllDevicesMetric: 4 },
})).map(withCursor);

function msp(): Workspace {
  return scenario({
    asOf: '2026-10-01',
    enabledModules: ['datto-rmm'],
    accounts: [{ id: 'a1', name: 'Brass Building Supplies' }, { id: 'a2', name: 'Rosewood Real Estate' }],
    orgMappings: [{ module: 'datto-rmm', orgId: 's-17', accountId: 'a1' }, { module: 'datto-rmm', orgId: 's-18', accountId: 'a2' }],
    contracts: ['a1', 'a2'].map((accountId, i) => ({
      id: `c${i + 1}`, accountId, name: 'Managed Services', startDate: '2026-01-01', endDate: null,
      services: [{ id: 's1', name: 'Workstations', unitPrice: '5.00', unitCost: '1.20', billing: 'daily' as const }],
      serviceMappings: [{ module: 'datto-rmm', billingType: 'AllDevicesMetric', serviceId: 's1' }],
    })),
    uploads: usage.filter((u) => u.date <= '2026-09-30'),
  });
}

/** September posted for both accounts on 1 October, then the October uploads arrive. */
function septemberPosted(): Workspace {
  let ws = msp();
  ws = postInvoice(ws, 'a1', '2026-09', { number: 'INV-000001', postedAt: '2026-10-01T08:00:00Z' });
  ws = postInvoice(ws, 'a2', '2026-09', { number: 'INV-000002', postedAt: '2026-10-01T08:01:00Z' });
  return { ...ws, asOf: '2026-11-01', uploads: usage };
}

function invoiceOf(ws: Workspace, period: string, accountId = 'a1'): Invoice {
  const invoice = computePeriod(ws, period).invoices.find((i) => i.accountId === accountId);
  if (!invoice) throw new Error(`no invoice for ${accountId}`);
  return invoice;
}

const brief = (invoice: Invoice) => invoice.lines.map((l) => [l.kind, l.serviceId ?? l.chargeId, l.period, l.quantity, l.amount]);

function editContract(ws: Workspace, id: string, edit: (c: Contract) => Contract): Workspace {
  return { ...ws, contracts: ws.contracts.map((c) => (c.id === id ? edit(c) : c)) };
}

describe('what posting freezes', () => {
  it('every item line carries its terms, sources and active days; the invoice its usage cursor', () => {
    const posted = septemberPosted().invoices[0];
    expect(posted).toMatchObject({ number: 'INV-000001', usageCursor: '30', issueDate: '2026-10-01', dueDate: '2026-10-31' });
    expect(posted?.lines[0]).toMatchObject({
      kind: 'item', unitPrice: '5.00', unitCost: '1.20', billing: 'daily', minimumQuantity: null, includedQuantity: null,
      tiers: null, tierMode: null, taxable: true, activeFrom: '2026-09-01', activeTo: '2026-09-30',
      sources: { orgIds: ['s-17'], billingTypes: ['AllDevicesMetric'] },
    });
    expect(posted?.lines[0]?.daily).toHaveLength(30);
  });
});

describe('configuration edits never reach a posted month', () => {
  it('a price change after posting: no adjustment; then a late upload: one adjustment at the frozen price', () => {
    let ws = editContract(septemberPosted(), 'c1', (c) => ({ ...c, services: c.services.map((s) => ({ ...s, unitPrice: '4.75' })) }));
    expect(computePeriod(ws, '2026-10').adjustments).toEqual([]);
    expect(brief(invoiceOf(ws, '2026-10'))).toEqual([['item', 's1', '2026-10', '11.0000', '52.25']]);
    // 20 September re-uploaded late with 41 devices: +30 device-days → 11.5000 at the posted 5.00.
    ws = { ...ws, uploads: [...ws.uploads, withCursor(upload('datto-rmm', '2026-09-20', { 's-17': { AllDevicesMetric: 41 }, 's-18': { AllDevicesMetric: 4 } }))] };
    expect(computePeriod(ws, '2026-10').adjustments).toMatchObject([{ accountId: 'a1', kind: 'adjustment', period: '2026-09', unitPrice: '5.00', oldQuantity: '10.5000', newQuantity: '11.5000', quantity: '1.0000', amount: '5.00' }]);
  });

  it('an org moved to another account after posting: no adjustment on either; corrections then move it, once', () => {
    let ws = septemberPosted();
    ws = { ...ws, orgMappings: ws.orgMappings.map((m) => (m.orgId === 's-18' ? { ...m, accountId: 'a1' } : m)) };
    expect(computePeriod(ws, '2026-10').adjustments).toEqual([]);
    expect(brief(invoiceOf(ws, '2026-10'))).toEqual([['item', 's1', '2026-10', '15.0000', '75.00']]);

    const corrections = previewCorrections(ws, { asOf: '2026-11-01' });
    // Brass recomputed with s-18 too: 14.5 × 5.00 = 72.50 (+20.00); Rosewood's has no org left: 0 (−20.00).
    expect(corrections).toEqual([
      { accountId: 'a1', period: '2026-09', posted: '52.50', recomputed: '72.50', delta: '20.00',
        charge: { id: 'correction-a1-2026-09-1', accountId: 'a1', period: '2026-10', description: 'Correction of 2026-09', quantity: '1', unitPrice: '20.00', taxable: true, unitCost: null, corrects: '2026-09' } },
      { accountId: 'a2', period: '2026-09', posted: '20.00', recomputed: '0.00', delta: '-20.00',
        charge: { id: 'correction-a2-2026-09-1', accountId: 'a2', period: '2026-10', description: 'Correction of 2026-09', quantity: '1', unitPrice: '-20.00', taxable: true, unitCost: null, corrects: '2026-09' } },
    ]);
    // Previewed twice before recording: the same charge ids, so recording both is refused as duplicates.
    expect(previewCorrections(ws, { asOf: '2026-11-01' }).map((c) => c.charge.id)).toEqual(corrections.map((c) => c.charge.id));
    ws = { ...ws, charges: [...ws.charges, ...corrections.map((c) => c.charge)] };
    expect(brief(invoiceOf(ws, '2026-10'))).toEqual([['item', 's1', '2026-10', '15.0000', '75.00'], ['charge', 'correction-a1-2026-09-1', '2026-10', '1.0000', '20.00']]);
    // Rosewood's contract still lists Workstations, now with no org: an item of 0, and the credit.
    expect(brief(invoiceOf(ws, '2026-10', 'a2'))).toEqual([['item', 's1', '2026-10', '0.0000', '0.00'], ['charge', 'correction-a2-2026-09-1', '2026-10', '1.0000', '-20.00']]);
    expect(previewCorrections(ws, { asOf: '2026-11-01' })).toEqual([]);
    // Posting October with the corrections does not bring them back either.
    ws = postInvoice(ws, 'a1', '2026-10', { number: 'INV-000003', postedAt: '2026-11-01T08:00:00Z' });
    expect(previewCorrections(ws, { asOf: '2026-11-01', accountIds: ['a1'] })).toEqual([]);
  });

  it('a service added after posting is billed from the first open month only', () => {
    const ws = editContract(septemberPosted(), 'c1', (c) => ({
      ...c,
      services: [...c.services, { id: 's2', name: 'Servers', unitPrice: '20.00', unitCost: null, billing: 'daily' }],
      serviceMappings: [...c.serviceMappings, { module: 'datto-rmm', billingType: 'ServerMetric', serviceId: 's2' }],
    }));
    expect(computePeriod(ws, '2026-10').adjustments).toEqual([]);
    expect(brief(invoiceOf(ws, '2026-10'))).toEqual([['item', 's1', '2026-10', '11.0000', '55.00'], ['item', 's2', '2026-10', '2.0000', '40.00']]);
  });

  it('a module re-enabled after posting bills no month back', () => {
    let ws = msp();
    ws = { ...ws, enabledModules: [] };
    ws = { ...ws, accounts: ws.accounts, charges: [{ id: 'fee', accountId: 'a1', period: '2026-09', description: 'Setup', quantity: '1', unitPrice: '10.00', taxable: true, unitCost: null, corrects: null }] };
    ws = postInvoice(ws, 'a1', '2026-09', { number: 'INV-000001', postedAt: '2026-10-01T08:00:00Z' });
    ws = { ...ws, asOf: '2026-11-01', uploads: usage, enabledModules: ['datto-rmm'] };
    expect(computePeriod(ws, '2026-10').adjustments).toEqual([]);
    expect(brief(invoiceOf(ws, '2026-10'))).toEqual([['item', 's1', '2026-10', '11.0000', '55.00']]);
  });

  it('a contract end moved into a posted month changes nothing posted', () => {
    const ws = editContract(septemberPosted(), 'c1', (c) => ({ ...c, endDate: '2026-09-10' }));
    expect(computePeriod(ws, '2026-10').adjustments).toEqual([]);
    expect(computePeriod(ws, '2026-10').invoices.map((i) => i.accountId)).toEqual(['a2']);
  });

  it('a disabled module or an ignored billing type still adjusts a posted item for late usage (its sources are frozen)', () => {
    let ws = editContract({ ...septemberPosted(), enabledModules: [] }, 'c1', (c) => ({ ...c, serviceMappings: [{ module: 'datto-rmm', billingType: 'AllDevicesMetric', ignore: true }] }));
    ws = { ...ws, uploads: [...ws.uploads, withCursor(upload('datto-rmm', '2026-09-20', { 's-17': { AllDevicesMetric: 41 }, 's-18': { AllDevicesMetric: 4 } }))] };
    expect(computePeriod(ws, '2026-10').adjustments).toMatchObject([{ accountId: 'a1', amount: '5.00' }]);
  });
});

describe('incremental adjustments by upload cursor', () => {
  // A posted item whose amount differs from a recompute of its uploads (written by hand):
  // only a changed module-day after the invoice's usageCursor makes the engine look again.
  function handPosted(usageCursor: string | undefined): Workspace {
    const ws = msp();
    return {
      ...ws, asOf: '2026-11-01', uploads: usage,
      invoices: [{
        accountId: 'a1', period: '2026-09', status: 'posted', number: 'INV-000009', total: '50.00',
        ...(usageCursor === undefined ? {} : { usageCursor }),
        lines: [{ kind: 'item', contractId: 'c1', serviceId: 's1', module: 'datto-rmm', period: '2026-09', quantity: '10.0000', amount: '50.00', cost: null, estimated: false }],
      }],
    };
  }
  it('recomputes a posted item whose module-days were all uploaded before its usageCursor: never', () => {
    expect(computePeriod(handPosted('30'), '2026-10').adjustments).toEqual([]);
  });
  it('recomputes it when an upload of one of its days came later, or when the invoice has no usageCursor', () => {
    expect(computePeriod(handPosted('29'), '2026-10').adjustments).toMatchObject([{ amount: '2.50', oldQuantity: '10.0000', newQuantity: '10.5000' }]);
    expect(computePeriod(handPosted(undefined), '2026-10').adjustments).toMatchObject([{ amount: '2.50' }]);
  });
  it('counts an upload without a cursor as changed', () => {
    const ws = handPosted('1000');
    const late = { ...ws, uploads: [...ws.uploads, upload('datto-rmm', '2026-09-30', { 's-17': { AllDevicesMetric: 11 } })] };
    expect(computePeriod(late, '2026-10').adjustments).toMatchObject([{ amount: '2.50' }]);
  });
  it('a late upload of another month does not touch September', () => {
    const ws = handPosted('30');
    const late = { ...ws, uploads: [...ws.uploads, withCursor(upload('datto-rmm', '2026-08-15', { 's-17': { AllDevicesMetric: 99 } }))] };
    expect(computePeriod(late, '2026-10').adjustments).toEqual([]);
  });
  it('a late upload before the first of the month that September days carry does', () => {
    const ws = handPosted('30');
    const early = { ...ws, uploads: [withCursor(upload('datto-rmm', '2026-08-31', { 's-17': { AllDevicesMetric: 99 } })), ...ws.uploads.filter((u) => u.date !== '2026-09-01')] };
    // 1 September carries 31 August's 99 instead of reading its own 10: +89 device-days.
    expect(computePeriod(early, '2026-10').adjustments).toMatchObject([{ amount: '17.33' }]);
  });
});
