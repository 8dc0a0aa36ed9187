// The Invoices list kept record by record (InvoiceSummaries) is, after any run of posts,
// voids, numberings and deletes and whenever it is read, the list built from scratch over
// the stored rows: the same summaries in the same order, and the same duplicate posts as
// reading the contested invoices whole says.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { InvoiceRow } from '../../../../web/src/lib/db/rows.ts';
import { contestedIds, duplicateIds, InvoiceSummaries, sortSummaries, summarize } from '../../../../web/src/lib/engine/views/invoices.ts';

const IDS = ['inv-1', 'inv-2', 'inv-3', 'inv-4', 'inv-5', 'inv-6', 'inv-7'];

const row = fc.record({
  accountId: fc.constantFrom('a1', 'a2'),
  accountName: fc.option(fc.constantFrom('Brass', 'Cedar'), { nil: undefined }),
  period: fc.constantFrom('2026-09', '2026-10', '2026-11'),
  status: fc.constantFrom<InvoiceRow['status']>('posted', 'posted', 'voided'),
  number: fc.option(fc.constantFrom('INV-000001', 'INV-000002', 'INV-000010', 'INV-1000000')),
  postedAt: fc.option(fc.constantFrom('2026-11-02T10:00:00Z', '2026-11-02T11:00:00Z'), { nil: undefined }),
  total: fc.constantFrom('50.00', '-5.00'),
});

type RowFields = typeof row extends fc.Arbitrary<infer T> ? T : never;
type Op = { kind: 'put'; id: string; fields: RowFields } | { kind: 'number'; id: string; number: string | null }
  | { kind: 'void'; id: string } | { kind: 'delete'; id: string } | { kind: 'read' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('put' as const), id: fc.constantFrom(...IDS), fields: row }),
  fc.record({ kind: fc.constant('number' as const), id: fc.constantFrom(...IDS), number: fc.option(fc.constantFrom('INV-000003', 'INV-000001')) }),
  fc.record({ kind: fc.constant('void' as const), id: fc.constantFrom(...IDS) }),
  fc.record({ kind: fc.constant('delete' as const), id: fc.constantFrom(...IDS) }),
  fc.constant({ kind: 'read' as const }),
);

describe('InvoiceSummaries', () => {
  it('lists and flags what a list built from the stored rows lists and flags, whenever it is read', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
      const list = new InvoiceSummaries();
      const stored = new Map<string, InvoiceRow>();
      const check = () => {
        const rows = [...stored.values()].filter((r) => r.deleted !== true);
        const fresh = sortSummaries(rows.map(summarize));
        const index = list.index();
        expect(index.rows).toEqual(fresh);
        const contested = new Set(contestedIds(fresh));
        expect([...index.duplicates].sort()).toEqual([...duplicateIds(rows.filter((r) => contested.has(r.id)))].sort());
      };
      for (const o of ops) {
        if (o.kind === 'read') {
          check();
          continue;
        }
        const current = stored.get(o.id);
        let next: InvoiceRow | undefined;
        if (o.kind === 'put') next = { id: o.id, ...o.fields, lines: [] } as InvoiceRow;
        else if (o.kind === 'number') next = current && { ...current, number: o.number };
        else if (o.kind === 'void') next = current && { ...current, status: 'voided' };
        // a deleted record stays as a tombstone
        else next = current && { ...current, deleted: true };
        if (!next) continue;
        stored.set(o.id, next);
        list.put(next);
      }
      check();
    }), { numRuns: 800 });
  });
});
