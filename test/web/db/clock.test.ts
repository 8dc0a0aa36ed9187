// This browser's clock heals from a value it cannot read and does not follow a remote clock
// too far ahead (which would put every later edit out of the edge's reach).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { formatHlc, parseHlc } from '../../../shared/sync/hlc.ts';
import { TrueupDb } from '../../../web/src/lib/db/database.ts';
import { getMeta, setMeta } from '../../../web/src/lib/db/meta.ts';
import { nextClock, observeClock } from '../../../web/src/lib/db/clock.ts';

const NOW = 1_790_000_000_000;
let n = 0;
const browser = () => new TrueupDb(`clock-test-${++n}-${NOW}`);

describe('the browser clock', () => {
  it('an unreadable stored clock (a seven-digit counter) heals to the next millisecond', async () => {
    const db = browser();
    await setMeta(db, 'hlc', `${String(NOW).padStart(15, '0')}-1000000-b1`);
    const next = parseHlc(await nextClock(db, NOW - 1000));
    expect([next.millis, next.counter]).toEqual([NOW + 1, 1]);
  });

  it('follows a remote clock a minute ahead, not one a year ahead', async () => {
    const db = browser();
    await observeClock(db, formatHlc({ millis: NOW + 365 * 86_400_000, counter: 0, origin: 'b2' }), NOW);
    expect(await getMeta(db, 'hlc')).toBeUndefined();
    await observeClock(db, formatHlc({ millis: NOW + 60_000, counter: 4, origin: 'b2' }), NOW);
    const seen = parseHlc((await getMeta(db, 'hlc')) ?? '');
    expect([seen.millis, seen.counter]).toEqual([NOW + 60_000, 5]);
  });
});
