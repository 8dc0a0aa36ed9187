// The posted index kept record by record (the engine worker's PostedLedger) says exactly
// what one built from scratch over the same records says, after any run of posts, voids,
// numberings, edits and deletes: which post stands for each account's period, the charges
// they bill, the ids and numbers in use, the highest number and the duplicate posts.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Invoice, InvoiceLine } from '../../shared/schema/invoice.ts';
import { indexPosted, PostedLedger, postedWith, type PostedIndex, type PostedInvoice } from '../../shared/invoice/posted.ts';
import { duplicatePosts, standingPosted } from '../../shared/posting/duplicates.ts';
import { nextInvoiceNumber, parseInvoiceNumber } from '../../shared/posting/number.ts';

const IDS = ['inv-1', 'inv-2', 'inv-3', 'inv-4', 'inv-5', 'inv-6'];
const ACCOUNTS = ['a1', 'a2'];
const PERIODS = ['2026-09', '2026-10'];
const CHARGES = ['ch-1', 'ch-2', 'ch-3'];
const NUMBERS = ['INV-000001', 'INV-000002', 'INV-000003', 'INV-1000000'];

const item = (period: string, sources: string[]): InvoiceLine => ({
  kind: 'item', contractId: 'c1', serviceId: 's1', module: 'datto-rmm', period, serviceName: 'Managed endpoint',
  billing: 'daily', unitPrice: '5.00', unitCost: null, minimumQuantity: null, includedQuantity: null,
  tiers: [{ upTo: '10', unitPrice: '5.00' }], tierMode: null, taxable: true, activeFrom: `${period}-01`, activeTo: `${period}-30`,
  sources: { orgIds: sources, billingTypes: ['DesktopLaptopMetric'] },
  quantity: '10', amount: '50.00', cost: null, estimated: false, moduleName: 'Datto RMM', margin: null,
});
const charge = (period: string, chargeId: string): InvoiceLine => ({
  kind: 'charge', contractId: null, serviceId: null, module: null, period, chargeId, description: 'Setup', corrects: null,
  unitPrice: '10.00', unitCost: null, taxable: true, quantity: '1', amount: '10.00', cost: null, estimated: false,
});
const adjustment = (period: string): InvoiceLine => ({
  kind: 'adjustment', contractId: 'c1', serviceId: 's1', module: 'datto-rmm', period, quantity: '1', amount: '5.00', cost: '1.00',
  estimated: false, oldQuantity: '10', newQuantity: '11',
});

const invoice = fc.record({
  accountId: fc.constantFrom(...ACCOUNTS),
  period: fc.constantFrom(...PERIODS),
  status: fc.constantFrom<Invoice['status']>('posted', 'posted', 'voided', 'draft'),
  number: fc.option(fc.constantFrom(...NUMBERS)),
  postedAt: fc.option(fc.constantFrom('2026-11-02T10:00:00Z', '2026-11-02T11:00:00Z'), { nil: undefined }),
  usageCursor: fc.option(fc.constantFrom('7', '12'), { nil: undefined }),
  charges: fc.subarray(CHARGES),
  sources: fc.constantFrom(['rmm-1'], ['rmm-1', 'rmm-2']).map((ids) => [...ids]),
  adjusted: fc.boolean(),
}).map(({ charges, sources, adjusted, postedAt, usageCursor, ...rest }) => (id: string): Invoice => ({
  id, ...rest, total: '60.00', currency: 'USD',
  ...(postedAt === undefined ? {} : { postedAt }), ...(usageCursor === undefined ? {} : { usageCursor }),
  lines: [item(rest.period, sources), ...(adjusted ? [adjustment('2026-08')] : []), ...charges.map((c) => charge(rest.period, c))],
}));

type Op =
  | { kind: 'put'; id: string; make: (id: string) => Invoice }
  | { kind: 'number'; id: string; number: string | null }
  | { kind: 'void'; id: string }
  | { kind: 'delete'; id: string };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('put' as const), id: fc.constantFrom(...IDS), make: invoice }),
  fc.record({ kind: fc.constant('number' as const), id: fc.constantFrom(...IDS), number: fc.option(fc.constantFrom(...NUMBERS)) }),
  fc.record({ kind: fc.constant('void' as const), id: fc.constantFrom(...IDS) }),
  fc.record({ kind: fc.constant('delete' as const), id: fc.constantFrom(...IDS) }),
);

/** Applies the ops to the ledgers as the worker does (a changed record is put again, a deleted one removed); returns the records left. */
function run(ops: readonly Op[], ledgers: readonly PostedLedger[]): Map<string, Invoice> {
  const records = new Map<string, Invoice>();
  for (const o of ops) {
    const current = records.get(o.id);
    let next: Invoice | undefined;
    if (o.kind === 'put') next = o.make(o.id);
    else if (o.kind === 'number') next = current && { ...current, number: o.number };
    else if (o.kind === 'void') next = current && { ...current, status: 'voided' };
    else next = undefined;
    if (next) records.set(o.id, next);
    else records.delete(o.id);
    for (const ledger of ledgers) {
      if (next) ledger.put(o.id, next);
      else ledger.remove(o.id);
    }
  }
  return records;
}

