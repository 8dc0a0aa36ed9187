import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { TrueupDb } from '../../../web/src/lib/db/database.ts';
import { importWorkspace, loadWorkspace } from '../../../web/src/lib/db/workspace.ts';
import { recordEdit } from '../../../web/src/lib/db/changes.ts';
import { loadConfig } from '../../../web/src/lib/db/config.ts';
import { parseOrThrow, ValidationError } from '../../../shared/schema/issues.ts';
import { workspace } from '../../../shared/schema/workspace.ts';
import { postInvoice } from '../../../shared/posting/post.ts';
import { uploadsEachDay } from '../../support/billing.ts';

let n = 0;
const fresh = () => new TrueupDb(`workspace-test-${++n}`);

const document = {
  version: 1,
  currency: 'EUR',
  enabledModules: ['datto-rmm'],
  accounts: [{ id: 'a1', name: 'Brass Building Supplies' }, { id: 'a2', name: 'Rosewood Real Estate' }],
  orgMappings: [{ module: 'datto-rmm', orgId: 's-17', accountId: 'a1' }],
  contracts: [{ id: 'c1', accountId: 'a1', name: 'Managed Services', startDate: '2026-01-01', services: [{ id: 's1', name: 'Monitoring', unitPrice: '5.00' }],
    serviceMappings: [{ module: 'datto-rmm', billingType: 'AllDevicesMetric', serviceId: 's1' }] }],
  uploads: [{ module: 'datto-rmm', date: '2026-10-01', orgs: [{ orgId: 's-17', name: 'Brass Building Supplies LLC', metrics: { AllDevicesMetric: 42 } }] }],
};

describe('workspace import and export', () => {
  it('given an imported document, exports the same workspace and queues every record for the edge', async () => {
    const db = fresh();
    await importWorkspace(db, document);
    const ws = await loadWorkspace(db);
    expect(ws.currency).toBe('EUR');
    expect(ws.accounts).toEqual(document.accounts);
    expect(ws.orgMappings).toEqual(document.orgMappings);
    expect(ws.contracts[0]?.services[0]?.billing).toBe('daily');
    expect(ws.uploads).toHaveLength(1);
    expect(await db.outbox.count()).toBeGreaterThanOrEqual(6);
    expect((await db.orgs.get(['datto-rmm', 's-17']))?.name).toBe('Brass Building Supplies LLC');

    const copy = fresh();
    await importWorkspace(copy, ws);
    expect(await loadWorkspace(copy)).toEqual(ws);
  });

  it('given a posted October (frozen days kept apart in IndexedDB), importing the same document again records nothing', async () => {
    const db = fresh();
    const posted = postInvoice(parseOrThrow(workspace, { ...document, uploads: uploadsEachDay('datto-rmm', '2026-10-01', '2026-10-31', () => ({ 's-17': { AllDevicesMetric: 42 } })) }, 'workspace'),
      'a1', '2026-10', { number: 'INV-0001', postedAt: '2026-11-02T09:00:00Z', id: 'inv-a1-2026-10', asOf: '2026-11-02' });
    expect(posted.invoices[0]?.lines[0]?.daily).toHaveLength(31);
    await importWorkspace(db, posted);
    const queued = await db.outbox.count();
    expect(await importWorkspace(db, posted)).toEqual({ changes: 0, uploads: 31 });
    expect(await db.outbox.count()).toBe(queued);
    expect((await loadWorkspace(db)).invoices[0]?.lines[0]?.daily).toHaveLength(31);
  });

  it('replaces what the document does not hold', async () => {
    const db = fresh();
    await importWorkspace(db, document);
    await recordEdit(db, { table: 'accounts', id: 'a3', fields: { name: 'Extra' } });
    await importWorkspace(db, { ...document, accounts: [document.accounts[0]], orgMappings: [], enabledModules: [] });
    const ws = await loadWorkspace(db);
    expect(ws.accounts.map((a) => a.id)).toEqual(['a1']);
    expect(ws.enabledModules).toEqual([]);
    expect(ws.orgMappings).toEqual([]);
  });

  it('rejects an invalid document with every problem by path and changes nothing', async () => {
    const db = fresh();
    await importWorkspace(db, document);
    const before = await loadWorkspace(db);
    const outbox = await db.outbox.count();
    const bad = { ...document, accounts: [{ id: 'a1', name: '' }], orgMappings: [{ module: 'datto-rmm', orgId: 's-17', accountId: 'nobody' }] };
    const error = await importWorkspace(db, bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual(expect.arrayContaining(['accounts[0].name', 'orgMappings[0].accountId']));
    expect(await loadWorkspace(db)).toEqual(before);
    expect(await db.outbox.count()).toBe(outbox);
  });
});

describe('the config the engine worker is sent', () => {
  it('carries each account\'s billing details and the MSP profile, so posting freezes them', async () => {
    const db = fresh();
    await importWorkspace(db, document);
    await recordEdit(db, { table: 'accounts', id: 'a1', fields: { billing: { legalName: 'Brass Building Supplies LLC', paymentTermsDays: 15, tax: { name: 'IL sales tax', rate: '6.25' } } } });
    await recordEdit(db, { table: 'settings', id: 'workspace', fields: { profile: { name: 'Northwind IT', address: ['1 Main St'], paymentTermsDays: 30 } } });
    const config = await loadConfig(db);
    expect(config.accounts[0]).toEqual({ id: 'a1', name: 'Brass Building Supplies', billing: { legalName: 'Brass Building Supplies LLC', paymentTermsDays: 15, tax: { name: 'IL sales tax', rate: '6.25' } } });
    expect(config.profile).toEqual({ name: 'Northwind IT', address: ['1 Main St'], paymentTermsDays: 30 });
    // No charges table in this database version: no charges, and no failure.
    expect(config.charges).toEqual([]);
  });
});
