import { z } from 'zod';
import { amount, currency, id, isoDay, moduleId, period, quantityText } from './primitives.ts';

/** One day of a billing item: its quantity and whether it was carried forward or projected. */
export const dailyQuantity = z.object({
  date: isoDay,
  quantity: quantityText,
  carried: z.boolean().default(false),
  estimated: z.boolean().default(false),
});

/** A line of an invoice: a billing item, or an adjustment of an earlier posted item. */
export const invoiceLine = z.object({
  kind: z.enum(['item', 'adjustment']),
  contractId: id,
  serviceId: id,
  module: moduleId,
  /** The period billed: for an adjustment, the original period it corrects. */
  period,
  serviceName: z.string().optional(),
  moduleName: z.string().optional(),
  billing: z.enum(['daily', 'period-end', 'peak']).optional(),
  unitPrice: z.string().optional(),
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

/** An invoice as the bill command prints it; posted and voided ones are kept in the workspace. */
export const invoice = z.object({
  id: z.string().optional(),
  accountId: id,
  accountName: z.string().optional(),
  period,
  status: z.enum(['draft', 'posted', 'voided']),
  number: z.string().nullable(),
  currency: currency.optional(),
  total: amount,
  creditNote: z.boolean().optional(),
  postedAt: z.string().optional(),
  voidedAt: z.string().optional(),
  lines: z.array(invoiceLine),
});

export type DailyQuantity = z.infer<typeof dailyQuantity>;
export type InvoiceLine = z.infer<typeof invoiceLine>;
export type Invoice = z.infer<typeof invoice>;
