import { z } from 'zod';
import { id, period, price, signedPrice } from './primitives.ts';

/**
 * A one-off line on an account's invoice for a period (docs/billing-rules.md#charges): onboarding,
 * a hardware sale, a credit (negative unit price), or a correction of a posted period.
 */
export const charge = z.object({
  id,
  accountId: id,
  period,
  description: z.string().min(1, { error: 'must not be empty' }).max(500, { error: 'must be at most 500 characters' }),
  quantity: price.default('1'),
  unitPrice: signedPrice,
  taxable: z.boolean().default(true),
  unitCost: price.nullable().default(null),
  /** The posted period this charge corrects (docs/billing-rules.md#corrections), or null. */
  corrects: period.nullable().default(null),
});

export type Charge = z.infer<typeof charge>;
