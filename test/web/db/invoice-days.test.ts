import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/dates/day.ts';
import type { DailyQuantity } from '../../../shared/schema/invoice.ts';
import { packLinesDays } from '../../../shared/invoice/packed-days.ts';
import type { Json } from '../../../shared/sync/merge.ts';
import { joinDaily, splitDaily } from '../../../web/src/lib/db/invoices.ts';
import type { InvoiceRow } from '../../../web/src/lib/db/rows.ts';

const may = (from: string, quantities: string[], flags: (i: number) => Partial<DailyQuantity> = () => ({})): DailyQuantity[] =>
  quantities.map((quantity, i) => ({ date: addDays(from, i), quantity, carried: false, estimated: false, ...flags(i) }));

describe('a posted line’s frozen days as IndexedDB keeps them', () => {
  it('splits an invoice’s days from its lines and joins them back whole', () => {
    const daily = may('2026-02-01', ['5', '5', '6']);
    const row = { id: 'inv-1', lines: [{ description: 'Managed workstations', daily }, { description: 'Setup fee' }] } as unknown as InvoiceRow;
    const split = splitDaily('inv-1', row.lines);
    expect(split.lines).toEqual([{ description: 'Managed workstations' }, { description: 'Setup fee' }]);
    expect(split.daily?.lines).toEqual([{ from: '2026-02-01', quantities: ['5', '5', '6'] }, null]);
    expect(joinDaily({ ...row, lines: split.lines }, split.daily ?? undefined)).toEqual(row);
  });

  it('stores a line that came with its days packed (from the edge’s snapshot) exactly as one that came with the list', () => {
    const daily = may('2026-02-01', ['5', '5', '6'], (i) => (i === 2 ? { estimated: true } : {}));
    const gap = [...may('2026-02-01', ['1']), ...may('2026-02-03', ['2'])];
    const lines = [{ description: 'Managed workstations', daily }, { description: 'Backup', daily: gap }, { description: 'Setup fee' }];
    const packed = packLinesDays(lines as unknown as Json) as unknown as InvoiceRow['lines'];
    expect((packed[0] as unknown as { daily: unknown }).daily).toEqual({ from: '2026-02-01', quantities: ['5', '5', '6'], estimated: [2] });
    expect(splitDaily('inv-1', packed)).toEqual(splitDaily('inv-1', lines as unknown as InvoiceRow['lines']));
  });

  it('keeps on the line, as it came, a `daily` that is neither a list of days nor packed days (it is joined back unchanged)', () => {
    const daily = may('2026-02-01', ['5']);
    const lines = [{ description: 'Odd', daily: null }, { description: 'Odder', daily: { days: 3 } }, null, { description: 'Managed workstations', daily }] as unknown as InvoiceRow['lines'];
    const split = splitDaily('inv-1', lines);
    expect(split.lines).toEqual([{ description: 'Odd', daily: null }, { description: 'Odder', daily: { days: 3 } }, null, { description: 'Managed workstations' }]);
    expect(split.daily?.lines).toEqual([null, null, null, { from: '2026-02-01', quantities: ['5'] }]);
    expect(joinDaily({ id: 'inv-1', lines: split.lines } as InvoiceRow, split.daily ?? undefined).lines).toEqual(lines);
  });
});
