// What a tie at one clock compares (docs/billing-rules.md#sync): the larger text of a field's
// value wins. An invoice's `lines` are the one value that is not kept as it came: a browser
// keeps each line's daily quantities apart from the line and packed (web/src/lib/db/invoices.ts),
// and the edge's snapshot sends them packed. So a line compares with its days written out as
// the list of days and after its other fields: the text is then the same whether the days came
// as a list or packed and wherever `daily` sat in the line, and a browser can give it back from
// what it stores.
import type { ChangeTable } from '../schema/changes.ts';
import type { PackedDays } from '../schema/invoice.ts';
import { unpackDays } from '../invoice/packed-days.ts';
import type { Json } from './merge.ts';

/**
 * True for a line's days in the packed shape (`{ from, quantities, carried?, estimated? }`),
 * which unpacks; anything else under `daily` is no packed days.
 */
export function isPackedDays(value: unknown): value is PackedDays {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const days = value as Record<string, unknown>;
  return typeof days.from === 'string' && Array.isArray(days.quantities)
    && (days.carried === undefined || Array.isArray(days.carried))
    && (days.estimated === undefined || Array.isArray(days.estimated));
}

function lineText(line: Json): Json {
  if (line === null || typeof line !== 'object' || Array.isArray(line) || line.daily === undefined) return line;
  const { daily, ...rest } = line;
  return { ...rest, daily: isPackedDays(daily) ? unpackDays(daily) as unknown as Json : daily };
}

/** The text a field's value compares by when two changes set it with the same clock. */
export function tieText(table: ChangeTable, field: string, value: Json | undefined): string {
  if (table !== 'invoices' || field !== 'lines' || !Array.isArray(value)) return JSON.stringify(value ?? null);
  return JSON.stringify(value.map(lineText));
}
