import { z } from 'zod';
import { parseScaled } from '../money/scaled.ts';
import { period, price, signedPrice } from './primitives.ts';

/** How a service is billed: the three usage modes and the flat fee. */
export const BILLING_MODES = ['daily', 'period-end', 'peak', 'fixed'] as const;
export const billingMode = z.enum(BILLING_MODES, { error: 'must be daily, period-end, peak or fixed' });

/** One price tier: units above the previous tier's upTo, up to this one's (null: no upper bound). */
export const tier = z.object({
  upTo: price.nullable(),
  unitPrice: price,
  flatFee: price.optional(),
});

export const tierMode = z.enum(['graduated', 'volume'], { error: 'must be graduated or volume' });

/** A list of tiers whose upTo values rise strictly and whose last one is open (null). */
export const tiers = z.array(tier).min(1, { error: 'must have at least one tier' }).superRefine((list, ctx) => {
  let previous: bigint | null = null;
  list.forEach((t, i) => {
    const last = i === list.length - 1;
    if (t.upTo === null) {
      if (!last) ctx.addIssue({ code: 'custom', path: [i, 'upTo'], message: 'only the last tier may have no upper bound (null)' });
      return;
    }
    if (last) ctx.addIssue({ code: 'custom', path: [i, 'upTo'], message: 'the last tier must have no upper bound (null)' });
    const value = parseScaled(t.upTo, 4);
    if (previous !== null && !(value > previous)) ctx.addIssue({ code: 'custom', path: [i, 'upTo'], message: 'tiers must be in strictly ascending order of upTo' });
    previous = value;
  });
});

/** A price in force from a period on; omitted fields keep what earlier changes set. */
export const priceChange = z.object({
  from: period,
  unitPrice: price.optional(),
  unitCost: price.nullable().optional(),
  tiers: tiers.nullable().optional(),
});

export const priceChanges = z.array(priceChange).superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((c, i) => {
    if (seen.has(c.from)) ctx.addIssue({ code: 'custom', path: [i, 'from'], message: `two price changes from ${c.from}` });
    seen.add(c.from);
  });
});

export { signedPrice };

export type BillingMode = z.infer<typeof billingMode>;
export type Tier = z.infer<typeof tier>;
export type TierMode = z.infer<typeof tierMode>;
export type PriceChange = z.infer<typeof priceChange>;
