// A tie of a posted invoice's lines at one clock, through a real local edge (wrangler dev on a
// fresh D1), browsers played by Dexie databases on fake-indexeddb. A replayed client pushes two
// values of the lines with the same clock, differing in one day's quantity: a browser that had
// the first before the second arrived, a new browser starting from the edge's snapshot (which
// brings the days packed) and one replaying the whole log all keep the value the merge rule
// keeps of the whole values (docs/billing-rules.md#sync).
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEdge, type EdgeServer } from '../../support/edge-server.ts';
import type { Change } from '../../../shared/schema/changes.ts';
import { formatHlc } from '../../../shared/sync/hlc.ts';
import { mergeChanges, type Json } from '../../../shared/sync/merge.ts';
import { TrueupDb } from '../../../web/src/lib/db/database.ts';
import { loadInvoice } from '../../../web/src/lib/db/invoices.ts';
import { setMeta } from '../../../web/src/lib/db/meta.ts';
import { pullChanges } from '../../../web/src/lib/sync/client.ts';
import type { EdgeConnection } from '../../../web/src/lib/sync/edge.ts';
import { mergeState } from '../../support/db-state.ts';
import { postedInvoiceFields } from '../../worker/support/scaled-msp.ts';

let edge: EdgeServer;
let conn: EdgeConnection;
let n = 0;
const browser = () => new TrueupDb(`snapshot-ties-test-${++n}-${Date.now()}`);
const T0 = Date.parse('2026-09-01T09:00:00Z');
const clock = (millis: number, origin: string) => formatHlc({ millis, counter: 0, origin });

type Line = Record<string, Json>;
const POSTED = postedInvoiceFields(4, '2026-08', '2026-09-01T09:00:00.000Z');
const LINES = POSTED.lines as Line[];
/** The lines with 1 August's quantity of the first line changed. */
const withFirstDay = (quantity: string): Line[] => LINES.map((line, k) => (
  k === 0 ? { ...line, daily: (line.daily as Line[]).map((d, i) => (i === 0 ? { ...d, quantity } : d)) } : line));

const posting: Change = { table: 'invoices', id: 'inv-4', fields: { ...POSTED, lines: LINES }, hlc: clock(T0, 'browser-a'), origin: 'browser-a' };
const reused = clock(T0 + 60_000, 'browser-r');
const tie = (lines: Line[]): Change => ({ table: 'invoices', id: 'inv-4', fields: { lines }, hlc: reused, origin: 'browser-r' });
const values = [tie(withFirstDay('21.0000')), tie(withFirstDay('22.0000'))];
/** What the merge rule keeps of the whole values, in memory. */
const kept = mergeChanges(new Map(), [posting, ...values])[0]?.values.lines;
// The one the rule does not keep is pushed first: a browser stores it before the other arrives.
const [loser, winner] = JSON.stringify(values[0]?.fields.lines) === JSON.stringify(kept) ? [values[1], values[0]] : [values[0], values[1]];

async function push(changes: (Change | undefined)[]): Promise<void> {
  const response = await fetch(`${edge.url}/v1/changes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${edge.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ changes }),
  });
  expect(response.status).toBe(200);
}

let early: TrueupDb;
beforeAll(async () => {
  edge = await startEdge();
  conn = { baseUrl: edge.url, token: edge.adminToken };
  await push([posting, loser]);
  early = browser();
  await pullChanges(early, conn);
  await push([winner]);
  await pullChanges(early, conn);
}, 120_000);
afterAll(async () => {
  await edge?.stop();
});

describe('a tie of an invoice\'s lines at one clock, through the edge', () => {
  it('ends the same in a browser that had one value first, one that starts from the snapshot and one that replays the log', async () => {
    const fresh = browser();
    await pullChanges(fresh, conn);
    const replay = browser();
    await setMeta(replay, 'changesCursor', '0');
    await pullChanges(replay, conn);
    expect((await loadInvoice(replay, 'inv-4'))?.lines).toEqual(kept);
    expect((await loadInvoice(fresh, 'inv-4'))?.lines).toEqual(kept);
    expect((await loadInvoice(early, 'inv-4'))?.lines).toEqual(kept);
    expect(await mergeState(fresh)).toEqual(await mergeState(replay));
    expect(await mergeState(early)).toEqual(await mergeState(replay));
  });
});
