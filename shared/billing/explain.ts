import { moduleIndex } from '../catalog/lookup.ts';
import { today } from '../dates/day.ts';
import { formatQuantity } from '../money/scaled.ts';
import type { Workspace } from '../schema/workspace.ts';
import { exactUsage } from '../usage/exact.ts';
import { moduleDays } from '../usage/module-days.ts';
import { usageOf } from '../usage/store.ts';
import { computeItems } from './compute.ts';
import type { BillingItem } from './item.ts';
import { orgsByAccount, specForPosted } from './plan.ts';

/** One day of an item's drill-down: its quantity and every number summed into it, with the upload day it was read from. */
export interface ExplainedDay {
  date: string;
  quantity: string;
  carried: boolean;
  estimated: boolean;
  /** The upload day the quantities were read from (the day itself unless carried or projected); null when none. */
  sourceDate: string | null;
  parts: { orgId: string; orgName: string; billingType: string; quantity: string }[];
}

export interface ItemExplanation {
  item: BillingItem;
  days: ExplainedDay[];
}

/**
 * The drill-down of one billing item (Billing screen): the item as computed now and each
 * active day's quantity split by org and billing type, with its source upload day. Null
 * when the contract or service does not exist.
 */
export function explainItem(ws: Workspace, ref: { contractId: string; serviceId: string; module: string }, period: string, options: { asOf?: string } = {}): ItemExplanation | null {
  const asOf = options.asOf ?? ws.asOf ?? today();
  const orgs = orgsByAccount(ws);
  const spec = specForPosted(ws, orgs, { ...ref, period });
  if (!spec) return null;
  const index = usageOf(ws);
  const [computed] = computeItems({ index, modules: moduleIndex(ws.modules), period, asOf, currency: ws.currency }, [spec], true);
  if (!computed) return null;
  const usage = exactUsage(moduleDays(index.get(ref.module), period, asOf), spec.orgIds, spec.billingTypes);
  const days = spec.first <= spec.last ? usage.slice(spec.first, spec.last + 1) : [];
  return {
    item: computed.item,
    days: days.map((day) => ({
      date: day.date,
      quantity: formatQuantity(day.units),
      carried: day.carried,
      estimated: day.estimated,
      sourceDate: day.sourceDate,
      parts: day.parts.map((part) => ({ orgId: part.orgId, orgName: part.orgName, billingType: part.billingType, quantity: formatQuantity(part.units) })),
    })),
  };
}
