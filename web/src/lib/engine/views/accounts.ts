// The Accounts screen as the worker answers it: live accounts matching a search, by name,
// one page of them with how many module orgs map to each.
import type { AccountRow } from '../../db/rows.ts';
import { matchesSearch, pageOf, type PageInfo, type PageRequest } from './paging.ts';

export interface AccountQuery extends PageRequest {
  search: string;
}

export interface AccountListRow {
  id: string;
  name: string;
  mappedOrgs: number;
}

export interface AccountListView {
  rows: AccountListRow[];
  info: PageInfo;
  /** Every live account, whatever the search. */
  accounts: number;
  /** Module orgs mapped to the matching accounts. */
  mappedOrgs: number;
}

/** One page of the accounts whose name matches the search; `mappedTo`: the account of every mapped org. */
export function accountListView(accounts: readonly AccountRow[], mappedTo: Iterable<string>, query: AccountQuery): AccountListView {
  const counts = new Map<string, number>();
  for (const accountId of mappedTo) counts.set(accountId, (counts.get(accountId) ?? 0) + 1);
  const live = accounts.filter((a) => a.deleted !== true);
  const matching = live.filter((a) => matchesSearch(a.name, query.search))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    .map((a) => ({ id: a.id, name: a.name, mappedOrgs: counts.get(a.id) ?? 0 }));
  const { rows, info } = pageOf(matching, query);
  return { rows, info, accounts: live.length, mappedOrgs: matching.reduce((n, a) => n + a.mappedOrgs, 0) };
}
