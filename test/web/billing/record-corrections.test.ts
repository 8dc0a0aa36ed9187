import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { TrueupDb } from '../../../web/src/lib/db/database.ts';
import { recordEdit } from '../../../web/src/lib/db/changes.ts';
import { loadConfig } from '../../../web/src/lib/db/config.ts';
import { recordCorrections } from '../../../web/src/lib/billing/record-corrections.ts';
import type { Correction } from '../../../web/src/lib/billing/corrections.ts';

let n = 0;

/** Cobalt's org was mapped to Brass all along: September and October were posted to the wrong client. */
const corrections: Correction[] = [
  { accountId: 'brass', period: '2026-09', posted: '1245.00', recomputed: '1200.00', delta: '-45.00',
    charge: { id: 'corr-brass-2026-09', accountId: 'brass', period: '2026-11', description: 'Correction of September 2026', quantity: '1', unitPrice: '-45.00', taxable: true, unitCost: null, corrects: '2026-09' } },
  { accountId: 'cobalt', period: '2026-09', posted: '0.00', recomputed: '45.00', delta: '45.00',
    charge: { id: 'corr-cobalt-2026-09', accountId: 'cobalt', period: '2026-11', description: 'Correction of September 2026', quantity: '1', unitPrice: '45.00', taxable: true, unitCost: null, corrects: '2026-09' } },
];

describe('recording corrections of posted months', () => {
  it('records one charge per account and period on the next open invoice, and confirming again records nothing new', async () => {
    const db = new TrueupDb(`record-corrections-${++n}`);
    await recordEdit(db, { table: 'accounts', id: 'brass', fields: { name: 'Brass Building Supplies' } });
    await recordEdit(db, { table: 'accounts', id: 'cobalt', fields: { name: 'Cobalt Dental' } });
    expect(await recordCorrections(db, corrections)).toBe(2);
    expect((await loadConfig(db)).charges.map((c) => `${c.accountId} ${c.period} ${c.unitPrice} corrects ${c.corrects}`))
      .toEqual(['brass 2026-11 -45.00 corrects 2026-09', 'cobalt 2026-11 45.00 corrects 2026-09']);
    const queued = await db.outbox.count();
    expect(await recordCorrections(db, corrections)).toBe(0);
    expect(await db.outbox.count()).toBe(queued);
  });

  it('a correction whose charge was deleted, or changed since, is recorded again', async () => {
    const db = new TrueupDb(`record-corrections-${++n}`);
    await recordEdit(db, { table: 'accounts', id: 'brass', fields: { name: 'Brass Building Supplies' } });
    await recordCorrections(db, corrections.slice(0, 1));
    await recordEdit(db, { table: 'charges', id: 'corr-brass-2026-09', fields: { deleted: true } });
    expect(await recordCorrections(db, corrections.slice(0, 1))).toBe(1);
    expect((await loadConfig(db)).charges.map((c) => c.id)).toEqual(['corr-brass-2026-09']);
  });
});
