import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Change } from '../../shared/schema/changes.ts';
import { formatHlc } from '../../shared/sync/hlc.ts';
import { isDeleted, mergeChange, mergeChanges, recordKey, type RecordState } from '../../shared/sync/merge.ts';

const clock = (millis: number, origin: string, counter = 0) => formatHlc({ millis, counter, origin });
const change = (fields: Change['fields'], hlc: string, id = 'a1'): Change => ({ table: 'accounts', id, fields, hlc, origin: hlc.split('-')[2] ?? 'x' });

describe('mergeChange', () => {
  it('takes every field of the first change of a record', () => {
    const next = mergeChange(undefined, change({ name: 'Brass' }, clock(1, 'b1')));
    expect(next?.values).toEqual({ name: 'Brass' });
  });

  it('keeps the later value of a field whichever order the changes arrive in', () => {
    const older = change({ name: 'Old' }, clock(1, 'b1'));
    const newer = change({ name: 'New' }, clock(2, 'b2'));
    const a = mergeChange(mergeChange(undefined, older) ?? undefined, newer);
    const first = mergeChange(undefined, newer) ?? undefined;
    expect(a?.values.name).toBe('New');
    expect(mergeChange(first, older)).toBeNull();
    expect(first?.values.name).toBe('New');
  });

  it('decides each field on its own clock', () => {
    const base = mergeChange(undefined, change({ name: 'A', code: 'x' }, clock(1, 'b1'))) ?? undefined;
    const renamed = mergeChange(base, change({ name: 'B' }, clock(3, 'b1'))) ?? undefined;
    const recoded = mergeChange(renamed, change({ name: 'C', code: 'y' }, clock(2, 'b2')));
    expect(recoded?.values).toEqual({ name: 'B', code: 'y' });
  });

  it('breaks a tie of time and counter by origin, the same way everywhere', () => {
    const fromA = change({ name: 'A' }, clock(5, 'aaa'));
    const fromB = change({ name: 'B' }, clock(5, 'bbb'));
    const one = mergeChange(mergeChange(undefined, fromA) ?? undefined, fromB);
    const other = mergeChange(undefined, fromB) ?? undefined;
    expect(one?.values.name).toBe('B');
    expect(mergeChange(other, fromA)).toBeNull();
  });

  it('treats a deletion as a field: a later re-creation wins over it', () => {
    const created = mergeChange(undefined, change({ name: 'A', deleted: false }, clock(1, 'b1'))) ?? undefined;
    const deleted = mergeChange(created, change({ deleted: true }, clock(2, 'b2'))) ?? undefined;
    expect(isDeleted(deleted)).toBe(true);
    const back = mergeChange(deleted, change({ deleted: false }, clock(3, 'b1'))) ?? undefined;
    expect(isDeleted(back)).toBe(false);
  });
});

describe('mergeChanges', () => {
  const arbitraryChange = fc.record({
    id: fc.constantFrom('a1', 'a2'),
    field: fc.constantFrom('name', 'deleted'),
    value: fc.oneof(fc.string({ maxLength: 3 }), fc.boolean()),
    millis: fc.integer({ min: 1, max: 20 }),
    counter: fc.integer({ min: 0, max: 2 }),
    origin: fc.constantFrom('b1', 'b2', 'edge'),
  }).map((r) => change({ [r.field]: r.value }, clock(r.millis, r.origin, r.counter), r.id));

  it('converges to the same records for any order and any repetition of the same changes', () => {
    fc.assert(fc.property(fc.array(arbitraryChange, { maxLength: 30 }), fc.integer(), (changes, seed) => {
      const shuffled = [...changes, ...changes.slice(0, 5)].sort((x, y) => ((x.hlc + seed).localeCompare(y.hlc + String(-seed))));
      const left = new Map<string, RecordState>();
      const right = new Map<string, RecordState>();
      mergeChanges(left, changes);
      mergeChanges(right, shuffled.reverse());
      expect(Object.fromEntries([...right].map(([k, v]) => [k, v.values]))).toEqual(Object.fromEntries([...left].map(([k, v]) => [k, v.values])));
    }));
  });

  it('reports only the records a batch changed', () => {
    const store = new Map<string, RecordState>();
    mergeChanges(store, [change({ name: 'A' }, clock(2, 'b1'))]);
    const touched = mergeChanges(store, [change({ name: 'stale' }, clock(1, 'b2')), change({ name: 'Z' }, clock(1, 'b2'), 'a2')]);
    expect(touched.map((r) => r.id)).toEqual(['a2']);
    expect(store.get(recordKey('accounts', 'a1'))?.values.name).toBe('A');
  });
});
