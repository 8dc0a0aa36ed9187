// A posted line's frozen days, packed: one date and a list of quantities instead of 31 objects
// that each repeat four keys. The browser stores them so (a tenth of the bytes IndexedDB writes
// on a first sync) and the edge's snapshot sends them so (most of a large MSP's snapshot is
// these lists). Anything that does not pack is kept as it came, so unpacking always gives back
// exactly what was packed, key order included.
import { addDays } from '../dates/day.ts';
import type { Json } from '../sync/merge.ts';
import type { DailyQuantity, PackedDays, StoredDays } from '../schema/invoice.ts';

// The edge packs every day of every posted invoice of a snapshot (millions at a large MSP):
// the days are a few hundred dates over and over, so the next day of each is remembered.
const nextDays = new Map<string, string>();
const REMEMBERED = 4096;

function nextDay(day: string): string {
  let next = nextDays.get(day);
  if (next === undefined) {
    if (nextDays.size >= REMEMBERED) nextDays.clear();
    next = addDays(day, 1);
    nextDays.set(day, next);
  }
  return next;
}

/** Exactly these keys, in this order: any other day is kept as it came. */
function plainKeys(day: object): boolean {
  const keys = Object.keys(day);
  return keys.length === 4 && keys[0] === 'date' && keys[1] === 'quantity' && keys[2] === 'carried' && keys[3] === 'estimated';
}

/**
 * A line's days packed when they are consecutive and plain (the usual case); otherwise the
 * list itself, unchanged.
 */
export function packDays(days: DailyQuantity[]): StoredDays {
  const first = days[0];
  if (first === undefined) return days;
  const packed: PackedDays = { from: first.date, quantities: [] };
  let expected = first.date;
  for (let i = 0; i < days.length; i++) {
    const day = days[i] as DailyQuantity;
    if (day.date !== expected || typeof day.quantity !== 'string' || typeof day.carried !== 'boolean' || typeof day.estimated !== 'boolean' || !plainKeys(day)) return days;
    packed.quantities.push(day.quantity);
    if (day.carried) (packed.carried ??= []).push(i);
    if (day.estimated) (packed.estimated ??= []).push(i);
    expected = nextDay(expected);
  }
  return packed;
}

/** The days as they were before packDays. */
export function unpackDays(stored: StoredDays): DailyQuantity[] {
  if (Array.isArray(stored)) return stored;
  const carried = new Set(stored.carried);
  const estimated = new Set(stored.estimated);
  let date = stored.from;
  return stored.quantities.map((quantity, i) => {
    const day = { date, quantity, carried: carried.has(i), estimated: estimated.has(i) };
    date = nextDay(date);
    return day;
  });
}

/**
 * An invoice's `lines` value (as a change carries it) with every line's `daily` list packed;
 * the value itself when no list packs. Lines and lists are new objects: the value given is
 * not changed.
 */
export function packLinesDays(lines: Json): Json {
  if (!Array.isArray(lines)) return lines;
  let any = false;
  const packed = lines.map((line) => {
    if (line === null || typeof line !== 'object' || Array.isArray(line) || !Array.isArray(line.daily)) return line;
    const days = packDays(line.daily as unknown as DailyQuantity[]);
    if (Array.isArray(days)) return line;
    any = true;
    return { ...line, daily: days as unknown as Json };
  });
  return any ? packed : lines;
}
