// The Settings export and import as the transfer worker runs them, on a real (fake-indexeddb)
// database: the file written in pieces re-imports to the same workspace, plain or gzip; a
// file with a bad upload deep inside, or one that is not JSON, changes nothing.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { recordEdits } from '../../../web/src/lib/db/changes.ts';
import type { TrueupDb } from '../../../web/src/lib/db/database.ts';
import { emptyDatabases } from '../../support/test-db.ts';
import { uploadPages } from '../../../web/src/lib/db/upload-pages.ts';
import { countModuleDays } from '../../../web/src/lib/db/uploads.ts';
import { importWorkspace, loadWorkspace } from '../../../web/src/lib/db/workspace.ts';
import { transferApi } from '../../../web/src/lib/transfer/api.ts';
import { exportInvoices } from '../../../web/src/lib/transfer/export-document.ts';
import { workspace } from '../../../shared/schema/workspace.ts';
import { listIssues } from '../../../shared/schema/issues.ts';
import type { TransferProgress } from '../../../web/src/lib/transfer/progress.ts';

const fresh = emptyDatabases('transfer-test');

const day = (d: number) => `2026-10-${String(d).padStart(2, '0')}`;
// Brass (s-17) and Rosewood (s-18) on Datto RMM every day of October, Brass on Datto EDR too.
const uploads = [
  ...Array.from({ length: 31 }, (_, i) => ({ module: 'datto-rmm', date: day(i + 1), cursor: String(100 + i), orgs: [
    { orgId: 's-17', name: 'Brass Building Supplies LLC', metrics: { AllDevicesMetric: i < 15 ? 10 : 11, PrinterMetric: 2 } },
    { orgId: 's-18', name: 'Rosewood Real Estate', metrics: { AllDevicesMetric: '4.5' } },
  ] })),
  ...Array.from({ length: 31 }, (_, i) => ({ module: 'datto-edr', date: day(i + 1), orgs: [{ orgId: 'e-1', name: 'Brass', metrics: { TotalDevices: 9 } }] })),
];

const document = {
  version: 1, currency: 'USD',
  profile: { name: 'Northwind IT', address: ['1 Main St'], paymentTermsDays: 30 },
  enabledModules: ['datto-edr', 'datto-rmm'],
  accounts: [{ id: 'a1', name: 'Brass Building Supplies' }, { id: 'a2', name: 'Rosewood Real Estate' }],
  orgMappings: [{ module: 'datto-rmm', orgId: 's-17', accountId: 'a1' }, { module: 'datto-rmm', orgId: 's-18', accountId: 'a2' }],
  contracts: [{ id: 'c1', accountId: 'a1', name: 'Managed Services', startDate: '2026-01-01', endDate: null,
    services: [{ id: 's1', name: 'Desktop Monitoring', unitPrice: '5.00', unitCost: '1.20', billing: 'daily' }],
    serviceMappings: [{ module: 'datto-rmm', billingType: 'AllDevicesMetric', serviceId: 's1' }, { module: 'datto-rmm', billingType: 'PrinterMetric', ignore: true }] }],
  charges: [{ id: 'ch1', accountId: 'a1', period: '2026-10', description: 'Onboarding', quantity: '1', unitPrice: '250.00' }],
  invoices: [{
    id: 'a1/2026-09/1', accountId: 'a1', period: '2026-09', status: 'posted', number: 'INV-000001', subtotal: '50.00', taxes: [], total: '50.00',
    issueDate: '2026-10-01', dueDate: '2026-10-31', from: { name: 'Northwind IT', address: ['1 Main St'] }, billTo: { name: 'Brass Building Supplies' }, usageCursor: '31',
    lines: [{ kind: 'item', contractId: 'c1', serviceId: 's1', module: 'datto-rmm', period: '2026-09', quantity: '10.0000', amount: '50.00', cost: '12.00', estimated: false,
      unitPrice: '5.00', unitCost: '1.20', billing: 'daily', minimumQuantity: null, includedQuantity: null, tiers: null, tierMode: null, taxable: true,
      activeFrom: '2026-09-01', activeTo: '2026-09-30', sources: { orgIds: ['s-17'], billingTypes: ['AllDevicesMetric'] },
      // the frozen days, stored apart from the invoice row: the export must put them back
      daily: Array.from({ length: 30 }, (_, i) => ({ date: `2026-09-${String(i + 1).padStart(2, '0')}`, quantity: '10.0000', carried: i === 29, estimated: false })) }],
  }],
  uploads,
};

