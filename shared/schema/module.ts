import { z } from 'zod';
import { billingTypeId, moduleId } from './primitives.ts';

export const billingTypeDef = z.object({
  id: billingTypeId,
  label: z.string().min(1, { error: 'must not be empty' }).max(200, { error: 'must be at most 200 characters' }),
  unit: z.enum(['count', 'boolean']).default('count'),
});

/** A module: the catalog's shape, also used for custom modules. */
export const moduleDef = z.object({
  id: moduleId,
  name: z.string().min(1, { error: 'must not be empty' }).max(200, { error: 'must be at most 200 characters' }),
  suite: z.string().max(200, { error: 'must be at most 200 characters' }).default('Custom'),
  billingTypes: z.array(billingTypeDef).min(1, { error: 'a module needs at least one billing type' }).max(100, { error: 'at most 100 billing types' }),
}).superRefine((m, ctx) => {
  const seen = new Set<string>();
  m.billingTypes.forEach((t, i) => {
    if (seen.has(t.id)) ctx.addIssue({ code: 'custom', path: ['billingTypes', i, 'id'], message: `duplicate billing type "${t.id}"` });
    seen.add(t.id);
  });
});

export type BillingTypeDef = z.infer<typeof billingTypeDef>;
export type ModuleDef = z.infer<typeof moduleDef>;
