import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { TrueupDb } from '../../../web/src/lib/db/database.ts';
import { loadConfig } from '../../../web/src/lib/db/config.ts';
import { importWorkspace, loadWorkspace } from '../../../web/src/lib/db/workspace.ts';
import { recordEdit } from '../../../web/src/lib/db/changes.ts';
import { accountCharges, deleteCharge, saveAccountBilling, saveCharges, saveProfile } from '../../../web/src/lib/db/billing-records.ts';
import type { Charge } from '../../../shared/schema/workspace.ts';

let n = 0;
const fresh = () => new TrueupDb(`billing-records-test-${++n}`);

const onboarding: Charge = { id: 'ch1', accountId: 'a1', period: '2026-10', description: 'Onboarding', quantity: '1', unitPrice: '250.00', taxable: true, unitCost: null, corrects: null };
const goodwill: Charge = { id: 'ch2', accountId: 'a1', period: '2026-10', description: 'Goodwill credit', quantity: '1', unitPrice: '-50.00', taxable: false, unitCost: null, corrects: null };

async function withAccount(db: TrueupDb): Promise<void> {
  await recordEdit(db, { table: 'accounts', id: 'a1', fields: { name: 'Brass Building Supplies' } });
}

describe('profile, account billing details and charges in the browser database', () => {
  it('given a profile, billing details and two charges, then the engine config carries them and every edit is queued for the edge', async () => {
    const db = fresh();
    await withAccount(db);
    await saveProfile(db, { name: 'Northwind IT', address: ['1 Main St', 'Springfield, IL 62701'], paymentTermsDays: 30, export: { dateFormat: 'DD/MM/YYYY', incomeAccountCode: '200' } });
    await saveAccountBilling(db, 'a1', { legalName: 'Brass Building Supplies LLC', reference: 'PO-7781', tax: { name: 'IL sales tax', rate: '6.25' } });
    await saveCharges(db, [onboarding, goodwill]);

    const config = await loadConfig(db);
    expect(config.profile).toEqual({ name: 'Northwind IT', address: ['1 Main St', 'Springfield, IL 62701'], paymentTermsDays: 30, export: { dateFormat: 'DD/MM/YYYY', incomeAccountCode: '200' } });
    expect(config.accounts).toEqual([{ id: 'a1', name: 'Brass Building Supplies', billing: { legalName: 'Brass Building Supplies LLC', reference: 'PO-7781', tax: { name: 'IL sales tax', rate: '6.25' } } }]);
    expect(config.charges).toEqual([onboarding, goodwill]);
    const queued = (await db.outbox.toArray()).map((r) => `${r.change.table}:${r.change.id}`);
    expect(queued).toEqual(['accounts:a1', 'settings:workspace', 'accounts:a1', 'charges:ch1', 'charges:ch2']);
  });

  it('a deleted charge leaves the config, and a charge of a deleted account is not billed', async () => {
    const db = fresh();
    await withAccount(db);
    await saveCharges(db, [onboarding, goodwill]);
    await deleteCharge(db, 'ch1');
    expect((await loadConfig(db)).charges.map((c) => c.id)).toEqual(['ch2']);
    expect((await accountCharges(db, 'a1')).map((c) => c.description)).toEqual(['Goodwill credit']);
    await recordEdit(db, { table: 'accounts', id: 'a1', fields: { deleted: true } });
    expect((await loadConfig(db)).charges).toEqual([]);
  });

  it('an exempt account (tax null) keeps null, not "no tax given"', async () => {
    const db = fresh();
    await withAccount(db);
    await saveAccountBilling(db, 'a1', { tax: null });
    expect((await loadConfig(db)).accounts[0]?.billing).toEqual({ tax: null });
  });

  it('a workspace with profile, billing and charges survives export and import', async () => {
    const db = fresh();
    await importWorkspace(db, {
      version: 1,
      profile: { name: 'Northwind IT', email: 'billing@northwind.example' },
      accounts: [{ id: 'a1', name: 'Brass', billing: { legalName: 'Brass LLC', paymentTermsDays: 15, tax: null } }],
      charges: [onboarding],
    });
    const ws = await loadWorkspace(db);
    expect(ws.profile).toEqual({ name: 'Northwind IT', address: [], email: 'billing@northwind.example' });
    expect(ws.accounts[0]?.billing).toEqual({ legalName: 'Brass LLC', paymentTermsDays: 15, tax: null });
    expect(ws.charges).toEqual([onboarding]);
    const copy = fresh();
    await importWorkspace(copy, ws);
    expect(await loadWorkspace(copy)).toEqual(ws);
    // importing it again changes nothing
    const before = await copy.outbox.count();
    await importWorkspace(copy, ws);
    expect(await copy.outbox.count()).toBe(before);
  });

  it('a browser holding a version 1 database upgrades to the charges table and keeps its records', async () => {
    const name = `billing-records-upgrade-${++n}`;
    const old = new Dexie(name);
    old.version(1).stores({
      accounts: 'id, name', orgMappings: 'id, module, accountId', contracts: 'id, accountId', enabledModules: 'id', modules: 'id',
      invoices: 'id, accountId, period, status', settings: 'id', uploads: '[module+date], module, date', orgs: '[module+orgId], module',
      outbox: '++seq', clocks: '[table+id]', meta: 'key',
    });
    await old.table('accounts').put({ id: 'a1', name: 'Brass' });
    old.close();
    const db = new TrueupDb(name);
    expect(await db.accounts.get('a1')).toEqual({ id: 'a1', name: 'Brass' });
    expect(await db.charges.count()).toBe(0);
    await saveCharges(db, [onboarding]);
    expect((await db.charges.where('period').equals('2026-10').toArray()).map((c) => c.id)).toEqual(['ch1']);
  });
});
