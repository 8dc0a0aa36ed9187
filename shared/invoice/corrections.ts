import { moduleIndex } from '../catalog/lookup.ts';
import { addMonths } from '../dates/period.ts';
import { computeItems, type ComputeContext } from '../billing/compute.ts';
import { orgsByAccount, planItems, type ItemSpec } from '../billing/plan.ts';
import { formatAmount } from '../money/amount.ts';
import type { Charge } from '../schema/charge.ts';
import type { Workspace } from '../schema/workspace.ts';
import { usageOf } from '../usage/store.ts';
import { UsageChanges } from '../usage/cursors.ts';
import { changedItems } from './adjustments.ts';
import { amountMinor, lineKey, postedAdjustments, postedOf, type PostedInvoice } from './posted.ts';
import { chargeLine } from './charges.ts';
import { contractLookup, postedItemSpec } from './recompute-posted.ts';

/** What correcting one posted period of an account would record. */
export interface Correction {
  accountId: string;
  period: string;
  /** What is billed for the period's items so far: posted, adjusted (posted or due) and corrected. */
  posted: string;
  /** The period's items recomputed with today's configuration. */
  recomputed: string;
  /** recomputed − posted: the amount of the charge. */
  delta: string;
  /** The charge to record: on the account's next open invoice, corrects = period. */
  charge: Charge;
}

/**
 * "Also correct posted months" (see docs/billing-rules.md#corrections): per account and
 * posted period, the difference between what is billed for its items — posted lines,
 * adjustments from usage (posted or due) and corrections already recorded — and a
 * recompute of the period with today's configuration. Recording the returned charges and
 * previewing again yields nothing; each charge's id is fixed by the workspace, so the
 * same preview cannot be recorded twice.
 */
export function previewCorrections(ws: Workspace, options: { asOf: string; accountIds?: readonly string[] }): Correction[] {
  const posted = postedOf(ws);
  const only = options.accountIds ? new Set(options.accountIds) : null;
  const orgs = orgsByAccount(ws);
  const contracts = contractLookup(ws);
  const index = usageOf(ws);
  const base: Omit<ComputeContext, 'period'> = { index, modules: moduleIndex(ws.modules), asOf: options.asOf, currency: ws.currency };
  const changes = new UsageChanges(index, options.asOf);
  const chargeIds = new Set(ws.charges.map((c) => c.id));
  const result: Correction[] = [];
  // Accounts since deleted are left out: a charge needs its account.
  for (const accountId of ws.accounts.map((a) => a.id)) {
    if (only && !only.has(accountId)) continue;
    const periods = posted.periods(accountId);
    if (!periods || periods.size === 0) continue;
    const sorted = [...periods.keys()].sort();
    const nextOpen = addMonths(sorted[sorted.length - 1] as string, 1);
    const adjusted = postedAdjustments(periods, ws.currency);
    for (const period of sorted) {
      const invoice = periods.get(period) as PostedInvoice;
      const billed = billedSoFar(invoice, adjusted, changes, base, accountId, contracts, orgs, ws.currency) + corrected(ws, periods, accountId, period, chargeIds);
      const computed = computeItems({ ...base, period }, planItems(ws, period, orgs, new Set([accountId])));
      let recomputed = 0n;
      for (const c of computed) recomputed += BigInt(c.amount);
      const delta = recomputed - billed;
      if (delta === 0n) continue;
      const taxable = computed.some((c) => c.item.taxable) || invoice.lines.some((l) => l.kind === 'item' && l.taxable !== false) || computed.length === 0;
      const n = ws.charges.filter((c) => c.accountId === accountId && c.corrects === period).length;
      let id = `correction-${accountId}-${period}-${n + 1}`;
      for (let k = n + 2; chargeIds.has(id); k++) id = `correction-${accountId}-${period}-${k}`;
      result.push({
        accountId, period,
        posted: formatAmount(billed, ws.currency), recomputed: formatAmount(recomputed, ws.currency), delta: formatAmount(delta, ws.currency),
        charge: { id, accountId, period: nextOpen, description: `Correction of ${period}`, quantity: '1', unitPrice: formatAmount(delta, ws.currency), taxable, unitCost: null, corrects: period },
      });
    }
  }
  return result;
}

// The posted item lines of a period plus their adjustments: a usage item read again (frozen
// terms) where an upload changed since posting, so adjustments still due count as billed.
function billedSoFar(invoice: PostedInvoice, adjusted: ReturnType<typeof postedAdjustments>, changes: UsageChanges, base: Omit<ComputeContext, 'period'>, accountId: string, contracts: ReturnType<typeof contractLookup>, orgs: ReturnType<typeof orgsByAccount>, currency: string): bigint {
  const changed = new Set(changedItems(invoice, changes));
  let total = 0n;
  const specs: ItemSpec[] = [];
  for (const line of invoice.lines) {
    if (line.kind !== 'item') continue;
    const spec = changed.has(line) ? postedItemSpec(line, accountId, contracts, orgs) : null;
    if (spec) specs.push(spec);
    else total += amountMinor(line.amount, currency) + (adjusted.get(lineKey(line))?.amount ?? 0n);
  }
  for (const c of computeItems({ ...base, period: invoice.period }, specs)) total += BigInt(c.amount);
  return total;
}

// Corrections already recorded for the period: charges of the workspace, and posted charge lines no longer in it.
function corrected(ws: Workspace, periods: ReadonlyMap<string, PostedInvoice>, accountId: string, period: string, chargeIds: ReadonlySet<string>): bigint {
  let total = 0n;
  for (const charge of ws.charges) {
    if (charge.accountId === accountId && charge.corrects === period) total += chargeLine(charge, ws.currency).amount;
  }
  for (const invoice of periods.values()) {
    for (const line of invoice.lines) {
      if (line.kind === 'charge' && line.corrects === period && line.chargeId !== undefined && !chargeIds.has(line.chargeId)) total += amountMinor(line.amount, ws.currency);
    }
  }
  return total;
}
