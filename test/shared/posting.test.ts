import { describe, expect, it } from 'vitest';
import { computePeriod } from '../../shared/invoice/compute-period.ts';
import { nextInvoiceNumber } from '../../shared/posting/number.ts';
import { postInvoice, postInvoices } from '../../shared/posting/post.ts';
import { assignInvoiceNumber, voidInvoice } from '../../shared/posting/void.ts';
import { invoice as invoiceSchema } from '../../shared/schema/invoice.ts';
import { workspace } from '../../shared/schema/workspace.ts';
import type { Workspace } from '../../shared/schema/workspace.ts';
import { oneService, upload, uploadsEachDay } from '../support/billing.ts';

const september = uploadsEachDay('datto-rmm', '2026-09-01', '2026-09-30', (d) => ({ 's-17': { AllDevicesMetric: d <= '2026-09-15' ? 10 : 11 } }))
  .filter((u) => u.date !== '2026-09-20');
const postedAt = '2026-10-01T08:00:00Z';

function twoAccounts(): Workspace {
  const ws = oneService({ uploads: september, asOf: '2026-10-01' });
  const contract = ws.contracts[0];
  if (!contract) throw new Error('no contract');
  return {
    ...ws,
    accounts: [...ws.accounts, { id: 'a2', name: 'Rosewood Real Estate' }],
    orgMappings: [...ws.orgMappings, { module: 'datto-rmm', orgId: 's-18', accountId: 'a2' }],
    contracts: [...ws.contracts, { ...contract, id: 'c2', accountId: 'a2' }],
  };
}

