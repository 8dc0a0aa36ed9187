import { z } from 'zod';
import { billingTypeId, id, isoDay, moduleId, quantity } from './primitives.ts';
import type { ModuleDef } from './module.ts';

export const uploadOrg = z.object({
  orgId: id,
  name: z.string().max(500, { error: 'must be at most 500 characters' }).default(''),
  metrics: z.record(billingTypeId, quantity),
});

/** Everything one module reports for one day: an item of the workspace's "uploads" (docs/billing-rules.md#workspace-document). */
export const upload = z.object({
  module: moduleId,
  date: isoDay,
  orgs: z.array(uploadOrg),
  cursor: z.string().regex(/^\d+$/).optional(),
}).superRefine((u, ctx) => {
  const seen = new Set<string>();
  u.orgs.forEach((org, i) => {
    if (seen.has(org.orgId)) ctx.addIssue({ code: 'custom', path: ['orgs', i, 'orgId'], message: `duplicate org "${org.orgId}" in one upload` });
    seen.add(org.orgId);
  });
});

export type UploadOrg = z.infer<typeof uploadOrg>;
export type Upload = z.infer<typeof upload>;

export interface PathIssue {
  path: string;
  message: string;
}

/** Problems of an upload against known modules: unknown module or billing type, each with its path. */
export function uploadCatalogIssues(u: { module: string; orgs: readonly { metrics: Readonly<Record<string, unknown>> }[] }, modules: ReadonlyMap<string, ModuleDef>, prefix: (string | number)[] = []): { path: (string | number)[]; message: string }[] {
  const def = modules.get(u.module);
  if (!def) return [{ path: [...prefix, 'module'], message: `unknown module "${u.module}"` }];
  const types = new Set(def.billingTypes.map((t) => t.id));
  const issues: { path: (string | number)[]; message: string }[] = [];
  u.orgs.forEach((org, i) => {
    for (const key of Object.keys(org.metrics)) {
      if (!types.has(key)) issues.push({ path: [...prefix, 'orgs', i, 'metrics', key], message: `unknown billing type "${key}" for module ${u.module}` });
    }
  });
  return issues;
}
