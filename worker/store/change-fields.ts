// How a change's fields are stored (docs/edge-storage.md): small values as JSON text, which
// SQL can still read (a share's status, a void's time), large ones once, compressed, in the
// `packed` blob. A posted invoice's lines with their frozen daily quantities are ~12 KB of JSON
// that repeats the same keys for every day; compressed they are a tenth of that.
import type { Change } from '../../shared/schema/changes.ts';
import type { Json } from '../../shared/sync/merge.ts';
import { utf8Length } from './d1-limits.ts';
import { deflateText, fromHex, inflateText, toHex } from './deflate.ts';

/** Fields lighter than this are stored as they are: compressing them saves little. */
const PACK_FROM_BYTES = 1024;
/** A field value at least this heavy (its JSON) goes into the packed blob. */
const PACK_VALUE_BYTES = 256;

/**
 * The fields as stored: `fields` with every large value replaced by null (so keys keep their
 * order and SQL can read the small ones) and `packed`, the hex of the DEFLATE blob of the large
 * values as a JSON object, or null when nothing is large.
 */
export async function packFields(fields: Record<string, Json>): Promise<{ fields: Record<string, Json>; packed: string | null }> {
  if (utf8Length(JSON.stringify(fields)) < PACK_FROM_BYTES) return { fields, packed: null };
  const kept: Record<string, Json> = {};
  const large: Record<string, Json> = {};
  let any = false;
  for (const [key, value] of Object.entries(fields)) {
    if (value !== null && typeof value === 'object' && utf8Length(JSON.stringify(value)) >= PACK_VALUE_BYTES) {
      large[key] = value;
      kept[key] = null;
      any = true;
    } else {
      kept[key] = value;
    }
  }
  if (!any) return { fields, packed: null };
  return { fields: kept, packed: toHex(await deflateText(JSON.stringify(large))) };
}

/** A change row as read with `hex(packed) AS packed` ('' when the row has no blob). */
export interface StoredChangeRow {
  tbl: Change['table'];
  record_id: string;
  fields: string;
  packed: string | null;
  hlc: string;
  origin: string;
}

/** The change a stored row holds, its large values back in place. */
export async function readStoredChange(row: StoredChangeRow): Promise<Change> {
  const fields = JSON.parse(row.fields) as Record<string, Json>;
  if (row.packed) {
    const large = JSON.parse(await inflateText(fromHex(row.packed))) as Record<string, Json>;
    for (const [key, value] of Object.entries(large)) fields[key] = value;
  }
  return { table: row.tbl, id: row.record_id, fields, hlc: row.hlc, origin: row.origin };
}
