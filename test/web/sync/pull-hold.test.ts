import { afterEach, describe, expect, it } from 'vitest';
import { holdReads, onReadsHeld, pullHolds, readsHeld } from '../../../web/src/lib/sync/pull-hold.ts';

afterEach(() => holdReads(false));

describe('a pull with more pages to come holds the live reads', () => {
  it('holds during a first sync’s snapshot until its last page is stored', () => {
    expect(pullHolds({ phase: 'changes', done: 14_000, total: 31_790, invoices: { done: 14_000, total: 21_780 } })).toBe(true);
    expect(pullHolds({ phase: 'changes', done: 31_790, total: 31_790, invoices: { done: 21_780, total: 21_780 } })).toBe(false);
  });

  it('holds while a backlog of module-days is pulled, not for a routine page', () => {
    expect(pullHolds({ phase: 'uploads', done: 500, total: 3_650 })).toBe(true);
    expect(pullHolds({ phase: 'uploads', done: 12, total: 12 })).toBe(false);
  });

  it('never holds for the change log, whose length is unknown, nor when nothing is pulled', () => {
    expect(pullHolds({ phase: 'changes', done: 40, total: null })).toBe(false);
    expect(pullHolds(null)).toBe(false);
  });

  it('tells each listener once when the hold starts and once when it ends', () => {
    const seen: boolean[] = [];
    const stop = onReadsHeld((held) => seen.push(held));
    holdReads(true);
    holdReads(true);
    expect(readsHeld()).toBe(true);
    holdReads(false);
    stop();
    holdReads(true);
    expect(seen).toEqual([true, false]);
  });
});