async function filled(): Promise<TrueupDb> {
  const db = fresh();
  await importWorkspace(db, document);
  return db;
}

function asFile(blob: Blob, name: string): File {
  return new File([blob], name);
}

describe('uploadPages', () => {
  it('reads every upload once, by module then date, a page at a time', async () => {
    const db = await filled();
    const pages: string[][] = [];
    for await (const page of uploadPages(db, 25)) pages.push(page.map((u) => `${u.module} ${u.date}`));
    // a page never holds more than asked (a page may stop at the end of a module)
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages.every((p) => p.length > 0 && p.length <= 25)).toBe(true);
    const all = pages.flat();
    expect(all[0]).toBe('datto-edr 2026-10-01');
    expect(all[30]).toBe('datto-edr 2026-10-31');
    expect(all[31]).toBe('datto-rmm 2026-10-01');
    expect(new Set(all).size).toBe(62);
    expect(all).toEqual([...all].sort());
  });
});

describe('exportInvoices', () => {
  it('reads every invoice still there once, a page at a time, leaving deleted ones out', async () => {
    const db = await filled();
    const [posted] = workspace.parse(document).invoices;
    if (!posted) throw new Error('fixture has an invoice');
    await db.invoices.bulkPut(['a1/2026-06/1', 'a1/2026-07/1', 'a1/2026-08/1', 'a2/2026-09/1'].map((id, i) => ({ ...posted, id, number: `INV-00000${i + 2}`, ...(i === 1 ? { deleted: true } : {}) })));
    const pages: string[][] = [];
    for await (const page of exportInvoices(db, 2)) pages.push(page.map((inv) => inv.id ?? ''));
    expect(pages).toEqual([['a1/2026-06/1'], ['a1/2026-08/1', 'a1/2026-09/1'], ['a2/2026-09/1']]);
    expect(pages.flat().every((id) => id !== '')).toBe(true);
  });
});

