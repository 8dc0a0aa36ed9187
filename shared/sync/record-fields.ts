import type { Json } from './merge.ts';

/**
 * A whole record as change-log fields: its plain JSON values (no undefined, no reactive
 * proxies) without the id, which the change carries, and marked not deleted.
 */
export function recordFields(record: object): Record<string, Json> {
  const { id: _id, ...rest } = JSON.parse(JSON.stringify(record)) as Record<string, Json>;
  return { ...rest, deleted: false };
}
