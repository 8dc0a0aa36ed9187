// Ties in the browser's merge of a posted invoice's lines (docs/billing-rules.md#sync). The
// browser keeps an invoice's lines without their days (invoiceDaily has them), yet a tie at one
// clock must be decided on the whole value, days included, exactly as the merge rule decides it
// for the values the change log carries: whichever order two values arrive in, and however a
// value came (the log's day lists, or the snapshot's packed days), every browser keeps the same.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../../shared/schema/changes.ts';
import { formatHlc } from '../../../shared/sync/hlc.ts';
import { mergeChanges, type Json } from '../../../shared/sync/merge.ts';
import { packLinesDays } from '../../../shared/invoice/packed-days.ts';
import type { DBCore } from 'dexie';
import type { TrueupDb } from '../../../web/src/lib/db/database.ts';
import { emptyDatabases } from '../../support/test-db.ts';
import { applyChanges } from '../../../web/src/lib/db/changes.ts';
import { loadInvoice } from '../../../web/src/lib/db/invoices.ts';
import { mergeState } from '../../support/db-state.ts';
import { postedInvoiceFields } from '../../worker/support/scaled-msp.ts';

const browser = emptyDatabases('changes-test');

const NOW = Date.parse('2026-09-01T09:00:00Z');
const POSTED = postedInvoiceFields(7, '2026-08', '2026-09-01T09:00:00.000Z');
type Line = Record<string, Json>;
const LINES = POSTED.lines as Line[];
const clock = (millis: number, origin: string) => formatHlc({ millis, counter: 0, origin });
// A replayed client reused the clock of August's posting for another value of the lines.
const REUSED = clock(NOW, 'browser-r');

/** The invoice's lines with one day of the first line changed. */
function withDay(day: number, change: Record<string, Json>): Line[] {
  return LINES.map((line, k) => (k === 0 ? { ...line, daily: (line.daily as Line[]).map((d, i) => (i === day ? { ...d, ...change } : d)) } : line));
}

const lines = (value: Json, hlc = REUSED): Change => ({ table: 'invoices', id: 'inv-7', fields: { lines: value }, hlc, origin: hlc.split('-')[2] ?? '' });
const posting: Change = { table: 'invoices', id: 'inv-7', fields: { ...POSTED, lines: LINES }, hlc: clock(NOW - 60_000, 'browser-a'), origin: 'browser-a' };

/** The lines the merge rule keeps from these changes of whole values, in memory. */
function ruleKeeps(changes: Change[]): Json {
  const [record] = mergeChanges(new Map(), changes);
  return record?.values.lines ?? null;
}

/** A browser that received these pulls, each applied on its own (as separate pulls are). */
async function received(...pulls: Change[][]): Promise<TrueupDb> {
  const db = browser();
  for (const pull of pulls) await applyChanges(db, pull, NOW);
  return db;
}

/** Every key this browser reads from invoiceDaily from now on. */
function dayReads(db: TrueupDb): unknown[] {
  const keys: unknown[] = [];
  db.use({
    stack: 'dbcore',
    name: 'day-reads',
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        if (name !== 'invoiceDaily') return table;
        return {
          ...table,
          get: (req) => { keys.push(req.key); return table.get(req); },
          getMany: (req) => { keys.push(...req.keys); return table.getMany(req); },
          query: (req) => { keys.push('(query)'); return table.query(req); },
          openCursor: (req) => { keys.push('(cursor)'); return table.openCursor(req); },
        };
      },
    }),
  });
  return keys;
}

async function wholeLines(db: TrueupDb): Promise<unknown> {
  return (await loadInvoice(db, 'inv-7'))?.lines;
}

