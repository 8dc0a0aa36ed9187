// The MSP profile, an account's billing details and a charge travel through a real local
// edge (wrangler dev on a fresh D1) from one browser to another, and a deleted charge too.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEdge, type EdgeServer } from '../../support/edge-server.ts';
import { TrueupDb } from '../../../web/src/lib/db/database.ts';
import { recordEdit } from '../../../web/src/lib/db/changes.ts';
import { loadConfig } from '../../../web/src/lib/db/config.ts';
import { deleteCharge, saveAccountBilling, saveCharges, saveProfile } from '../../../web/src/lib/db/billing-records.ts';
import { syncOnce } from '../../../web/src/lib/sync/client.ts';
import type { EdgeConnection } from '../../../web/src/lib/sync/edge.ts';

let edge: EdgeServer;
let conn: EdgeConnection;
let n = 0;
const browser = () => new TrueupDb(`billing-records-sync-${++n}-${Date.now()}`);

beforeAll(async () => {
  edge = await startEdge();
  conn = { baseUrl: edge.url, token: edge.adminToken };
});
afterAll(async () => {
  await edge?.stop();
});

describe('syncing the parties and charges', () => {
  it('given a profile, billing details and a credit in one browser, then another browser pulls the same, and a delete follows', async () => {
    const a = browser();
    const b = browser();
    await recordEdit(a, { table: 'accounts', id: 'acc-brass', fields: { name: 'Brass Building Supplies' } });
    await saveProfile(a, { name: 'Northwind IT', address: ['1 Main St'], paymentTermsDays: 30 });
    await saveAccountBilling(a, 'acc-brass', { legalName: 'Brass Building Supplies LLC', tax: { name: 'IL sales tax', rate: '6.25' } });
    await saveCharges(a, [{ id: 'chg-1', accountId: 'acc-brass', period: '2026-10', description: 'Goodwill credit', quantity: '1', unitPrice: '-50.00', taxable: false, unitCost: null, corrects: null }]);
    await syncOnce(a, conn);
    await syncOnce(b, conn);
    const pulled = await loadConfig(b);
    expect(pulled.profile).toEqual({ name: 'Northwind IT', address: ['1 Main St'], paymentTermsDays: 30 });
    expect(pulled.accounts).toEqual([{ id: 'acc-brass', name: 'Brass Building Supplies', billing: { legalName: 'Brass Building Supplies LLC', tax: { name: 'IL sales tax', rate: '6.25' } } }]);
    expect(pulled.charges.map((c) => `${c.description} ${c.unitPrice}`)).toEqual(['Goodwill credit -50.00']);

    await deleteCharge(b, 'chg-1');
    await syncOnce(b, conn);
    await syncOnce(a, conn);
    expect((await loadConfig(a)).charges).toEqual([]);
  });
});
