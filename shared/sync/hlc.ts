// Hybrid logical clock (Kulkarni et al.): a timestamp that follows wall time but
// never goes backwards and orders causally related events even when machine
// clocks disagree. Serialized as fixed-width text so that plain string comparison
// is clock order, which lets IndexedDB and SQLite sort and compare them directly:
//   <millis, 15 digits>-<counter, 6 digits>-<origin>
// The origin (a browser id, or "edge") breaks ties, so two clocks are never equal.
// Because the widths are fixed, a clock must never be written that does not fit them:
// a counter that would outgrow six digits moves the clock to the next millisecond.

/** How far ahead of the edge's clock a change's clock may be (browsers' clocks drift a little, not more). */
export const MAX_CLOCK_AHEAD_MS = 5 * 60_000;

export interface Hlc {
  millis: number;
  counter: number;
  origin: string;
}

/** The largest counter six digits hold; one more rolls over to the next millisecond. */
export const MAX_COUNTER = 999_999;
/** The largest millis fifteen digits hold (the year 33658). */
const MAX_MILLIS = 999_999_999_999_999;

/** A clock as text: 15-digit millis, 6-digit counter, a non-empty origin on one line. */
export const HLC_PATTERN = /^(\d{15})-(\d{6})-(.+)$/;

/** Serializes a clock so that string order equals clock order; throws rather than write a clock that could not be read back. */
export function formatHlc(clock: Hlc): string {
  const fits = Number.isSafeInteger(clock.millis) && clock.millis >= 0 && clock.millis <= MAX_MILLIS
    && Number.isSafeInteger(clock.counter) && clock.counter >= 0 && clock.counter <= MAX_COUNTER;
  if (!fits) throw new Error(`clock ${clock.millis}/${clock.counter} does not fit the clock format`);
  return `${String(clock.millis).padStart(15, '0')}-${String(clock.counter).padStart(6, '0')}-${clock.origin}`;
}

/** Parses a serialized clock, or throws naming the bad text. */
export function parseHlc(text: string): Hlc {
  const clock = readHlc(text);
  if (!clock) throw new Error(`"${text}" is not a hybrid logical clock`);
  return clock;
}

/** Parses a serialized clock, or null when the text is not one. */
export function readHlc(text: string): Hlc | null {
  const match = HLC_PATTERN.exec(text);
  if (!match) return null;
  return { millis: Number(match[1]), counter: Number(match[2]), origin: match[3] ?? '' };
}

/**
 * A stored clock read back even when it is unreadable: one whose counter outgrew its six
 * digits (written before counters rolled over) is taken as the next millisecond, counter 0;
 * any other text as the zero clock, so wall time and the clocks seen next take over.
 */
export function recoverHlc(text: string, origin: string): Hlc {
  const clock = readHlc(text);
  if (clock) return { ...clock, origin };
  const overflowed = /^(\d{1,15})-\d+-/.exec(text);
  return { millis: overflowed ? Number(overflowed[1]) + 1 : 0, counter: 0, origin };
}

/** The next counter value at `millis`, rolling over into the next millisecond when six digits are used up. */
function bump(millis: number, counter: number, origin: string): Hlc {
  return counter >= MAX_COUNTER ? { millis: millis + 1, counter: 0, origin } : { millis, counter: counter + 1, origin };
}

/** The clock for a local event: after both the last clock and wall time. */
export function tick(last: Hlc, now: number): Hlc {
  if (now > last.millis) return { millis: now, counter: 0, origin: last.origin };
  return bump(last.millis, last.counter, last.origin);
}

/** The local clock after receiving a remote one: after both, and after wall time. */
export function receive(last: Hlc, remote: Hlc, now: number): Hlc {
  const millis = Math.max(last.millis, remote.millis, now);
  if (millis === last.millis && millis === remote.millis) return bump(millis, Math.max(last.counter, remote.counter), last.origin);
  if (millis === last.millis) return bump(millis, last.counter, last.origin);
  if (millis === remote.millis) return bump(millis, remote.counter, last.origin);
  return { millis, counter: 0, origin: last.origin };
}