describe('a tie of an invoice\'s lines at one clock', () => {
  // 1 September's quantity of Managed workstations: 21 in one value, 22 in the other.
  const one = lines(withDay(0, { quantity: '21.0000' }));
  const other = lines(withDay(0, { quantity: '22.0000' }));

  it('keeps the value the merge rule keeps of the whole values, whichever arrives first', async () => {
    const kept = ruleKeeps([posting, one, other]);
    expect(kept).toEqual(ruleKeeps([posting, other, one]));
    const first = await received([posting, one], [other]);
    const second = await received([posting, other], [one]);
    expect(await wholeLines(first)).toEqual(kept);
    expect(await wholeLines(second)).toEqual(kept);
    expect(await mergeState(first)).toEqual(await mergeState(second));
  });

  it('keeps the same value when the stored one came with its days packed, as the edge\'s snapshot sends them', async () => {
    const kept = ruleKeeps([posting, one, other]);
    const packed = (change: Change): Change => ({ ...change, fields: { lines: packLinesDays(change.fields.lines as Json) } });
    expect(packed(one).fields.lines).not.toEqual(one.fields.lines);
    const fromSnapshot = await received([posting, packed(one)], [other]);
    const otherFromSnapshot = await received([posting, packed(other)], [one]);
    const fromLog = await received([posting, one], [other]);
    expect(await wholeLines(fromSnapshot)).toEqual(kept);
    expect(await wholeLines(otherFromSnapshot)).toEqual(kept);
    expect(await mergeState(fromSnapshot)).toEqual(await mergeState(fromLog));
    expect(await mergeState(otherFromSnapshot)).toEqual(await mergeState(fromLog));
  });

  it('moves the winning value\'s days to invoiceDaily: the invoice row keeps its lines without them', async () => {
    // The day after also estimated: the value differs in its days only, and its days still pack.
    const estimated = lines(withDay(30, { estimated: true }));
    const kept = ruleKeeps([posting, one, estimated]);
    for (const db of [await received([posting, one], [estimated]), await received([posting, estimated], [one])]) {
      expect(await wholeLines(db)).toEqual(kept);
      const row = await db.invoices.get('inv-7');
      expect(row?.lines.map((line) => 'daily' in line && line.daily !== undefined)).toEqual([false, false, false, false]);
    }
  });

  it('keeps the stored value when the same value arrives again, and writes nothing', async () => {
    const db = await received([posting, one]);
    const before = await mergeState(db);
    expect(await applyChanges(db, [one], NOW)).toBe(0);
    expect(await mergeState(db)).toEqual(before);
  });

  it('reads the days of the tied invoice only, and none when no change ties (a first sync, later edits)', async () => {
    const db = browser();
    const reads = dayReads(db);
    const invoices = Array.from({ length: 20 }, (_, i): Change => ({ ...posting, id: `inv-${i}` }));
    await applyChanges(db, invoices, NOW);
    await applyChanges(db, invoices.map((c) => lines(withDay(1, { quantity: '9.0000' }), REUSED)).map((c, i) => ({ ...c, id: `inv-${i}` })), NOW);
    expect(reads).toEqual([]);
    await applyChanges(db, [{ ...one, id: 'inv-3' }, { ...posting, id: 'inv-4', fields: { total: '1.00' } }], NOW);
    expect(reads).toEqual(['inv-3']);
  });
});

describe('reading the stored records of a snapshot page as one range', () => {
  it('merges exactly as reading them one by one, with stored records inside the range that the page does not name', async () => {
    const change = (id: string, millis: number, name: string): Change => ({ table: 'accounts', id, fields: { name }, hlc: clock(millis, 'browser-s'), origin: 'browser-s' });
    const stored = ['acc-1', 'acc-3', 'acc-5', 'acc-7'].map((id) => change(id, NOW, `Stored ${id}`));
    const page = [change('acc-2', NOW, 'New 2'), change('acc-3', NOW - 1_000, 'Older 3'), change('acc-5', NOW + 1_000, 'Newer 5'), change('acc-9', NOW, 'New 9')];
    const [byKey, byRange] = [browser(), browser()];
    for (const db of [byKey, byRange]) await applyChanges(db, stored, NOW);
    await applyChanges(byKey, page, NOW);
    await applyChanges(byRange, page, NOW, { byRange: true });
    expect(await mergeState(byRange)).toEqual(await mergeState(byKey));
    expect((await byRange.accounts.toArray()).map((a) => `${a.id} ${a.name}`)).toEqual(['acc-1 Stored acc-1', 'acc-2 New 2', 'acc-3 Stored acc-3', 'acc-5 Newer 5', 'acc-7 Stored acc-7', 'acc-9 New 9']);
  });
});