describe('workspace export and import through the transfer worker', () => {
  for (const gzip of [false, true]) {
    it(`exports ${gzip ? 'a gzip' : 'a JSON'} file that imports into a fresh browser as the same workspace`, async () => {
      const db = await filled();
      const exported: TransferProgress[] = [];
      const blob = await transferApi(db).exportToBlob(gzip, (p) => exported.push(p));
      expect(exported.at(-1)).toEqual({ phase: 'export', done: 62, total: 62 });
      const bytes = new Uint8Array(await blob.arrayBuffer());
      expect([bytes[0], bytes[1]]).toEqual(gzip ? [0x1f, 0x8b] : [0x7b, 0x0a]);
      if (!gzip) {
        const written = JSON.parse(new TextDecoder().decode(bytes)) as { invoices: { lines: { daily?: unknown[] }[] }[] };
        expect(written).toEqual(await loadWorkspace(db));
        expect(written.invoices[0]?.lines[0]?.daily).toHaveLength(30);
      }

      const copy = fresh();
      const imported: TransferProgress[] = [];
      const outcome = await transferApi(copy).importFile(asFile(blob, 'workspace.json'), (p) => imported.push(p));
      expect(outcome).toEqual({ ok: true, changes: 10, uploads: 62 });
      expect(imported.some((p) => p.phase === 'check')).toBe(true);
      expect(imported.filter((p) => p.phase === 'store').at(-1)).toEqual({ phase: 'store', done: 62, total: 62 });
      expect(await loadWorkspace(copy)).toEqual(await loadWorkspace(db));
      expect((await copy.orgs.get(['datto-rmm', 's-17']))?.name).toBe('Brass Building Supplies LLC');
      // the restore syncs: each of the 10 records (2 accounts, 2 mappings, a contract, 2 modules, the invoice, settings, the charge) is in the outbox
      expect(await copy.outbox.count()).toBe(10);
    });
  }

  it('refuses a file with a bad upload deep inside, naming it by path, and writes nothing', async () => {
    const db = fresh();
    const bad = structuredClone(document);
    const deep = bad.uploads[57];
    if (!deep) throw new Error('fixture has 62 uploads');
    deep.orgs = [{ orgId: 'e-1', name: 'Brass', metrics: { TotalDevices: 9 } }, { orgId: '', name: 'x', metrics: { TotalDevices: -1 } }];
    bad.accounts.push({ id: 'a1', name: 'Brass again' });
    const outcome = await transferApi(db).importFile(new File([JSON.stringify(bad)], 'bad.json'));
    expect(outcome).toEqual({ ok: false, problem: 'invalid', issues: [
      { path: 'uploads[57].orgs[1].orgId', message: 'must not be empty' },
      { path: 'uploads[57].orgs[1].metrics.TotalDevices', message: 'quantity must not be negative' },
      { path: 'accounts[2].id', message: 'duplicate account id "a1"' },
    ] });
    expect(await countModuleDays(db)).toBe(0);
    expect(await db.accounts.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('refuses a file that is not JSON, or a cut-short gzip, and writes nothing', async () => {
    const db = fresh();
    const notJson = await transferApi(db).importFile(new File(['{"version": 1, "accounts": [}'], 'x.json'));
    expect(notJson).toMatchObject({ ok: false, problem: 'unreadable', message: expect.stringMatching(/not valid JSON/) });
    const gzip = new Uint8Array(await (await transferApi(await filled()).exportToBlob(true)).arrayBuffer());
    const cut = await transferApi(db).importFile(new File([gzip.slice(0, gzip.length / 2)], 'cut.json.gz'));
    expect(cut).toMatchObject({ ok: false, problem: 'unreadable' });
    expect(await countModuleDays(db)).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('refuses a file with a bad invoice among good ones, naming it by path before the problems after it, and writes nothing', async () => {
    const db = fresh();
    const bad = structuredClone(document);
    const broken = structuredClone(bad.invoices[0]);
    if (!broken?.lines[0]) throw new Error('fixture has an invoice with a line');
    broken.id = 'a1/2026-08/1';
    broken.lines[0].daily[3] = { date: '2026-09-31', quantity: '10.0000', carried: false, estimated: false };
    bad.invoices.push(broken);
    bad.charges[0] = { ...document.charges[0], accountId: 'nobody' } as (typeof document.charges)[number];
    const outcome = await transferApi(db).importFile(new File([JSON.stringify(bad)], 'bad.json'));
    const expected = workspace.safeParse(bad);
    expect(outcome).toEqual({ ok: false, problem: 'invalid', issues: expected.success ? [] : listIssues(expected.error) });
    expect(outcome).toMatchObject({ issues: [{ path: 'invoices[1].lines[0].daily[3].date' }, { path: 'charges[0].accountId', message: 'unknown account "nobody"' }] });
    expect(await db.invoices.count()).toBe(0);
    expect(await countModuleDays(db)).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });
});

/** A posted invoice of the fixture for another record: its id, account and period. */
function postedFor(id: string, accountId: string, period: string, quantity: string): (typeof document.invoices)[number] {
  const [posted] = document.invoices;
  if (!posted) throw new Error('fixture has an invoice');
  const copy = structuredClone(posted);
  Object.assign(copy, { id, accountId, period });
  copy.lines = copy.lines.map((line) => ({ ...line, period, quantity, daily: line.daily.map((d) => ({ ...d, quantity })) }));
  return copy;
}

const HLC = /^\d{15}-\d{6}-.+$/;

/**
 * Every table of a database as plain data, with what is this browser's own and cannot match
 * another's put aside: its origin, the clock readings (each replaced by its rank, so the order
 * of the edits still counts) and the data version stamps (a restore in slices is one data
 * version per slice).
 */
async function contents(db: TrueupDb): Promise<Record<string, unknown[]>> {
  const raw: Record<string, unknown[]> = {};
  for (const table of db.tables) raw[table.name] = await table.toArray();
  const clocks: string[] = [];
  const walk = (value: unknown, visit: (text: string) => unknown): unknown => {
    if (typeof value === 'string') return visit(value);
    if (Array.isArray(value)) return value.map((v) => walk(v, visit));
    if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value)) {
      return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'seq' && key !== 'origin').map(([key, v]) => [key, walk(v, visit)]));
    }
    return value;
  };
  walk(raw, (text) => (HLC.test(text) ? clocks.push(text) : text));
  const rank = new Map([...new Set(clocks)].sort().map((text, i) => [text, `clock ${i}`]));
  const out = walk(raw, (text) => rank.get(text) ?? text) as Record<string, unknown[]>;
  // The outbox's own numbering counts too: keep it.
  out.outbox = raw.outbox?.map((row, i) => ({ at: i, ...(walk(row, (text) => rank.get(text) ?? text) as object) })) ?? [];
  out.meta = (out.meta ?? []).filter((row) => !['hlc', 'origin', 'dataVersion'].includes((row as { key: string }).key));
  return out;
}

describe('importing a file as it streams restores what a whole-document restore does', () => {
  // A browser that already holds a workspace: the import must change, revive and delete records as restoring the document whole does.
  async function before(): Promise<TrueupDb> {
    const db = fresh();
    await importWorkspace(db, { ...document, invoices: [...document.invoices, postedFor('a2/2026-07/1', 'a2', '2026-07', '4.0000'), postedFor('a2/2026-08/1', 'a2', '2026-08', '4.0000')] });
    await recordEdits(db, [{ table: 'invoices', id: 'a2/2026-08/1', fields: { deleted: true } }, { table: 'accounts', id: 'a3', fields: { name: 'Gone Ltd', deleted: true } }]);
    return db;
  }

  // 250 posted invoices (three slices), one changed, one deleted before and back, one no longer in the file; an account renamed,
  // one back, a mapping dropped; the profile changed and a charge added (recorded after the invoices).
  const periods = Array.from({ length: 125 }, (_, i) => `${2010 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  const file = {
    ...document,
    accounts: [{ id: 'a1', name: 'Brass Building Supplies Inc' }, document.accounts[1], { id: 'a3', name: 'Gone Ltd' }],
    orgMappings: [document.orgMappings[0]],
    profile: { ...document.profile, name: 'Northwind IT Services' },
    charges: [...document.charges, { id: 'ch2', accountId: 'a2', period: '2026-10', description: 'Travel', quantity: '1', unitPrice: '80.00' }],
    invoices: [
      postedFor('a1/2026-09/1', 'a1', '2026-09', '12.0000'),
      postedFor('a2/2026-08/1', 'a2', '2026-08', '4.0000'),
      ...periods.flatMap((p) => [postedFor(`a1/${p}/1`, 'a1', p, '3.0000'), postedFor(`a2/${p}/1`, 'a2', p, '5.0000')]),
    ],
  };

  for (const order of ['invoices before uploads, as exported', 'uploads before invoices']) {
    it(`gives the same records, changes and outbox as restoring the document whole (${order})`, async () => {
      const { invoices, uploads: fileUploads, ...head } = file;
      const text = JSON.stringify(order.startsWith('invoices') ? { ...head, invoices, uploads: fileUploads } : { ...head, uploads: fileUploads, invoices });
      const whole = await before();
      const expected = await importWorkspace(whole, JSON.parse(text));
      const streamed = await before();
      const outcome = await transferApi(streamed).importFile(new File([text], 'workspace.json'));
      expect(outcome).toEqual({ ok: true, ...expected });
      // a2/2026-07/1 deleted, a2/2026-08/1 back, 1 changed, 250 new; a1 renamed, a3 back, a mapping deleted; settings, a charge
      expect(expected.changes).toBe(1 + 1 + 1 + 250 + 1 + 1 + 1 + 1 + 1);
      expect(await contents(streamed)).toEqual(await contents(whole));
      expect((await streamed.invoices.get('a2/2026-07/1'))?.deleted).toBe(true);
      expect((await streamed.invoiceDaily.get('a1/2026-09/1'))?.lines).toEqual((await whole.invoiceDaily.get('a1/2026-09/1'))?.lines);
    });
  }

  it('keeps the last of two invoices of the same record, as restoring the document whole does', async () => {
    const voided = (total: string) => ({ accountId: 'a1', period: '2026-08', status: 'voided', number: null, total, lines: [] });
    const text = JSON.stringify({ ...document, invoices: [...document.invoices, voided('10.00'), voided('20.00')] });
    const whole = fresh();
    const expected = await importWorkspace(whole, JSON.parse(text));
    const streamed = fresh();
    expect(await transferApi(streamed).importFile(new File([text], 'workspace.json'))).toEqual({ ok: true, ...expected });
    expect((await streamed.invoices.get('a1:2026-08:voided'))?.total).toBe('20.00');
    expect(await streamed.invoices.toArray()).toEqual(await whole.invoices.toArray());
  });

  it('refuses a file whose invoices changed between the passes', async () => {
    const first = JSON.stringify(file);
    const second = JSON.stringify({ ...file, invoices: file.invoices.slice(0, 200) });
    let reads = 0;
    // A file that reads differently the second time (a browser refuses to read a file changed on disk; this is the check behind it).
    const changing = { size: first.length, stream: () => new Blob([reads++ === 0 ? first : second]).stream() } as unknown as Blob;
    const outcome = await transferApi(fresh()).importFile(changing);
    expect(outcome).toEqual({ ok: false, problem: 'invalid', issues: [{ path: 'invoices', message: 'changed while it was imported' }] });
  });
});
