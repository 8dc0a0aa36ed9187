import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/dates/day.ts';
import type { DailyQuantity } from '../../../shared/schema/invoice.ts';
import { joinDaily, packDays, splitDaily, unpackDays } from '../../../web/src/lib/db/invoices.ts';
import type { InvoiceRow } from '../../../web/src/lib/db/rows.ts';

const may = (from: string, quantities: string[], flags: (i: number) => Partial<DailyQuantity> = () => ({})): DailyQuantity[] =>
  quantities.map((quantity, i) => ({ date: addDays(from, i), quantity, carried: false, estimated: false, ...flags(i) }));

describe('a posted line’s frozen days as IndexedDB keeps them', () => {
  it('packs a month of 12 workstations, the 30th carried forward and the 31st estimated, into one date and the quantities', () => {
    const days = may('2026-05-01', Array.from({ length: 31 }, () => '12'), (i) => (i === 29 ? { carried: true } : i === 30 ? { estimated: true } : {}));
    const packed = packDays(days);
    expect(packed).toEqual({ from: '2026-05-01', quantities: Array.from({ length: 31 }, () => '12'), carried: [29], estimated: [30] });
    expect(unpackDays(packed)).toEqual(days);
  });

  it('keeps days that skip a date, or carry other fields, as they came', () => {
    const gap = [...may('2026-05-01', ['3']), ...may('2026-05-03', ['4'])];
    expect(packDays(gap)).toBe(gap);
    const extra = [{ ...may('2026-05-01', ['3'])[0], note: 'x' }] as unknown as DailyQuantity[];
    expect(packDays(extra)).toBe(extra);
  });

  it('gives back exactly what was stored, key order included, for any days', () => {
    const day = fc.record({
      gap: fc.integer({ min: 0, max: 2 }),
      quantity: fc.oneof(fc.constantFrom('0', '12', '1.5', '-2'), fc.string()),
      carried: fc.boolean(),
      estimated: fc.boolean(),
      reorder: fc.boolean(),
    });
    fc.assert(fc.property(fc.array(day, { maxLength: 40 }), (list) => {
      let date = '2026-01-30';
      const days = list.map(({ gap, quantity, carried, estimated, reorder }) => {
        date = addDays(date, gap);
        return (reorder ? { quantity, date, carried, estimated } : { date, quantity, carried, estimated }) as DailyQuantity;
      });
      const back = unpackDays(packDays(days));
      expect(JSON.stringify(back)).toBe(JSON.stringify(days));
    }));
  });

  it('splits an invoice’s days from its lines and joins them back whole', () => {
    const daily = may('2026-02-01', ['5', '5', '6']);
    const row = { id: 'inv-1', lines: [{ description: 'Managed workstations', daily }, { description: 'Setup fee' }] } as unknown as InvoiceRow;
    const split = splitDaily('inv-1', row.lines);
    expect(split.lines).toEqual([{ description: 'Managed workstations' }, { description: 'Setup fee' }]);
    expect(split.daily?.lines).toEqual([{ from: '2026-02-01', quantities: ['5', '5', '6'] }, null]);
    expect(joinDaily({ ...row, lines: split.lines }, split.daily ?? undefined)).toEqual(row);
  });
});
