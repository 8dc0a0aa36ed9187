// This browser's hybrid logical clock, kept in meta so it never goes backwards across
// reloads. Callers run these inside a transaction that includes `meta`.
import { MAX_CLOCK_AHEAD_MS, formatHlc, readHlc, receive, recoverHlc, tick, type Hlc } from '../../../../shared/sync/hlc.ts';
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

// A clock this browser cannot read back (written before counters rolled over) is
// recovered, so the browser heals instead of failing every edit.
async function lastClock(db: TrueupDb): Promise<Hlc> {
  return recoverHlc((await getMeta(db, 'hlc')) ?? '', await originId(db));
}

/** The clock for a local edit: later than anything issued or seen here. */
export async function nextClock(db: TrueupDb, now: number): Promise<string> {
  const next = formatHlc(tick(await lastClock(db), now));
  await setMeta(db, 'hlc', next);
  return next;
}

/**
 * Moves the local clock past the latest remote clock seen. A remote clock further ahead of
 * this device's time than the edge accepts (stored before the edge refused such clocks) is
 * not followed: following it would put every later local edit too far ahead to sync.
 */
export async function observeClock(db: TrueupDb, remote: string, now: number): Promise<void> {
  const clock = readHlc(remote);
  if (!clock || clock.millis > now + MAX_CLOCK_AHEAD_MS) return;
  const next = receive(await lastClock(db), clock, now);
  await setMeta(db, 'hlc', formatHlc(next));
}
