// The engine as the worker offers it: plain functions of a workspace, so the very object
// the worker exposes is tested directly in Node. Nothing here touches the DOM or Dexie.
import type { Workspace } from '../../../../shared/schema/workspace.ts';
import type { Invoice } from '../../../../shared/schema/invoice.ts';
import { computePeriod, type PeriodOptions, type PeriodResult } from '../../../../shared/invoice/compute-period.ts';
import { postInvoice } from '../../../../shared/posting/post.ts';
import { postedAlong, postedOf, PostedLedger } from '../../../../shared/invoice/posted.ts';
import { previewCorrections, type Correction } from '../../../../shared/invoice/corrections.ts';
import { explainItem, type ItemExplanation } from '../../../../shared/billing/explain.ts';
import { reportedTypes } from '../../../../shared/insights/reported-types.ts';
import { dashboard, type Dashboard, type DashboardOptions } from '../../../../shared/insights/dashboard.ts';
import { computeInsights, type InsightOptions, type Insights } from '../../../../shared/insights/insights.ts';

/** One billing item: its contract, service, module and period. */
export interface ItemRef {
  contractId: string;
  serviceId: string;
  module: string;
  period: string;
}

export interface PostRequest {
  period: string;
  accountIds: readonly string[];
  /** A fresh id per account, in the same order: two browsers posting never share a record. */
  ids: readonly string[];
  postedAt: string;
  /** The engine's today (posting is refused before the period has ended). */
  asOf?: string;
  /** The last uploads cursor this browser had pulled: recorded on each invoice, so later uploads of its days are found by cursor. */
  usageCursor?: string | null;
}

/** What one Approve & Post gave: the invoices to store, and the accounts refused with why. */
export interface PostOutcome {
  posted: Invoice[];
  refused: { accountId: string; reason: string }[];
}

/**
 * Approve & Post of several accounts: each invoice is frozen by the engine with its
 * number pending (the edge numbers it when the post syncs, docs/billing-rules.md#numbering); a refusal of one
 * account does not stop the others.
 */
export function postAccounts(ws: Workspace, request: PostRequest): PostOutcome {
  const posted: Invoice[] = [];
  const refused: PostOutcome['refused'] = [];
  // Each post sees the ones before it (an account listed twice, an id used twice) through
  // one ledger kept along, not a workspace indexed again per account.
  const along = new PostedLedger({ slim: false });
  const current = { ...ws, posted: postedAlong(postedOf(ws), along) };
  request.accountIds.forEach((accountId, i) => {
    try {
      const next = postInvoice(current, accountId, request.period, {
        number: null,
        postedAt: request.postedAt,
        id: request.ids[i] ?? `${accountId}/${request.period}/${request.postedAt}`,
        ...(request.asOf === undefined ? {} : { asOf: request.asOf }),
        usageCursor: request.usageCursor ?? null,
      });
      const invoice = next.invoices[next.invoices.length - 1];
      if (invoice) {
        posted.push(invoice);
        along.put(invoice.id ?? `\u0000${posted.length}`, invoice);
      }
    } catch (error) {
      refused.push({ accountId, reason: error instanceof Error ? error.message : String(error) });
    }
  });
  return { posted, refused };
}

/** The functions of a workspace the engine worker exposes. */
export const engineApi = {
  computePeriod(ws: Workspace, period: string, options: PeriodOptions = {}): PeriodResult {
    return computePeriod(ws, period, options);
  },
  explainItem(ws: Workspace, ref: ItemRef, options: { asOf?: string } = {}): ItemExplanation | null {
    return explainItem(ws, ref, ref.period, options);
  },
  postAccounts,
  /** "Also correct posted months": per account and posted period, the charge that would bring it to today's configuration. */
  corrections(ws: Workspace, options: { asOf: string; accountIds?: readonly string[] }): Correction[] {
    return previewCorrections(ws, options);
  },
  /** Module → billing types the account's orgs reported with a non-zero quantity. */
  reportedTypes(ws: Workspace, accountId: string): Record<string, string[]> {
    const modules = reportedTypes(ws, { accountId }).get(accountId) ?? new Map<string, Set<string>>();
    return Object.fromEntries([...modules].map(([module, types]) => [module, [...types].sort()]));
  },
  /** A period's revenue per module and the recent trend of billed units. */
  dashboard(ws: Workspace, period: string, options: DashboardOptions = {}): Dashboard {
    return dashboard(ws, period, options);
  },
  /** The five insights (docs/billing-rules.md#insights) as of a day. */
  insights(ws: Workspace, options: InsightOptions = {}): Insights {
    return computeInsights(ws, options);
  },
};

export type EngineApi = typeof engineApi;
