import { addMonths } from '../dates/period.ts';
import { formatAmount } from '../money/amount.ts';
import { formatQuantity, parseScaled, QTY_SCALE } from '../money/scaled.ts';
import type { InvoiceLine } from '../schema/invoice.ts';
import { computeItems, type ComputeContext, type ComputedItem } from '../billing/compute.ts';
import type { ItemSpec, OrgsByAccount } from '../billing/plan.ts';
import { cursorValue, UsageChanges } from '../usage/cursors.ts';
import { amountMinor, lineKey, postedAdjustments, type PostedAdjustments, type PostedIndex, type PostedInvoice } from './posted.ts';
import { postedItemSpec, type ContractLookup } from './recompute-posted.ts';

/** An adjustment line due on an account's invoice, with what orders it among the lines. */
export interface DueAdjustment {
  accountId: string;
  key: string;
  line: InvoiceLine;
  amount: bigint;
  contractIndex: number;
  serviceIndex: number;
}

/** A posted item line to recompute, with what was billed for it. */
interface Candidate {
  accountId: string;
  line: InvoiceLine;
  spec: ItemSpec;
  adjusted: PostedAdjustments | undefined;
}

/**
 * The adjustments due on period's invoices (see docs/billing-rules.md#adjustments): each
 * posted item whose first later period without a posted invoice is this one, recomputed
 * with its frozen terms, sources and active days and today's uploads; the difference
 * from what was posted for it (item and adjustments) becomes a line. Only items that read
 * a module-day changed after their invoice was posted (by upload cursor) are recomputed,
 * so the cost follows what changed, not how many months are posted. Configuration edits
 * never reach posted items; an item that was not posted is never billed back.
 */
export function dueAdjustments(period: string, base: Omit<ComputeContext, 'period'>, orgs: OrgsByAccount, contracts: ContractLookup, posted: PostedIndex, accounts?: ReadonlySet<string>): DueAdjustment[] {
  const changes = new UsageChanges(base.index, base.asOf);
  const byPeriod = new Map<string, Candidate[]>();
  // The months before period, worked out once for every account's walk back.
  const before: string[] = [];
  const monthBefore = (k: number) => (before[k] ??= addMonths(period, -k - 1));
  for (const accountId of posted.accountIds()) {
    if (accounts && !accounts.has(accountId)) continue;
    const periods = posted.periods(accountId);
    if (!periods || periods.has(period)) continue;
    let adjusted: Map<string, PostedAdjustments> | undefined;
    for (let k = 0; ; k++) {
      const invoice = periods.get(monthBefore(k));
      if (!invoice) break;
      for (const line of changedItems(invoice, changes)) {
        const spec = postedItemSpec(line, accountId, contracts, orgs);
        if (!spec) continue;
        adjusted ??= postedAdjustments(periods, base.currency);
        const list = byPeriod.get(line.period);
        const candidate = { accountId, line, spec, adjusted: adjusted.get(lineKey(line)) };
        if (list) list.push(candidate);
        else byPeriod.set(line.period, [candidate]);
      }
    }
  }
  const due: DueAdjustment[] = [];
  for (const [earlier, candidates] of [...byPeriod].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const computed = computeItems({ ...base, period: earlier }, candidates.map((c) => c.spec));
    candidates.forEach((candidate, i) => {
      const adjustment = adjustmentFor(candidate, computed[i] as ComputedItem, base.currency);
      if (adjustment) due.push({ accountId: candidate.accountId, key: lineKey(candidate.line), line: adjustment.line, amount: adjustment.amount, contractIndex: candidate.spec.contractIndex, serviceIndex: candidate.spec.serviceIndex });
    });
  }
  return due;
}

/** The usage item lines of a posted invoice that read a module-day uploaded after it was posted (all of them when it has no usageCursor). */
export function changedItems(invoice: Pick<PostedInvoice, 'usageCursor' | 'period' | 'lines'>, changes: UsageChanges): InvoiceLine[] {
  const cursor = cursorValue(invoice.usageCursor);
  const changed: InvoiceLine[] = [];
  if (cursor !== Number.POSITIVE_INFINITY && !changes.periodChangedAfter(invoice.period, cursor)) return changed;
  for (const line of invoice.lines) {
    if (line.kind !== 'item' || line.module === null) continue;
    // Frozen with no active day: nothing it reads can change it.
    if (line.activeFrom === null) continue;
    if (cursor !== Number.POSITIVE_INFINITY) {
      const from = line.activeFrom == null ? 0 : Number(line.activeFrom.slice(8, 10)) - 1;
      const to = line.activeTo == null ? 30 : Number(line.activeTo.slice(8, 10)) - 1;
      if (!changes.changedAfter(line.module, line.period, from, to, cursor)) continue;
    }
    changed.push(line);
  }
  return changed;
}

function adjustmentFor(candidate: Candidate, computed: ComputedItem, currency: string): { line: InvoiceLine; amount: bigint } | null {
  const { item } = computed;
  const before = candidate.line;
  const postedAmount = amountMinor(before.amount, currency);
  const delta = BigInt(computed.amount) - postedAmount - (candidate.adjusted?.amount ?? 0n);
  if (delta === 0n) return null;
  const oldQuantity = candidate.adjusted?.lastQuantity ?? before.quantity;
  let cost: bigint | null = null;
  if (computed.cost !== null) {
    const postedCost = before.cost ? amountMinor(before.cost, currency) : 0n;
    cost = BigInt(computed.cost) - postedCost - (candidate.adjusted?.cost ?? 0n);
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
    taxable: item.taxable,
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
