// Hybrid logical clock (Kulkarni et al.): a timestamp that follows wall time but
// never goes backwards and orders causally related events even when machine
// clocks disagree. Serialized as fixed-width text so that plain string comparison
// is clock order, which lets IndexedDB and SQLite sort and compare them directly:
//   <millis, 15 digits>-<counter, 6 digits>-<origin>
// The origin (a browser id, or "edge") breaks ties, so two clocks are never equal.

export interface Hlc {
  millis: number;
  counter: number;
  origin: string;
}

const HLC_PATTERN = /^(\d{15})-(\d{6})-(.+)$/;

/** Serializes a clock so that string order equals clock order. */
export function formatHlc(clock: Hlc): string {
  return `${String(clock.millis).padStart(15, '0')}-${String(clock.counter).padStart(6, '0')}-${clock.origin}`;
}

/** Parses a serialized clock, or throws naming the bad text. */
export function parseHlc(text: string): Hlc {
  const match = HLC_PATTERN.exec(text);
  if (!match) throw new Error(`"${text}" is not a hybrid logical clock`);
  return { millis: Number(match[1]), counter: Number(match[2]), origin: match[3] ?? '' };
}

/** The clock for a local event: after both the last clock and wall time. */
export function tick(last: Hlc, now: number): Hlc {
  if (now > last.millis) return { millis: now, counter: 0, origin: last.origin };
  return { millis: last.millis, counter: last.counter + 1, origin: last.origin };
}

/** The local clock after receiving a remote one: after both, and after wall time. */
export function receive(last: Hlc, remote: Hlc, now: number): Hlc {
  const millis = Math.max(last.millis, remote.millis, now);
  let counter = 0;
  if (millis === last.millis && millis === remote.millis) counter = Math.max(last.counter, remote.counter) + 1;
  else if (millis === last.millis) counter = last.counter + 1;
  else if (millis === remote.millis) counter = remote.counter + 1;
  return { millis, counter, origin: last.origin };
}
