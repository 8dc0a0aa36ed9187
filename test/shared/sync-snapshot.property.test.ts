// The compacted log (shared/sync/snapshot.ts) merges to exactly what the whole log merges to,
// for any history: overwrites, deletes, ties of one clock with two values, any arrival order,
// and on top of whatever part of the log a browser already holds.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Change } from '../../shared/schema/changes.ts';
import { formatHlc } from '../../shared/sync/hlc.ts';
import { mergeChanges, type RecordState } from '../../shared/sync/merge.ts';
import { compactChanges } from '../../shared/sync/snapshot.ts';

const table = fc.constantFrom<Change['table']>('accounts', 'invoices', 'orgMappings');
const value = fc.oneof(fc.constantFrom('Brass', 'Cedar', 'Rosewood'), fc.integer({ min: 0, max: 3 }), fc.constant(null), fc.record({ unitPrice: fc.constantFrom('5.00', '6.00') }));
const fields = fc.dictionary(fc.constantFrom('name', 'status', 'number', 'services', 'deleted'), fc.oneof(value, fc.boolean()), { minKeys: 1, maxKeys: 3 });
// Few clocks, so ties (one clock, two values) happen often.
const change = fc.record({
  table,
  id: fc.constantFrom('r1', 'r2', 'r3'),
  fields,
  millis: fc.integer({ min: 1, max: 6 }),
  origin: fc.constantFrom('browser-a', 'browser-b', 'edge'),
}).map(({ table: t, id, fields: f, millis, origin }): Change => ({ table: t, id, fields: f, hlc: formatHlc({ millis, counter: 0, origin }), origin }));

function merged(...lists: Change[][]): Map<string, RecordState> {
  const store = new Map<string, RecordState>();
  for (const list of lists) mergeChanges(store, list);
  return store;
}

describe('compactChanges', () => {
  it('merges to the same records and clocks as the whole log, in any order and on top of any prefix', () => {
    fc.assert(fc.property(fc.array(change, { maxLength: 40 }), fc.nat(40), (log, cut) => {
      const snapshot = compactChanges(log);
      expect(merged(snapshot)).toEqual(merged(log));
      expect(merged([...snapshot].reverse())).toEqual(merged(log));
      const held = log.slice(0, cut);
      expect(merged(held, snapshot)).toEqual(merged(held, log));
      expect(snapshot.length).toBeLessThanOrEqual(log.length);
    }), { numRuns: 500 });
  });

  it('keeps one change per winning clock of a record, with only the fields it still wins', () => {
    const c = (millis: number, origin: string) => formatHlc({ millis, counter: 0, origin });
    const log: Change[] = [
      { table: 'invoices', id: 'inv-1', fields: { status: 'posted', number: null, total: '50.00' }, hlc: c(1, 'browser-a'), origin: 'browser-a' },
      { table: 'invoices', id: 'inv-1', fields: { number: 'INV-000001' }, hlc: c(2, 'edge'), origin: 'edge' },
      { table: 'invoices', id: 'inv-1', fields: { status: 'voided' }, hlc: c(3, 'browser-b'), origin: 'browser-b' },
      { table: 'invoices', id: 'inv-1', fields: { total: '55.00' }, hlc: c(1, 'browser-a'), origin: 'browser-a' },
    ];
    expect(compactChanges(log)).toEqual([
      // '"55.00"' is the larger encoding of the two values at one clock.
      { table: 'invoices', id: 'inv-1', fields: { total: '55.00' }, hlc: c(1, 'browser-a'), origin: 'browser-a' },
      { table: 'invoices', id: 'inv-1', fields: { number: 'INV-000001' }, hlc: c(2, 'edge'), origin: 'edge' },
      { table: 'invoices', id: 'inv-1', fields: { status: 'voided' }, hlc: c(3, 'browser-b'), origin: 'browser-b' },
    ]);
  });
});
