import { describe, expect, it } from 'vitest';
import type { Change } from '../../shared/schema/changes.ts';
import { formatHlc } from '../../shared/sync/hlc.ts';
import { mergeChange, type Json } from '../../shared/sync/merge.ts';
import { tieText } from '../../shared/sync/tie-text.ts';
import { packLinesDays } from '../../shared/invoice/packed-days.ts';

const days = (quantities: string[]): Json => quantities.map((quantity, i) => ({ date: `2026-08-0${i + 1}`, quantity, carried: false, estimated: i === 2 }));
// A posted item line as posting freezes it: the item's terms come after its days.
const line = (quantities: string[]): Record<string, Json> => ({ kind: 'item', serviceName: 'Managed workstations', quantity: '5.0000', amount: '25.00', daily: days(quantities), minimumQuantity: null, tiers: null });
const daysLast = (quantities: string[]): Record<string, Json> => {
  const { daily, ...rest } = line(quantities);
  return { ...rest, daily: daily ?? null };
};
const reused = formatHlc({ millis: Date.parse('2026-09-01T09:00:00Z'), counter: 0, origin: 'browser-r' });
const linesChange = (lines: Json): Change => ({ table: 'invoices', id: 'inv-1', fields: { lines }, hlc: reused, origin: 'browser-r' });

describe('tieText', () => {
  it('gives an invoice\'s lines the same text with their days as the list or packed, wherever `daily` sits in a line', () => {
    const listed = [line(['5', '5', '6'])];
    const packed = packLinesDays(listed);
    expect(packed).not.toEqual(listed);
    expect(tieText('invoices', 'lines', packed)).toBe(tieText('invoices', 'lines', listed));
    expect(tieText('invoices', 'lines', [daysLast(['5', '5', '6'])])).toBe(tieText('invoices', 'lines', listed));
    // Days last, as a list: the value's own JSON text, as for every other field.
    expect(tieText('invoices', 'lines', [daysLast(['5', '5', '6'])])).toBe(JSON.stringify([daysLast(['5', '5', '6'])]));
    expect(tieText('invoices', 'lines', listed)).not.toBe(tieText('invoices', 'lines', [line(['5', '5', '7'])]));
  });

  it('keeps anything under `daily` that is no packed days as it came, and every other field\'s text is its JSON text', () => {
    expect(tieText('invoices', 'lines', [{ kind: 'item', daily: null, quantity: '1' }, null])).toBe('[{"kind":"item","quantity":"1","daily":null},null]');
    expect(tieText('invoices', 'lines', [{ daily: { from: 3 }, quantity: '1' }])).toBe('[{"quantity":"1","daily":{"from":3}}]');
    expect(tieText('invoices', 'total', '10.00')).toBe('"10.00"');
    expect(tieText('accounts', 'lines', [line(['5'])])).toBe(JSON.stringify([line(['5'])]));
    expect(tieText('invoices', 'lines', undefined)).toBe('null');
  });
});

describe('a tie of an invoice\'s lines in mergeChange', () => {
  const stored = (lines: Json) => mergeChange(undefined, linesChange(lines)) ?? undefined;

  it('decides on the days written out: a packed stored value and the log\'s list decide as two lists', () => {
    const low = [line(['5', '5', '6'])];
    const high = [line(['5', '5', '7'])];
    expect(mergeChange(stored(low), linesChange(high))?.values.lines).toEqual(high);
    expect(mergeChange(stored(packLinesDays(low)), linesChange(high))?.values.lines).toEqual(high);
    expect(mergeChange(stored(high), linesChange(low))).toBeNull();
    expect(mergeChange(stored(packLinesDays(high)), linesChange(low))).toBeNull();
  });

  it('does not take the same lines again because they came packed', () => {
    const listed = [line(['5', '5', '6'])];
    expect(mergeChange(stored(listed), linesChange(packLinesDays(listed)))).toBeNull();
    expect(mergeChange(stored(packLinesDays(listed)), linesChange(listed))).toBeNull();
  });
});
