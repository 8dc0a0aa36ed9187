// This browser's hybrid logical clock, kept in meta so it never goes backwards across
// reloads. Callers run these inside a transaction that includes `meta`.
import { formatHlc, parseHlc, receive, tick, type Hlc } from '../../../../shared/sync/hlc.ts';
import type { TrueupDb } from './database.ts';
import { getMeta, setMeta } from './meta.ts';

function randomOrigin(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return 'b' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** This browser's origin id, created on first use. */
export async function originId(db: TrueupDb): Promise<string> {
  const known = await getMeta(db, 'origin');
  if (known) return known;
  const origin = randomOrigin();
  await setMeta(db, 'origin', origin);
  return origin;
}

async function lastClock(db: TrueupDb): Promise<Hlc> {
  const text = await getMeta(db, 'hlc');
  const origin = await originId(db);
  if (!text) return { millis: 0, counter: 0, origin };
  return { ...parseHlc(text), origin };
}

/** The clock for a local edit: later than anything issued or seen here. */
export async function nextClock(db: TrueupDb, now: number): Promise<string> {
  const next = formatHlc(tick(await lastClock(db), now));
  await setMeta(db, 'hlc', next);
  return next;
}

/** Moves the local clock past the latest remote clock seen. */
export async function observeClock(db: TrueupDb, remote: string, now: number): Promise<void> {
  const next = receive(await lastClock(db), parseHlc(remote), now);
  await setMeta(db, 'hlc', formatHlc(next));
}
