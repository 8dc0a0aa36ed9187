// The Org mapping screen's pages as the worker answers them: the unsaved edits applied, the
// unmapped count over every org, suggestions only for orgs still unmapped.
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../../../shared/catalog/modules.ts';
import type { MappingData } from '../../../../web/src/lib/queries/mapping.ts';
import type { Suggestion } from '../../../../web/src/lib/mapping/suggestions.ts';
import { orgMappingView, suggestionsAbove, type OrgMappingQuery } from '../../../../web/src/lib/engine/views/org-mapping.ts';

const rmm = CATALOG.find((m) => m.id === 'datto-rmm');
const edr = CATALOG.find((m) => m.id === 'datto-edr');
if (!rmm || !edr) throw new Error('catalog changed');

/** Two accounts; Brass has its RMM site mapped, three orgs are free. */
const data: MappingData = {
  accounts: [{ id: 'a1', name: 'Brass Building Supplies' }, { id: 'a2', name: 'Cobalt Dental' }],
  modules: [rmm, edr],
  orgs: [
    { module: 'datto-edr', orgId: 'e-2', name: 'Cobalt Dental', firstDate: '2026-11-01', lastDate: '2026-11-30' },
    { module: 'datto-rmm', orgId: 's-1', name: 'Brass Building', firstDate: '2026-11-01', lastDate: '2026-11-30' },
    { module: 'datto-rmm', orgId: 's-2', name: 'Cobalt Dental Clinic', firstDate: '2026-11-01', lastDate: '2026-11-30' },
    { module: 'datto-rmm', orgId: 's-3', name: 'Empty Warehouse', firstDate: '2026-11-01', lastDate: '2026-11-29' },
  ],
  saved: new Map([['datto-rmm:s-1', 'a1']]),
};
const suggestions = new Map<string, Suggestion>([
  ['datto-rmm:s-2', { module: 'datto-rmm', orgId: 's-2', accountId: 'a2', confidence: 0.95, reason: 'name' }],
  ['datto-edr:e-2', { module: 'datto-edr', orgId: 'e-2', accountId: 'a2', confidence: 0.85, reason: 'name' }],
]);
const query = (over: Partial<OrgMappingQuery> = {}): OrgMappingQuery => ({
  tab: 'orgs', search: '', module: '', unmappedOnly: false, overrides: [], suggest: true, threshold: 0.9, page: 0, pageSize: 100, ...over,
});

describe('org mapping view', () => {
  it('lists orgs with their account, counts the unmapped and the open suggestions', () => {
    const view = orgMappingView(data, suggestions, query());
    expect(view.orgs.map((o) => [o.orgId, o.accountId, o.suggestion?.accountId ?? null])).toEqual([
      ['e-2', null, 'a2'], ['s-1', 'a1', null], ['s-2', null, 'a2'], ['s-3', null, null],
    ]);
    expect([view.unmapped, view.suggested, view.aboveThreshold]).toEqual([3, 2, 1]);
  });

  it('applies the unsaved edits: an org mapped by hand is no longer unmapped nor suggested; an unmapped one is free again', () => {
    const overrides: [string, string | null][] = [['datto-rmm:s-2', 'a2'], ['datto-rmm:s-1', null]];
    const view = orgMappingView(data, suggestions, query({ overrides, unmappedOnly: true }));
    expect(view.orgs.map((o) => [o.orgId, o.saved])).toEqual([['e-2', null], ['s-1', 'a1'], ['s-3', null]]);
    expect([view.unmapped, view.suggested]).toEqual([3, 1]);
    expect(view.savedOf).toEqual([['datto-rmm:s-2', null], ['datto-rmm:s-1', 'a1']]);
    expect(suggestionsAbove(data, suggestions, overrides, 0.8).map((s) => s.orgId)).toEqual(['e-2']);
  });

  it('searches names and ids, filters by module, and pages what matches', () => {
    expect(orgMappingView(data, suggestions, query({ search: 'cobalt' })).orgs.map((o) => o.orgId)).toEqual(['e-2', 's-2']);
    expect(orgMappingView(data, suggestions, query({ search: 'S-3' })).orgs.map((o) => o.name)).toEqual(['Empty Warehouse']);
    const rmmOnly = orgMappingView(data, suggestions, query({ module: 'datto-rmm', pageSize: 2, page: 1 }));
    expect(rmmOnly.orgs.map((o) => o.orgId)).toEqual(['s-3']);
    expect(rmmOnly.info).toEqual({ page: 1, pageSize: 2, pages: 2, total: 3 });
  });

  it('lays out a page of accounts by module, with the free orgs to choose from and suggestions in empty cells', () => {
    const view = orgMappingView(data, suggestions, query({ tab: 'accounts' }));
    expect(view.accounts.map((a) => [a.name, a.cells.map((c) => [c.module, c.orgs.map((o) => o.orgId), c.suggestions.map((s) => s.label)])])).toEqual([
      ['Brass Building Supplies', [['datto-rmm', ['s-1'], []], ['datto-edr', [], []]]],
      ['Cobalt Dental', [['datto-rmm', [], ['Cobalt Dental Clinic']], ['datto-edr', [], ['Cobalt Dental']]]],
    ]);
    expect(Object.fromEntries(Object.entries(view.free).map(([m, orgs]) => [m, orgs.map((o) => o.orgId)]))).toEqual({ 'datto-edr': ['e-2'], 'datto-rmm': ['s-2', 's-3'] });
    expect(orgMappingView(data, suggestions, query({ tab: 'accounts', search: 'dental' })).accounts.map((a) => a.id)).toEqual(['a2']);
  });

  it('at 6,000 orgs and 2,000 accounts a page holds 100 orgs and the unmapped count covers all', () => {
    const accounts = Array.from({ length: 2_000 }, (_, i) => ({ id: `acct-${i}`, name: `Client ${String(i).padStart(4, '0')}` }));
    const orgs = Array.from({ length: 6_000 }, (_, i) => ({ module: i % 2 === 0 ? 'datto-rmm' : 'datto-edr', orgId: `org-${i}`, name: `Site ${i}`, firstDate: '2026-11-01', lastDate: '2026-11-30' }));
    const saved = new Map(orgs.filter((_, i) => i % 3 !== 0).map((o, i) => [`${o.module}:${o.orgId}`, `acct-${i % 2_000}`]));
    const big: MappingData = { accounts, modules: [rmm, edr], orgs, saved };
    const list = orgMappingView(big, new Map(), query());
    expect(list.orgs).toHaveLength(100);
    expect(list.unmapped).toBe(2_000);
    const grid = orgMappingView(big, new Map(), query({ tab: 'accounts', pageSize: 50 }));
    expect(grid.accounts).toHaveLength(50);
    expect(grid.info.total).toBe(2_000);
  });
});