describe('posting (docs/billing-rules.md#posting)', () => {
  it('refuses to post before the period ends', () => {
    const ws = oneService({ uploads: september, asOf: '2026-09-25' });
    expect(() => postInvoice(ws, 'a1', '2026-09', { number: 'INV-000001', postedAt })).toThrow('cannot post 2026-09 before it ends (asOf 2026-09-25)');
    expect(() => postInvoice(ws, 'a1', '2026-09', { number: null, postedAt, asOf: '2026-09-29' })).toThrow('before it ends');
    // The last day's nightly upload arrives after midnight: posting opens the day after.
    expect(() => postInvoice(ws, 'a1', '2026-09', { number: null, postedAt, asOf: '2026-09-30' })).toThrow('posting opens on 2026-10-01');
    expect(() => postInvoice(ws, 'a1', '2026-09', { number: null, postedAt, asOf: '2026-10-01' })).not.toThrow();
  });

  it('freezes every line with its daily quantities and numbers the invoice, leaving the input untouched', () => {
    const ws = oneService({ uploads: september, asOf: '2026-10-01' });
    const before = JSON.stringify(ws);
    const posted = postInvoice(ws, 'a1', '2026-09', { number: nextInvoiceNumber(ws), postedAt });
    expect(JSON.stringify(ws)).toBe(before);
    const invoice = posted.invoices[0];
    expect(invoice).toMatchObject({ id: 'a1/2026-09/1', accountId: 'a1', accountName: 'Brass Building Supplies', status: 'posted', number: 'INV-000001', total: '52.50', postedAt, creditNote: false });
    const line = invoice?.lines[0];
    expect(line).toMatchObject({ kind: 'item', quantity: '10.5000', amount: '52.50', cost: '12.60', estimated: false });
    expect(line?.daily).toHaveLength(30);
    expect(line?.daily?.[19]).toEqual({ date: '2026-09-20', quantity: '11.0000', carried: true, estimated: false });
    expect(line?.daily?.[0]).toEqual({ date: '2026-09-01', quantity: '10.0000', carried: false, estimated: false });
    // The posted invoice is valid workspace data: it round-trips through the schemas.
    expect(invoiceSchema.parse(invoice)).toEqual(invoice);
    expect(workspace.safeParse(posted).success).toBe(true);
    expect(nextInvoiceNumber(posted)).toBe('INV-000002');
  });

  it('refuses to post twice, to reuse a number, or to post nothing', () => {
    const ws = postInvoice(oneService({ uploads: september, asOf: '2026-10-01' }), 'a1', '2026-09', { number: 'INV-000001', postedAt });
    expect(() => postInvoice(ws, 'a1', '2026-09', { number: 'INV-000002', postedAt })).toThrow('already posted (INV-000001)');
    const withIdle = { ...ws, accounts: [...ws.accounts, { id: 'a2', name: 'Idle' }] };
    expect(() => postInvoice(withIdle, 'a2', '2026-09', { number: 'INV-000001', postedAt })).toThrow('INV-000001 is already used');
    expect(() => postInvoice(withIdle, 'a2', '2026-09', { number: 'INV-000002', postedAt })).toThrow('a2 has nothing to invoice for 2026-09');
    expect(() => postInvoice(ws, 'nobody', '2026-09', { number: null, postedAt })).toThrow('unknown account');
  });

  it('voids: lines return to pending, recomputed; the next post gets a new number', () => {
    let ws = postInvoice(oneService({ uploads: september, asOf: '2026-10-01' }), 'a1', '2026-09', { number: 'INV-000001', postedAt });
    ws = { ...ws, uploads: [...ws.uploads, upload('datto-rmm', '2026-09-30', { 's-17': { AllDevicesMetric: 41 } })] };
    expect(computePeriod(ws, '2026-09').invoices[0]).toMatchObject({ status: 'posted', total: '52.50' });

    ws = voidInvoice(ws, { number: 'INV-000001' }, { voidedAt: '2026-10-02T08:00:00Z' });
    expect(ws.invoices[0]).toMatchObject({ status: 'voided', number: 'INV-000001', voidedAt: '2026-10-02T08:00:00Z' });
    // Pending again, with today's data: 30 more device-days → 11.5 → 57.50.
    expect(computePeriod(ws, '2026-09').invoices).toMatchObject([{ status: 'draft', number: null, total: '57.50' }]);
    expect(computePeriod(ws, '2026-10').adjustments).toEqual([]);
    expect(nextInvoiceNumber(ws)).toBe('INV-000002');

    ws = postInvoice(ws, 'a1', '2026-09', { number: nextInvoiceNumber(ws), postedAt });
    expect(ws.invoices.map((i) => [i.id, i.status, i.number, i.total])).toEqual([
      ['a1/2026-09/1', 'voided', 'INV-000001', '52.50'],
      ['a1/2026-09/2', 'posted', 'INV-000002', '57.50'],
    ]);
    expect(nextInvoiceNumber(ws)).toBe('INV-000003');
    expect(() => voidInvoice(ws, { id: 'a1/2026-09/1' }, { voidedAt: postedAt })).toThrow('no such posted invoice');
  });

  it('posts with the number pending, and the edge numbers it later', () => {
    let ws = postInvoice(oneService({ uploads: september, asOf: '2026-10-01' }), 'a1', '2026-09', { number: null, postedAt, id: 'local-1' });
    expect(ws.invoices[0]).toMatchObject({ id: 'local-1', status: 'posted', number: null });
    expect(computePeriod(ws, '2026-09').invoices[0]).toMatchObject({ status: 'posted', number: null });
    expect(nextInvoiceNumber(ws)).toBe('INV-000001');
    ws = assignInvoiceNumber(ws, 'local-1', nextInvoiceNumber(ws));
    expect(ws.invoices[0]?.number).toBe('INV-000001');
    expect(() => assignInvoiceNumber(ws, 'local-1', 'INV-000002')).toThrow('already has number');
  });

  it('posts many accounts at once, numbered in turn', () => {
    const ws = postInvoices(twoAccounts(), ['a2', 'a1'], '2026-09', { numbered: true, postedAt });
    expect(ws.invoices.map((i) => [i.accountId, i.number, i.total])).toEqual([['a2', 'INV-000001', '0.00'], ['a1', 'INV-000002', '52.50']]);
    const pending = postInvoices(twoAccounts(), ['a1', 'a2'], '2026-09', { numbered: false, postedAt });
    expect(pending.invoices.map((i) => i.number)).toEqual([null, null]);
  });
});
