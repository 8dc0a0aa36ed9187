// Two browsers, both offline, approve and post Brass's September. Both posts sync and are
// numbered; every browser must agree which one stands and bill the month once.
import { describe, expect, it } from 'vitest';
import { computePeriod } from '../../shared/invoice/compute-period.ts';
import { duplicatePosts, postInvoice, standingPosted } from '../../shared/posting/index.ts';
import type { Invoice } from '../../shared/schema/invoice.ts';
import type { Workspace } from '../../shared/schema/workspace.ts';
import { oneService, upload, uploadsEachDay } from '../support/billing.ts';

const september = () => oneService({
  asOf: '2026-10-05',
  uploads: uploadsEachDay('datto-rmm', '2026-09-01', '2026-09-30', () => ({ 's-17': { AllDevicesMetric: 10 } })),
});

/** Browser A and browser B each post September offline; the edge numbers them in arrival order. */
function bothPosted(numbers: [string | null, string | null], postedAt: [string, string]): Workspace {
  const base = september();
  const a = postInvoice(base, 'a1', '2026-09', { number: numbers[0], postedAt: postedAt[0], id: 'inv-a' }).invoices;
  const b = postInvoice(base, 'a1', '2026-09', { number: numbers[1], postedAt: postedAt[1], id: 'inv-b' }).invoices;
  return { ...base, invoices: [...b, ...a] };
}

const ids = (invoices: Invoice[]) => invoices.map((i) => i.id);

describe('a month posted twice from two offline browsers', () => {
  it('the first numbered post stands; the other is a duplicate to void', () => {
    const ws = bothPosted(['INV-000002', 'INV-000001'], ['2026-10-01T09:00:00Z', '2026-10-01T10:00:00Z']);
    expect([...standingPosted(ws.invoices).values()].map((i) => i.number)).toEqual(['INV-000001']);
    expect(ids(duplicatePosts(ws.invoices))).toEqual(['inv-a']);
    const result = computePeriod(ws, '2026-09');
    expect(result.invoices.map((i) => [i.status, i.number, i.total])).toEqual([['posted', 'INV-000001', '50.00']]);
  });

  it('orders numbers by their sequence, not their text: INV-999999 stands over INV-1000000', () => {
    const ws = bothPosted(['INV-999999', 'INV-1000000'], ['2026-10-01T10:00:00Z', '2026-10-01T09:00:00Z']);
    expect([...standingPosted(ws.invoices).values()].map((i) => i.number)).toEqual(['INV-999999']);
    expect(ids(duplicatePosts(ws.invoices))).toEqual(['inv-b']);
  });

  it('before the edge has numbered them, the earlier post stands, whichever order they arrive in', () => {
    const one = bothPosted([null, null], ['2026-10-01T09:00:00Z', '2026-10-01T10:00:00Z']);
    const other = { ...one, invoices: [...one.invoices].reverse() };
    expect(ids([...standingPosted(one.invoices).values()])).toEqual(['inv-a']);
    expect(ids([...standingPosted(other.invoices).values()])).toEqual(['inv-a']);
  });

  it('a late upload is adjusted once on October, not once per post', () => {
    const ws = bothPosted(['INV-000001', 'INV-000002'], ['2026-10-01T09:00:00Z', '2026-10-01T10:00:00Z']);
    const late = { ...ws, uploads: [...ws.uploads, upload('datto-rmm', '2026-09-30', { 's-17': { AllDevicesMetric: 40 } })] };
    const october = computePeriod(late, '2026-10');
    const adjustments = october.invoices.flatMap((i) => i.lines.filter((l) => l.kind === 'adjustment'));
    // one day of 30 more devices at $5.00 / 30 days = $5.00, once
    expect(adjustments.map((l) => l.amount)).toEqual(['5.00']);
  });
});
