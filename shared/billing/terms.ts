import type { InvoiceLine } from '../schema/invoice.ts';
import type { BillingMode, PriceChange, Tier, TierMode } from '../schema/pricing.ts';
import type { ContractService } from '../schema/workspace.ts';

/**
 * Everything an item's amount comes from except usage: what posting freezes on an item
 * line (see docs/billing-rules.md#posting-freezes). null where the service has none.
 */
export interface Terms {
  billing: BillingMode;
  unitPrice: string;
  unitCost: string | null;
  /** Fixed services: how many of the flat fee; null for usage services. */
  quantity: string | null;
  minimumQuantity: string | null;
  includedQuantity: string | null;
  tiers: Tier[] | null;
  tierMode: TierMode | null;
  taxable: boolean;
}

/**
 * A service's terms for a period: its own fields, then every price change whose from is
 * on or before the period, oldest first, each overriding only the fields it names
 * (see docs/billing-rules.md#price-changes).
 */
export function termsFor(service: ContractService, period: string): Terms {
  let unitPrice = service.unitPrice;
  let unitCost = service.unitCost ?? null;
  let tiers = service.tiers ?? null;
  const changes = service.priceChanges;
  if (changes && changes.length > 0) {
    const due = changes.filter((c) => c.from <= period).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    for (const change of due as PriceChange[]) {
      if (change.unitPrice !== undefined) unitPrice = change.unitPrice;
      if (change.unitCost !== undefined) unitCost = change.unitCost;
      if (change.tiers !== undefined) tiers = change.tiers;
    }
  }
  const fixed = service.billing === 'fixed';
  return {
    billing: service.billing,
    unitPrice,
    unitCost,
    quantity: fixed ? service.quantity ?? '1' : null,
    minimumQuantity: fixed ? null : service.minimumQuantity ?? null,
    includedQuantity: fixed ? null : service.includedQuantity ?? null,
    tiers,
    tierMode: tiers === null ? null : service.tierMode ?? 'graduated',
    taxable: service.taxable ?? true,
  };
}

/**
 * The terms a posted item line was priced with; a field the line lacks (a document from
 * before lines carried them) comes from fallback, the service's terms today.
 */
export function frozenTerms(line: InvoiceLine, fallback: Terms | null): Terms | null {
  const pick = <K extends keyof Terms>(key: K, value: Terms[K] | undefined): Terms[K] | undefined => (value !== undefined ? value : fallback?.[key]);
  const billing = pick('billing', line.billing);
  const unitPrice = pick('unitPrice', line.unitPrice ?? undefined);
  if (billing === undefined || unitPrice === undefined) return null;
  return {
    billing,
    unitPrice,
    unitCost: pick('unitCost', line.unitCost) ?? null,
    quantity: pick('quantity', line.kind === 'item' && line.module === null ? line.quantity : undefined) ?? null,
    minimumQuantity: pick('minimumQuantity', line.minimumQuantity) ?? null,
    includedQuantity: pick('includedQuantity', line.includedQuantity) ?? null,
    tiers: pick('tiers', line.tiers) ?? null,
    tierMode: pick('tierMode', line.tierMode) ?? null,
    taxable: pick('taxable', line.taxable ?? undefined) ?? true,
  };
}

/** Whether the plain formula (unit price × Q × f, no per-day rule, no tiers) prices these terms. */
export function isPlain(terms: Terms): boolean {
  return terms.tiers === null && terms.minimumQuantity === null && terms.includedQuantity === null && terms.billing !== 'fixed';
}
