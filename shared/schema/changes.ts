import { z } from 'zod';

/** The config tables synced through the change log (everything but uploads). */
export const changeTable = z.enum(['accounts', 'orgMappings', 'contracts', 'enabledModules', 'modules', 'invoices', 'settings', 'charges']);

/**
 * One change to one record: some of its field values, stamped with a hybrid logical
 * clock. The latest clock wins per (table, id, field); `deleted: true` is a tombstone.
 */
export const change = z.object({
  table: changeTable,
  id: z.string().min(1, { error: 'must not be empty' }),
  fields: z.record(z.string(), z.json()),
  hlc: z.string().regex(/^\d{15}-\d{6}-.+$/, { error: 'must be a hybrid logical clock' }),
  origin: z.string().min(1, { error: 'must not be empty' }),
});

export const changeBatch = z.object({ changes: z.array(change).max(5000, { error: 'at most 5000 changes per request' }) });

export type ChangeTable = z.infer<typeof changeTable>;
export type Change = z.infer<typeof change>;
