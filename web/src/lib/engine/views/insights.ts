// The Insights screen as the worker answers it: every section's count, and its first rows
// (all of them for a section the admin asked to see whole), with the account names and
// links those rows need, so the page never receives every row of a large tenant.
import type { Insights } from '../../../../../shared/insights/insights.ts';
import type { OrgMapping } from '../../../../../shared/schema/workspace.ts';
import { mapModuleHref } from '../../insights/links.ts';

export const INSIGHT_SECTIONS = [
  'accountsWithoutContract', 'contractStartGaps', 'modulesWithoutMappedOrgs', 'unmappedOrgs',
  'modulesWithoutServices', 'staleModules', 'unmappedTypes', 'quantityJumps',
] as const;
export type InsightSectionKey = (typeof INSIGHT_SECTIONS)[number];

export interface InsightsQuery {
  /** Rows shown per section unless it is in `all`. */
  limit: number;
  /** Sections shown whole. */
  all: InsightSectionKey[];
}

/** A section: its count (every row) and the rows shown. */
export interface Section<T> {
  count: number;
  rows: T[];
  /** Rows there are to show (groups, for the unmapped types). */
  total: number;
}

export interface InsightsView {
  asOf: string;
  days: number;
  accountsWithoutContract: Section<Insights['accountsWithoutContract'][number]>;
  contractStartGaps: Section<Insights['contractStartGaps'][number]>;
  modulesWithoutMappedOrgs: Section<Insights['modulesWithoutMappedOrgs'][number]>;
  unmappedOrgs: Section<Insights['unmappedOrgs'][number]>;
  modulesWithoutServices: Section<Insights['modulesWithoutServices'][number] & { link: { href: string; label: string } }>;
  staleModules: Section<Insights['staleModules'][number]>;
  /** Counted by billing type, shown by account and module group. */
  unmappedTypes: Section<Insights['unmappedTypeGroups'][number]>;
  quantityJumps: Section<Insights['quantityJumps'][number]>;
  /** The names of the accounts the shown rows name. */
  accountNames: Record<string, string>;
}

/** What the Insights screen shows for a query. */
export function insightsView(insights: Insights, orgMappings: readonly OrgMapping[], names: ReadonlyMap<string, string>, query: InsightsQuery): InsightsView {
  const all = new Set(query.all);
  const cut = <T>(key: InsightSectionKey, rows: readonly T[], count = rows.length): Section<T> =>
    ({ count, total: rows.length, rows: all.has(key) ? [...rows] : rows.slice(0, Math.max(0, query.limit)) });
  const accountName = (id: string) => names.get(id) ?? id;
  const modulesWithoutServices = cut('modulesWithoutServices', insights.modulesWithoutServices);
  const view: InsightsView = {
    asOf: insights.asOf,
    days: insights.days,
    accountsWithoutContract: cut('accountsWithoutContract', insights.accountsWithoutContract),
    contractStartGaps: cut('contractStartGaps', insights.contractStartGaps),
    modulesWithoutMappedOrgs: cut('modulesWithoutMappedOrgs', insights.modulesWithoutMappedOrgs),
    unmappedOrgs: cut('unmappedOrgs', insights.unmappedOrgs),
    modulesWithoutServices: { ...modulesWithoutServices, rows: modulesWithoutServices.rows.map((row) => ({ ...row, link: mapModuleHref(row.module, orgMappings, accountName) })) },
    staleModules: cut('staleModules', insights.staleModules),
    unmappedTypes: cut('unmappedTypes', insights.unmappedTypeGroups, insights.unmappedTypes.length),
    quantityJumps: cut('quantityJumps', insights.quantityJumps),
    accountNames: {},
  };
  const ids = new Set<string>([
    ...view.accountsWithoutContract.rows.map((r) => r.accountId),
    ...view.contractStartGaps.rows.map((r) => r.accountId),
    ...view.unmappedTypes.rows.map((r) => r.accountId),
    ...view.quantityJumps.rows.flatMap((r) => (r.accountId === null ? [] : [r.accountId])),
  ]);
  for (const id of ids) view.accountNames[id] = accountName(id);
  return view;
}
