import { formatQuantity, quantityUnits } from '../money/scaled.ts';
import type { Upload } from '../schema/upload.ts';
import { usageOf, type UsageStore } from '../usage/store.ts';
import type { OrgMapping } from '../schema/workspace.ts';

/** What an account's orgs reported on a module's latest upload day: quantity per billing type. */
export interface AccountUsage {
  accountId: string;
  module: string;
  day: string;
  /** Billing type → Σ of the account's orgs' quantities that day, exact (4 decimals). */
  quantities: Map<string, string>;
}

function units(value: number | string | boolean): bigint {
  try {
    return quantityUnits(value);
  } catch {
    return 0n;
  }
}

/**
 * Per account and enabled module: the quantities its mapped orgs reported on that module's
 * latest upload day on or after `since` (non-zero types only). The latest day is what the
 * account uses now, so it is what an insight can put a number on.
 */
export function latestAccountUsage(ws: { enabledModules: readonly string[]; orgMappings: readonly OrgMapping[]; uploads: readonly Upload[]; usage?: UsageStore }, since?: string): AccountUsage[] {
  const enabled = new Set(ws.enabledModules);
  const store = usageOf(ws);
  const latest = new Map<string, Upload>();
  for (const module of enabled) {
    const usage = store.module(module);
    const last = (usage?.days.length ?? 0) - 1;
    if (!usage || last < 0 || (since !== undefined && (usage.days[last] as string) < since)) continue;
    latest.set(module, usage.upload(last));
  }
  const owner = new Map(ws.orgMappings.map((m) => [`${m.module}\u0000${m.orgId}`, m.accountId]));
  const sums = new Map<string, { accountId: string; module: string; day: string; totals: Map<string, bigint> }>();
  for (const u of latest.values()) {
    for (const org of u.orgs) {
      const accountId = owner.get(`${u.module}\u0000${org.orgId}`);
      if (accountId === undefined) continue;
      const key = `${accountId}\u0000${u.module}`;
      const entry = sums.get(key) ?? { accountId, module: u.module, day: u.date, totals: new Map<string, bigint>() };
      for (const [type, value] of Object.entries(org.metrics)) entry.totals.set(type, (entry.totals.get(type) ?? 0n) + units(value));
      sums.set(key, entry);
    }
  }
  return [...sums.values()].map(({ totals, ...rest }) => ({
    ...rest,
    quantities: new Map([...totals].filter(([, q]) => q !== 0n).sort(([a], [b]) => a.localeCompare(b)).map(([t, q]) => [t, formatQuantity(q)])),
  })).filter((u) => u.quantities.size > 0);
}
