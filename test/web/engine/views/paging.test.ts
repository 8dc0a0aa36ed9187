import { describe, expect, it } from 'vitest';
import { matchesSearch, pageOf } from '../../../../web/src/lib/engine/views/paging.ts';

describe('paging', () => {
  const rows = Array.from({ length: 205 }, (_, i) => i);

  it('answers the requested page and where it lies', () => {
    expect(pageOf(rows, { page: 2, pageSize: 100 })).toEqual({ rows: [200, 201, 202, 203, 204], info: { page: 2, pageSize: 100, pages: 3, total: 205 } });
  });

  it('clamps a page past either end, and an empty list is one empty page', () => {
    expect(pageOf(rows, { page: 7, pageSize: 100 }).info.page).toBe(2);
    expect(pageOf(rows, { page: -1, pageSize: 100 }).rows[0]).toBe(0);
    expect(pageOf([], { page: 0, pageSize: 50 })).toEqual({ rows: [], info: { page: 0, pageSize: 50, pages: 1, total: 0 } });
  });

  it('never answers more than 500 rows, whatever is asked', () => {
    expect(pageOf(Array.from({ length: 2_000 }, (_, i) => i), { page: 0, pageSize: 100_000 }).rows).toHaveLength(500);
  });

  it('matches a search when every word appears, case-insensitively', () => {
    expect(matchesSearch('Brass Building Supplies', 'supplies brass')).toBe(true);
    expect(matchesSearch('Brass Building Supplies', 'brass dental')).toBe(false);
    expect(matchesSearch('anything', '   ')).toBe(true);
  });
});
