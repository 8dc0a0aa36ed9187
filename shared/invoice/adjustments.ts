import { addMonths } from '../dates/period.ts';
import { formatAmount } from '../money/amount.ts';
import { formatQuantity, parseScaled, QTY_SCALE } from '../money/decimal.ts';
import type { InvoiceLine } from '../schema/invoice.ts';
import type { Workspace } from '../schema/workspace.ts';
import { computeItems, type ComputeContext, type ComputedItem } from '../billing/compute.ts';
import { planItems, specForPosted, specKey, type OrgsByAccount } from '../billing/plan.ts';
import { itemKey } from '../billing/item.ts';
import { amountMinor, type PostedIndex, type PostedItem } from './posted.ts';

/** An adjustment line due on an account's invoice, with what orders it among the lines. */
export interface DueAdjustment {
  accountId: string;
  key: string;
  line: InvoiceLine;
  amount: bigint;
  contractIndex: number;
  serviceIndex: number;
}

/**
 * The adjustments due on period's invoices (docs/billing-rules.md#adjustments): every posted item whose first
 * later period without a posted invoice is this one is recomputed with current data,
 * and the difference from what was posted for it (item and adjustments) becomes a line.
 * An item that now exists in a posted period but was not on its invoice counts as
 * posted at 0, so nothing is lost.
 */
export function dueAdjustments(ws: Workspace, period: string, base: Omit<ComputeContext, 'period'>, orgs: OrgsByAccount, posted: PostedIndex, accounts?: ReadonlySet<string>): DueAdjustment[] {
  const accountsByPeriod = new Map<string, Set<string>>();
  for (const [accountId, periods] of posted.invoices) {
    if (accounts && !accounts.has(accountId)) continue;
    if (periods.has(period)) continue;
    for (let earlier = addMonths(period, -1); periods.has(earlier); earlier = addMonths(earlier, -1)) {
      let set = accountsByPeriod.get(earlier);
      if (!set) {
        set = new Set();
        accountsByPeriod.set(earlier, set);
      }
      set.add(accountId);
    }
  }
  const postedByPeriod = new Map<string, [string, PostedItem][]>();
  for (const entry of posted.items) {
    const line = entry[1].line;
    if (!line) continue;
    const list = postedByPeriod.get(line.period);
    if (list) list.push(entry);
    else postedByPeriod.set(line.period, [entry]);
  }
  const due: DueAdjustment[] = [];
  for (const [earlier, accountIds] of [...accountsByPeriod].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const specs = planItems(ws, earlier, orgs, accountIds);
    const planned = new Set(specs.map((s) => specKey(s, earlier)));
    for (const [key, item] of postedByPeriod.get(earlier) ?? []) {
      const line = item.line;
      if (!line || planned.has(key) || !accountIds.has(item.accountId)) continue;
      if (line.contractId == null || line.serviceId == null || line.module === null) continue;
      const spec = specForPosted(ws, orgs, { contractId: line.contractId, serviceId: line.serviceId, module: line.module, period: line.period });
      if (spec) specs.push(spec);
    }
    for (const computed of computeItems({ ...base, period: earlier }, specs)) {
      const key = specKey(computed.spec, earlier);
      const accountId = posted.items.get(key)?.accountId ?? computed.spec.accountId;
      const adjustment = adjustmentFor(key, computed, posted, base.currency);
      if (adjustment) due.push({ accountId, key, line: adjustment.line, amount: adjustment.amount, contractIndex: computed.spec.contractIndex, serviceIndex: computed.spec.serviceIndex });
    }
  }
  return due;
}

function adjustmentFor(key: string, computed: ComputedItem, posted: PostedIndex, currency: string): { line: InvoiceLine; amount: bigint } | null {
  const { item } = computed;
  const before = posted.items.get(key);
  const postedAmount = before?.line ? amountMinor(before.line.amount, currency) : 0n;
  const delta = BigInt(computed.amount) - postedAmount - (before?.adjusted ?? 0n);
  if (delta === 0n) return null;
  const oldQuantity = before?.lastQuantity ?? formatQuantity(0n);
  let cost: bigint | null = null;
  if (computed.cost !== null) {
    const postedCost = before?.line?.cost ? amountMinor(before.line.cost, currency) : 0n;
    cost = BigInt(computed.cost) - postedCost - (before?.adjustedCost ?? 0n);
  }
  const line: InvoiceLine = {
    kind: 'adjustment',
    contractId: item.contractId,
    serviceId: item.serviceId,
    module: item.module,
    period: item.period,
    serviceName: item.serviceName,
    moduleName: item.moduleName,
    billing: item.billing,
    unitPrice: item.unitPrice,
    quantity: formatQuantity(BigInt(computed.quantity) - parseScaled(oldQuantity, QTY_SCALE)),
    amount: formatAmount(delta, currency),
    cost: cost === null ? null : formatAmount(cost, currency),
    margin: cost === null ? null : formatAmount(delta - cost, currency),
    estimated: item.estimated,
    oldQuantity,
    newQuantity: item.quantity,
  };
  return { line, amount: delta };
}

/** The key of the item an invoice line bills or adjusts. */
export function lineKey(line: Pick<InvoiceLine, 'contractId' | 'serviceId' | 'module' | 'period'>): string {
  return itemKey(line.contractId ?? '', line.serviceId ?? '', line.module ?? '', line.period);
}
