import { z } from 'zod';
import { HLC_PATTERN, MAX_CLOCK_AHEAD_MS, readHlc } from '../sync/hlc.ts';
import { isWellFormed, jsonProblem, type JsonLimits } from './text-limits.ts';

/** The config tables synced through the change log (everything but uploads). */
export const changeTable = z.enum(['accounts', 'orgMappings', 'contracts', 'enabledModules', 'modules', 'invoices', 'settings', 'charges']);

export { MAX_CLOCK_AHEAD_MS };

/** What one change's fields may be: the edge stores and serves them whole, in one D1 value. */
export const FIELDS_LIMITS: JsonLimits = { maxDepth: 32, maxBytes: 256 * 1024 };

const wellFormed = { error: 'must be well-formed Unicode (no lone surrogates)' };

const text = (max: number) => z.string()
  .min(1, { error: 'must not be empty' })
  .max(max, { error: `must be at most ${max} characters` })
  .refine(isWellFormed, wellFormed);

// The limits are checked before the value is parsed as JSON, without recursion, so a value
// nested thousands deep is refused by path instead of exhausting the stack or D1's parser.
const fields = z.preprocess((value, ctx) => {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const problem = jsonProblem(value, FIELDS_LIMITS);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
  }
  return value;
}, z.record(z.string(), z.json()));

/**
 * One change to one record: some of its field values, stamped with a hybrid logical
 * clock. The latest clock wins per (table, id, field); `deleted: true` is a tombstone.
 */
export const change = z.object({
  table: changeTable,
  id: text(1000),
  fields,
  hlc: z.string().regex(HLC_PATTERN, { error: 'must be a hybrid logical clock' }).refine(isWellFormed, wellFormed),
  origin: text(200),
});

/** A change as the edge accepts it at `now`: also its clock no more than five minutes ahead. */
export function changeAt(now: number) {
  return change.superRefine((ch, ctx) => {
    const clock = readHlc(ch.hlc);
    if (clock && clock.millis > now + MAX_CLOCK_AHEAD_MS) {
      const minutes = Math.round((clock.millis - now) / 60_000);
      ctx.addIssue({ code: 'custom', path: ['hlc'], message: `is ${minutes} minutes ahead of the edge's clock (at most ${MAX_CLOCK_AHEAD_MS / 60_000} allowed): check this device's date and time` });
    }
  });
}

const MAX_BATCH = { error: 'at most 5000 changes per request' };

/** A push of changes, as the edge accepts it at `now`. */
export function changeBatchAt(now: number) {
  return z.object({ changes: z.array(changeAt(now)).max(5000, MAX_BATCH) });
}

/** A push of changes (the shape; the edge also checks clocks against its own, see changeBatchAt). */
export const changeBatch = z.object({ changes: z.array(change).max(5000, MAX_BATCH) });

export type ChangeTable = z.infer<typeof changeTable>;
export type Change = z.infer<typeof change>;
