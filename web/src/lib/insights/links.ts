// Where the admin fixes each insight: the screen, and the account or tab on it.
import type { OrgMapping } from '../../../../shared/schema/workspace.ts';
import type { QuantityJump } from '../../../../shared/insights/quantity-jumps.ts';
import type { UnmappedType } from '../../../../shared/insights/unmapped-types.ts';
import { periodOf } from '../../../../shared/dates/period.ts';

/** An unmapped org: the org mapping screen's list of module organizations. */
export function mapOrgHref(): string {
  return '/mapping?tab=orgs';
}

/**
 * A module no contract bills: the service mapping tab of an account that has orgs of the
 * module mapped (the first by name), else the org mapping screen (map its orgs first).
 */
export function mapModuleHref(module: string, orgMappings: readonly OrgMapping[], accountName: (id: string) => string): { href: string; label: string } {
  const accounts = [...new Set(orgMappings.filter((m) => m.module === module).map((m) => m.accountId))]
    .sort((a, b) => accountName(a).localeCompare(accountName(b)));
  const first = accounts[0];
  if (first === undefined) return { href: mapOrgHref(), label: 'Map its organizations' };
  return { href: accountHref(first, true), label: `Map billing types (${accountName(first)}${accounts.length > 1 ? ` and ${accounts.length - 1} more` : ''})` };
}

/** An account's page; on its Service mapping tab when it has a contract. */
export function accountHref(accountId: string, mappingTab: boolean): string {
  return `/accounts/${encodeURIComponent(accountId)}${mappingTab ? '?tab=mapping' : ''}`;
}

/** A reported type no contract maps: the account's Service mapping tab, or the account to add a contract. */
export function unmappedTypeHref(row: Pick<UnmappedType, 'accountId' | 'hasContract'>): { href: string; label: string } {
  return row.hasContract
    ? { href: accountHref(row.accountId, true), label: 'Map to a service' }
    : { href: accountHref(row.accountId, false), label: 'Add a contract' };
}

/** A quantity jump: the billing of that day's period for the module (to check the drill-down), or mapping when the org is unmapped. */
export function jumpHref(jump: Pick<QuantityJump, 'accountId' | 'module' | 'toDay'>): { href: string; label: string } {
  if (jump.accountId === null) return { href: mapOrgHref(), label: 'Map the organization' };
  return { href: `/billing?period=${periodOf(jump.toDay)}&module=${encodeURIComponent(jump.module)}`, label: 'Review billing' };
}

/** A module that stopped uploading: the Modules screen ("Sync now", last upload). */
export function modulesHref(): string {
  return '/modules';
}
