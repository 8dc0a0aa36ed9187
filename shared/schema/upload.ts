import { z } from 'zod';
import { addDays } from '../dates/day.ts';
import { billingTypeId, id, isoDay, moduleId, quantity } from './primitives.ts';
import { isWellFormed } from './text-limits.ts';
import type { ModuleDef } from './module.ts';

/** The first day an upload may be for. */
export const FIRST_UPLOAD_DAY = '2000-01-01';
/** How many days after the edge's today an upload may be for (time zones ahead of UTC, a day's early run). */
export const DAYS_AHEAD = 2;
/** Module-days one request may carry (a CSV spans days); more would let one key stall the edge. */
export const MAX_MODULE_DAYS = 400;
/** The longest org name, in characters. */
export const MAX_ORG_NAME = 500;

/** An org's display name as a module reports it. */
export const orgName = z.string()
  .max(MAX_ORG_NAME, { error: `must be at most ${MAX_ORG_NAME} characters` })
  .refine(isWellFormed, { error: 'must be well-formed Unicode (no lone surrogates)' });

export const uploadOrg = z.object({
  orgId: id,
  name: orgName.default(''),
  metrics: z.record(billingTypeId, quantity),
});

/** Why an upload day is refused, or null; without `today` only the lower bound is known. */
export function uploadDayProblem(date: string, today?: string): string | null {
  if (date < FIRST_UPLOAD_DAY) return `must be ${FIRST_UPLOAD_DAY} or later`;
  if (today !== undefined) {
    const last = addDays(today, DAYS_AHEAD);
    if (date > last) return `must be at most ${DAYS_AHEAD} days after today (${today}), so at most ${last}`;
  }
  return null;
}

/**
 * Everything one module reports for one day (an item of the workspace's "uploads", docs/billing-rules.md#workspace-document). With `today` (the
 * edge's, UTC) the day must also not be more than two days ahead; every route that stores
 * uploads (JSON, CSV, device lists) checks with this schema. Without it, the shape of a
 * stored upload (a pull, a workspace document).
 */
export function uploadSchema(today?: string) {
  return z.object({
    module: moduleId,
    date: isoDay,
    orgs: z.array(uploadOrg),
    /** The edge's cursor when it stored this upload (docs/billing-rules.md#incremental-adjustments). */
    cursor: z.string().regex(/^\d+$/, { error: 'must be a decimal integer string' }).optional(),
  }).superRefine((u, ctx) => {
    const dayProblem = uploadDayProblem(u.date, today);
    if (dayProblem) ctx.addIssue({ code: 'custom', path: ['date'], message: dayProblem });
    const seen = new Set<string>();
    u.orgs.forEach((org, i) => {
      if (seen.has(org.orgId)) ctx.addIssue({ code: 'custom', path: ['orgs', i, 'orgId'], message: `duplicate org "${org.orgId}" in one upload` });
      seen.add(org.orgId);
    });
  });
}

/** An upload as stored (see uploadSchema). */
export const upload = uploadSchema();

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
