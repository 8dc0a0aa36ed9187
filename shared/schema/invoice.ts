import { z } from 'zod';
import { amount, currency, id, isoDay, moduleId, period, price, quantityText, signedPrice, taxRate } from './primitives.ts';
import { billingMode, tierMode, tiers } from './pricing.ts';
import { billTo, invoiceFrom } from './parties.ts';

/** One day of a billing item: its quantity and whether it was carried forward or projected. */
export const dailyQuantity = z.object({
  date: isoDay,
  quantity: quantityText,
  carried: z.boolean().default(false),
  estimated: z.boolean().default(false),
});

/**
 * A line's days packed (shared/invoice/packed-days.ts): consecutive plain days from `from`, a
 * quantity each, the carried and estimated days by position. A posted month is one date and a
 * list of quantities instead of 31 objects that each repeat four keys: how the browser stores
 * them and how the edge's snapshot sends them.
 */
export const packedDays = z.object({
  from: isoDay,
  quantities: z.array(quantityText),
  carried: z.array(z.number().int().nonnegative()).optional(),
  estimated: z.array(z.number().int().nonnegative()).optional(),
});

/** A line's days packed, or the list as it came (days that do not pack, or stored before packing). */
export const storedDays = z.union([packedDays, z.array(dailyQuantity)]);

/** What a posted item summed: its module orgs and billing types (docs/billing-rules.md#posting-freezes). */
export const lineSources = z.object({ orgIds: z.array(z.string()), billingTypes: z.array(z.string()) });

/**
 * A line of an invoice: a billing item (usage, or fixed with module null), an adjustment
 * of an earlier posted item, or a one-off charge. Posted item lines carry the terms they
 * were priced with (docs/billing-rules.md#posting-freezes): a frozen field is null where the service had none.
 */
export const invoiceLine = z.object({
  kind: z.enum(['item', 'adjustment', 'charge']),
  contractId: id.nullable().optional(),
  serviceId: id.nullable().optional(),
  module: moduleId.nullable(),
  /** The period billed: for an adjustment, the original period it corrects. */
  period,
  serviceName: z.string().optional(),
  moduleName: z.string().optional(),
  billing: billingMode.optional(),
  unitPrice: signedPrice.nullable().optional(),
  unitCost: price.nullable().optional(),
  minimumQuantity: price.nullable().optional(),
  includedQuantity: price.nullable().optional(),
  tiers: tiers.nullable().optional(),
  tierMode: tierMode.nullable().optional(),
  taxable: z.boolean().nullable().optional(),
  activeFrom: isoDay.nullable().optional(),
  activeTo: isoDay.nullable().optional(),
  sources: lineSources.nullable().optional(),
  /** How the amount arises where it is not quantity × unit price, e.g. "11 × 5.00 × 16/31 days". */
  basis: z.string().optional(),
  /** Charges: the charge, its text and the posted period it corrects. */
  chargeId: id.optional(),
  description: z.string().optional(),
  corrects: period.nullable().optional(),
  quantity: quantityText,
  amount,
  cost: amount.nullable().default(null),
  margin: amount.nullable().optional(),
  estimated: z.boolean().default(false),
  /** Adjustments: the quantity posted before and the quantity now. */
  oldQuantity: quantityText.optional(),
  newQuantity: quantityText.optional(),
  daily: z.array(dailyQuantity).optional(),
});

/** One tax of an invoice: per rate, on the sum of its taxable lines (docs/billing-rules.md#tax). */
export const invoiceTax = z.object({ name: z.string(), rate: taxRate, taxable: amount, amount });

/** An invoice as the bill command prints it; posted and voided ones are kept in the workspace. */
export const invoice = z.object({
  id: z.string().optional(),
  accountId: id,
  accountName: z.string().optional(),
  period,
  status: z.enum(['draft', 'posted', 'voided']),
  number: z.string().nullable(),
  currency: currency.optional(),
  subtotal: amount.optional(),
  taxes: z.array(invoiceTax).optional(),
  total: amount,
  creditNote: z.boolean().optional(),
  /** Posted: the day posted, the day due, and the parties as they were then (docs/billing-rules.md#tax). */
  issueDate: isoDay.optional(),
  dueDate: isoDay.optional(),
  from: invoiceFrom.optional(),
  billTo: billTo.optional(),
  /** Posted: the last upload cursor the posting browser had pulled (docs/billing-rules.md#incremental-adjustments). */
  usageCursor: z.string().regex(/^\d+$/, { error: 'must be a decimal integer string' }).nullable().optional(),
  postedAt: z.string().optional(),
  voidedAt: z.string().optional(),
  lines: z.array(invoiceLine),
});

export type DailyQuantity = z.infer<typeof dailyQuantity>;
export type PackedDays = z.infer<typeof packedDays>;
export type StoredDays = z.infer<typeof storedDays>;
export type InvoiceLine = z.infer<typeof invoiceLine>;
export type Invoice = z.infer<typeof invoice>;
export type InvoiceTax = z.infer<typeof invoiceTax>;
export type LineSources = z.infer<typeof lineSources>;
