// A first sync's snapshot and recent module-days, pulled side by side, shown as one progress
// that holds the screens while either still pages.
import { describe, expect, it } from 'vitest';
import { sideBySide } from '../../../web/src/lib/sync/side-by-side.ts';
import { pullHolds } from '../../../web/src/lib/sync/pull-hold.ts';
import type { SyncProgress } from '../../../web/src/lib/sync/client.ts';

describe('two pulls side by side', () => {
  it('shows the snapshot while it pages, then the module-days still paging, and lets go only when neither pages', () => {
    const shown: SyncProgress[] = [];
    const both = sideBySide((p) => shown.push(p));
    both.changes({ phase: 'changes', done: 500, total: 31_790, invoices: { done: 0, total: 21_780 } });
    both.uploads({ phase: 'uploads', done: 84, total: 590 });
    both.changes({ phase: 'changes', done: 31_790, total: 31_790 });
    both.uploads({ phase: 'uploads', done: 590, total: 590 });
    both.changes({ phase: 'changes', done: 3, total: null });
    expect(shown.map((p) => `${p.phase} ${p.done}`)).toEqual(['changes 500', 'changes 500', 'uploads 84', 'uploads 590', 'changes 3']);
    expect(shown.map(pullHolds)).toEqual([true, true, true, false, false]);
  });
});