// What a rule reading a posted line sees (own fields and those shared between months), without the fields they never read.
const UNREAD = new Set(['moduleName', 'margin', 'basis', 'daily']);
const UNREAD_BESIDE_ITEMS = new Set([...UNREAD, 'serviceName', 'billing', 'unitPrice', 'unitCost', 'taxable', 'description', 'oldQuantity']);
function readable(line: InvoiceLine): Record<string, unknown> {
  const seen: Record<string, unknown> = {};
  // for…in: the fields an item line shares with its other months are inherited
  for (const key in line) if (!(line.kind === 'item' ? UNREAD : UNREAD_BESIDE_ITEMS).has(key)) seen[key] = line[key as keyof InvoiceLine];
  return seen;
}

/** Everything the rules and posting can ask an index. */
function answers(index: PostedIndex) {
  const accounts = [...index.accountIds()].sort();
  return {
    standing: accounts.map((accountId) => [accountId, [...(index.periods(accountId) ?? new Map<string, PostedInvoice>()).entries()].sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([period, entry]) => [period, entry.id, entry.number, entry.postedAt, entry.usageCursor, entry.lines.map(readable)])]),
    charges: CHARGES.filter((c) => index.billsCharge(c)),
    ids: IDS.filter((id) => index.hasId(id)),
    numbers: NUMBERS.filter((n) => index.hasNumber(n)),
    highest: index.highestNumber(),
  };
}

describe('PostedLedger', () => {
  it('kept record by record answers what one built from the records left answers, slim or whole', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
      const slim = new PostedLedger({ slim: true });
      const whole = new PostedLedger({ slim: false });
      const records = run(ops, [slim, whole]);
      const invoices = [...records.values()];
      const fresh = indexPosted(invoices);
      const freshSlim = new PostedLedger({ slim: true });
      for (const [id, inv] of records) freshSlim.put(id, inv);

      expect(answers(slim)).toEqual(answers(freshSlim));
      expect(answers(whole)).toEqual(answers(fresh));
      expect(answers(slim)).toEqual(answers(fresh));
      expect([...slim.duplicateIds()].sort()).toEqual([...fresh.duplicateIds()].sort());

      // ...and what the rules said before there was an index.
      const standing = standingPosted(invoices);
      expect(answers(fresh).standing.flatMap(([, periods]) => (periods as unknown[][]).map((p) => p[1])).sort())
        .toEqual([...standing.values()].map((i) => i.id).sort());
      expect([...fresh.duplicateIds()].sort()).toEqual(duplicatePosts(invoices).map((i) => i.id).sort());
      const highest = Math.max(0, ...invoices.map((i) => (i.number === null ? 0 : parseInvoiceNumber(i.number) ?? 0)));
      expect(slim.highestNumber()).toBe(highest);
      expect(nextInvoiceNumber({ invoices: [], posted: slim })).toBe(nextInvoiceNumber({ invoices }));
      for (const [key, inv] of standing) {
        const [accountId, period] = key.split('\u0000') as [string, string];
        expect(whole.whole(accountId, period)).toBe(records.get(inv.id ?? ''));
        expect(slim.whole(accountId, period)).toBeUndefined();
      }
    }), { numRuns: 400 });
  });

  it('shares the frozen terms and sources of a slim entry between months instead of copying them', () => {
    const slim = new PostedLedger({ slim: true });
    slim.put('inv-1', { id: 'inv-1', accountId: 'a1', period: '2026-09', status: 'posted', number: null, total: '50.00', lines: [item('2026-09', ['rmm-1'])] });
    slim.put('inv-2', { id: 'inv-2', accountId: 'a1', period: '2026-10', status: 'posted', number: null, total: '50.00', lines: [item('2026-10', ['rmm-1'])] });
    const [september, october] = ['2026-09', '2026-10'].map((p) => slim.periods('a1')?.get(p)?.lines[0]);
    expect(september?.sources).toBe(october?.sources);
    expect(september?.tiers).toBe(october?.tiers);
    // only what the rules read: no module name, no margin
    expect(september).not.toHaveProperty('moduleName');
    expect(september).not.toHaveProperty('margin');
  });

  it('with invoices posted since it was read, and whole invoices given for a period', () => {
    const slim = new PostedLedger({ slim: true });
    const september: Invoice = { id: 'inv-1', accountId: 'a1', period: '2026-09', status: 'posted', number: 'INV-000001', total: '60.00', lines: [item('2026-09', ['rmm-1']), charge('2026-09', 'ch-1')] };
    slim.put('inv-1', september);
    const october: Invoice = { id: 'inv-2', accountId: 'a2', period: '2026-10', status: 'posted', number: null, total: '50.00', lines: [item('2026-10', ['rmm-1'])] };
    const index = postedWith(postedWith(slim, { whole: [september] }), { added: [october] });
    expect([...index.accountIds()]).toEqual(['a1', 'a2']);
    expect(index.whole('a1', '2026-09')).toBe(september);
    expect(index.whole('a2', '2026-10')).toBe(october);
    expect(index.hasId('inv-2') && index.hasId('inv-1') && !index.hasId('inv-3')).toBe(true);
    expect(index.billsCharge('ch-1')).toBe(true);
    expect(index.highestNumber()).toBe(1);
    // the ledger itself is untouched
    expect(slim.hasId('inv-2')).toBe(false);
  });
});
