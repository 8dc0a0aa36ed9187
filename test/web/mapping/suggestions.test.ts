import { describe, expect, it } from 'vitest';
import { suggestionsFor } from '../../../web/src/lib/mapping/suggestions.ts';
import type { MappingData } from '../../../web/src/lib/queries/mapping.ts';
import { CATALOG } from '../../../shared/catalog/modules.ts';

const module = (id: string) => {
  const def = CATALOG.find((m) => m.id === id);
  if (!def) throw new Error(id);
  return def;
};

const data = (saved: [string, string][]): MappingData => ({
  accounts: [{ id: 'a1', name: 'Brass Building Supplies' }, { id: 'a2', name: 'Rosewood Real Estate Partners' }],
  modules: [module('cyber-hawk'), module('datto-rmm')],
  orgs: [
    { module: 'cyber-hawk', orgId: 'ch-1', name: 'Brass Building Supplies_LLC', firstDate: '2026-10-01', lastDate: '2026-10-30' },
    { module: 'datto-rmm', orgId: 's-9', name: 'Rosewood Real Estate...', firstDate: '2026-10-01', lastDate: '2026-10-30' },
    { module: 'datto-rmm', orgId: 's-10', name: 'Unrelated Holdings', firstDate: '2026-10-01', lastDate: '2026-10-30' },
  ],
  saved: new Map(saved),
});

describe('suggestions for the mapping screens', () => {
  it('given unmapped orgs named the way modules name them, suggests their accounts from the org directory', () => {
    const found = suggestionsFor(data([]));
    expect(found.get('cyber-hawk:ch-1')?.accountId).toBe('a1');
    expect(found.get('datto-rmm:s-9')?.accountId).toBe('a2');
    expect(found.has('datto-rmm:s-10')).toBe(false);
  });

  it('suggests nothing for an org already mapped', () => {
    const found = suggestionsFor(data([['cyber-hawk:ch-1', 'a2']]));
    expect(found.has('cyber-hawk:ch-1')).toBe(false);
    expect(found.get('datto-rmm:s-9')?.accountId).toBe('a2');
  });
});
