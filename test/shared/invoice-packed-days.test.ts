// A posted line's frozen days packed (shared/invoice/packed-days.ts), as the browser stores them
// and the edge's snapshot sends them: unpacking gives back exactly what was packed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/dates/day.ts';
import { packDays, packLinesDays, unpackDays } from '../../shared/invoice/packed-days.ts';
import type { DailyQuantity } from '../../shared/schema/invoice.ts';
import type { Json } from '../../shared/sync/merge.ts';

const days = (from: string, quantities: string[], flags: (i: number) => Partial<DailyQuantity> = () => ({})): DailyQuantity[] =>
  quantities.map((quantity, i) => ({ date: addDays(from, i), quantity, carried: false, estimated: false, ...flags(i) }));

describe('a posted line’s frozen days, packed', () => {
  it('packs a month of 12 workstations, the 30th carried forward and the 31st estimated, into one date and the quantities', () => {
    const may = days('2026-05-01', Array.from({ length: 31 }, () => '12.0000'), (i) => (i === 29 ? { carried: true } : i === 30 ? { estimated: true } : {}));
    const packed = packDays(may);
    expect(packed).toEqual({ from: '2026-05-01', quantities: Array.from({ length: 31 }, () => '12.0000'), carried: [29], estimated: [30] });
    expect(unpackDays(packed)).toEqual(may);
  });

  it('keeps days that skip a date, or carry other fields, as they came', () => {
    const gap = [...days('2026-05-01', ['3.0000']), ...days('2026-05-03', ['4.0000'])];
    expect(packDays(gap)).toBe(gap);
    const extra = [{ ...days('2026-05-01', ['3.0000'])[0], note: 'x' }] as unknown as DailyQuantity[];
    expect(packDays(extra)).toBe(extra);
    const reordered = [{ quantity: '3.0000', date: '2026-05-01', carried: false, estimated: false }] as DailyQuantity[];
    expect(packDays(reordered)).toBe(reordered);
  });

  it('runs over month ends, a leap day and a new year', () => {
    const winter = days('2027-12-30', Array.from({ length: 62 }, (_, i) => `${i}.0000`));
    expect(winter.at(-1)?.date).toBe('2028-02-29');
    expect(packDays(winter)).toMatchObject({ from: '2027-12-30' });
    expect(unpackDays(packDays(winter))).toEqual(winter);
  });

  it('gives back exactly what was packed, key order included, for any days', () => {
    const day = fc.record({
      gap: fc.integer({ min: 0, max: 2 }),
      quantity: fc.oneof(fc.constantFrom('0.0000', '12.0000', '1.5000', '-2.0000'), fc.string()),
      carried: fc.boolean(),
      estimated: fc.boolean(),
      reorder: fc.boolean(),
    });
    fc.assert(fc.property(fc.date({ min: new Date('1999-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), fc.array(day, { maxLength: 40 }), (start, list) => {
      let date = start.toISOString().slice(0, 10);
      const input = list.map(({ gap, quantity, carried, estimated, reorder }) => {
        date = addDays(date, gap);
        return (reorder ? { quantity, date, carried, estimated } : { date, quantity, carried, estimated }) as DailyQuantity;
      });
      expect(JSON.stringify(unpackDays(packDays(input)))).toBe(JSON.stringify(input));
    }), { numRuns: 500 });
  });

  it('packs every line’s list in an invoice’s lines, keeping the lines’ keys in place and the value given unchanged', () => {
    const may = days('2026-05-01', ['12.0000', '12.0000', '13.0000'], (i) => (i === 1 ? { carried: true } : {}));
    const gap = [...days('2026-05-01', ['3.0000']), ...days('2026-05-03', ['4.0000'])];
    const lines = [
      { kind: 'item', serviceName: 'Managed workstations', daily: may, quantity: '12.3333' },
      { kind: 'item', serviceName: 'Backup', daily: gap, quantity: '3.5000' },
      { kind: 'charge', description: 'Setup fee', quantity: '1.0000' },
    ];
    const before = JSON.stringify(lines);
    const packed = packLinesDays(lines as unknown as Json) as unknown as typeof lines;
    expect(JSON.stringify(lines)).toBe(before);
    expect(packed[0]).toEqual({ kind: 'item', serviceName: 'Managed workstations', daily: { from: '2026-05-01', quantities: ['12.0000', '12.0000', '13.0000'], carried: [1] }, quantity: '12.3333' });
    expect(Object.keys(packed[0] ?? {})).toEqual(['kind', 'serviceName', 'daily', 'quantity']);
    expect(packed[1]).toBe(lines[1]);
    expect(packed[2]).toBe(lines[2]);
    // Nothing packs: the value itself.
    const plain = [lines[1], lines[2]];
    expect(packLinesDays(plain as unknown as Json)).toBe(plain);
    expect(packLinesDays(null)).toBe(null);
  });
});
