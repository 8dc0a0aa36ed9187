// The Org mapping screen as the worker answers it, both tabs: the account × module grid
// (one page of accounts) and the "Map by module organization" list (one page of orgs),
// with the admin's unsaved edits applied, the unmapped count and the open suggestions.
import type { MappingData } from '../../queries/mapping.ts';
import type { Suggestion } from '../../mapping/suggestions.ts';
import { orgMappingId } from '../../db/rows.ts';
import { matchesSearch, pageOf, type PageInfo, type PageRequest } from './paging.ts';

export interface OrgMappingQuery extends PageRequest {
  tab: 'accounts' | 'orgs';
  /** Account names (grid) or org names and ids (list). */
  search: string;
  /** List only: a module id, '' for every enabled module. */
  module: string;
  /** List only. */
  unmappedOnly: boolean;
  /** Edits not in the stored mappings yet (unsaved, or saved but not read back): org key → account id, null to unmap. */
  overrides: [key: string, accountId: string | null][];
  suggest: boolean;
  /** "Accept all at or above" this confidence. */
  threshold: number;
}

export interface OrgRef {
  module: string;
  orgId: string;
  name: string;
  /** The stored mapping's account. */
  saved: string | null;
}

export interface OrgListRow extends OrgRef {
  key: string;
  lastDate: string;
  /** Who it maps to with the edits applied. */
  accountId: string | null;
  suggestion: Suggestion | null;
}

export interface GridCell {
  module: string;
  /** The account's orgs of this module with the edits applied. */
  orgs: OrgRef[];
  /** Suggested orgs of this module for the account (only while it has none). */
  suggestions: { suggestion: Suggestion; label: string; saved: string | null }[];
}

export interface GridRow {
  id: string;
  name: string;
  cells: GridCell[];
}

export interface OrgMappingView {
  /** Enabled modules: the grid's columns. */
  modules: { id: string; name: string }[];
  /** Orgs of enabled modules no account takes, edits applied. */
  unmapped: number;
  orgCount: number;
  accountCount: number;
  /** Suggestions for orgs still unmapped, and how many reach the threshold. */
  suggested: number;
  aboveThreshold: number;
  info: PageInfo;
  /** List tab: the page of orgs. */
  orgs: OrgListRow[];
  /** Grid tab: the page of accounts, and the orgs still free per module (each cell's other choices). */
  accounts: GridRow[];
  free: Record<string, OrgRef[]>;
  /** The stored account of every overridden org: the page forgets an override once it is stored. */
  savedOf: [key: string, accountId: string | null][];
}

/** The page of the Org mapping screen for a query. */
export function orgMappingView(data: MappingData, suggestions: ReadonlyMap<string, Suggestion>, query: OrgMappingQuery): OrgMappingView {
  const overrides = new Map(query.overrides);
  const accountOf = (key: string) => (overrides.has(key) ? (overrides.get(key) ?? null) : (data.saved.get(key) ?? null));
  const open = [...suggestions].filter(([key]) => accountOf(key) === null);
  const openByKey = new Map(open);
  let unmapped = 0;
  for (const org of data.orgs) if (accountOf(orgMappingId(org.module, org.orgId)) === null) unmapped++;
  const base = {
    modules: data.modules.map((m) => ({ id: m.id, name: m.name })),
    unmapped,
    orgCount: data.orgs.length,
    accountCount: data.accounts.length,
    suggested: open.length,
    aboveThreshold: open.filter(([, s]) => s.confidence >= query.threshold).length,
    savedOf: query.overrides.map(([key]): [string, string | null] => [key, data.saved.get(key) ?? null]),
  };
  const ref = (org: MappingData['orgs'][number]): OrgRef => ({ module: org.module, orgId: org.orgId, name: org.name, saved: data.saved.get(orgMappingId(org.module, org.orgId)) ?? null });

  if (query.tab === 'orgs') {
    const matching = data.orgs.filter((org) => {
      if (query.module !== '' && org.module !== query.module) return false;
      if (!matchesSearch(`${org.name} ${org.orgId}`, query.search)) return false;
      return !query.unmappedOnly || accountOf(orgMappingId(org.module, org.orgId)) === null;
    });
    const { rows, info } = pageOf(matching, query);
    return {
      ...base, info, accounts: [], free: {},
      orgs: rows.map((org) => {
        const key = orgMappingId(org.module, org.orgId);
        const accountId = accountOf(key);
        return { ...ref(org), key, lastDate: org.lastDate, accountId, suggestion: accountId === null ? (openByKey.get(key) ?? null) : null };
      }),
    };
  }

  const accounts = data.accounts.filter((a) => matchesSearch(a.name, query.search));
  const { rows, info } = pageOf(accounts, query);
  const onPage = new Set(rows.map((a) => a.id));
  const cells = new Map<string, OrgRef[]>();
  const free: Record<string, OrgRef[]> = {};
  const names = new Map<string, string>();
  for (const org of data.orgs) {
    const key = orgMappingId(org.module, org.orgId);
    names.set(key, org.name);
    const accountId = accountOf(key);
    if (accountId === null) (free[org.module] ??= []).push(ref(org));
    else if (onPage.has(accountId)) {
      const cell = `${accountId}\u0000${org.module}`;
      cells.set(cell, [...(cells.get(cell) ?? []), ref(org)]);
    }
  }
  const suggestedCells = new Map<string, Suggestion[]>();
  for (const s of openByKey.values()) {
    if (!onPage.has(s.accountId)) continue;
    const cell = `${s.accountId}\u0000${s.module}`;
    suggestedCells.set(cell, [...(suggestedCells.get(cell) ?? []), s]);
  }
  return {
    ...base, info, orgs: [], free,
    accounts: rows.map((account) => ({
      id: account.id,
      name: account.name,
      cells: data.modules.map((m) => {
        const mine = cells.get(`${account.id}\u0000${m.id}`) ?? [];
        const suggested = mine.length > 0 ? [] : (suggestedCells.get(`${account.id}\u0000${m.id}`) ?? []).slice(0, 2);
        return {
          module: m.id,
          orgs: mine,
          suggestions: suggested.map((s) => {
            const key = orgMappingId(s.module, s.orgId);
            return { suggestion: s, label: names.get(key) || s.orgId, saved: data.saved.get(key) ?? null };
          }),
        };
      }),
    })),
  };
}

/** The open suggestions at or above a confidence (what "Accept all" stages), edits applied. */
export function suggestionsAbove(data: MappingData, suggestions: ReadonlyMap<string, Suggestion>, overrides: readonly [string, string | null][], threshold: number): (Suggestion & { saved: string | null })[] {
  const edits = new Map(overrides);
  return [...suggestions]
    .filter(([key, s]) => (edits.has(key) ? edits.get(key) ?? null : data.saved.get(key) ?? null) === null && s.confidence >= threshold)
    .map(([key, s]) => ({ ...s, saved: data.saved.get(key) ?? null }));
}
