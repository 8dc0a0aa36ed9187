/// <reference lib="dom" />
// The invoice an MSP sends, end to end: a tenant seeded through the real edge API (the
// change log carries the profile, an account's billing details, a contract and two posted
// invoices with frozen lines, parties and taxes, as a browser posting them would push
// them), opened in the app, printed to PDF on A4 and Letter, shared and read on a 390 px
// phone, exported to Xero and QuickBooks Online (every invoice's rows recompute to its
// subtotal and total), then voided: the link shows VOID and the next export reverses it.
// Every date is pinned: nothing depends on the day the test runs.
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startEdge, type EdgeServer } from '../support/edge-server.ts';
import { launchChromium } from '../support/chromium.ts';
import { parseCsv, recompute, type CsvRecord } from '../support/export-checks.ts';
import { amountUnits, formatAmount } from '../../shared/money/amount.ts';
import { formatHlc } from '../../shared/sync/hlc.ts';
import type { Invoice } from '../../shared/schema/invoice.ts';
import { AppPage } from './pages/app.ts';
import { InvoicePage } from './pages/invoice.ts';
import { SharedInvoicePage } from './pages/shared-invoice.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const ARTIFACTS = join(ROOT, 'test/artifacts');

const from = {
  name: 'Northwind IT', address: ['1 Main St', 'Springfield, IL 62701'], email: 'billing@northwind.example', phone: '+1 555 0100',
  taxId: '12-3456789', paymentTermsDays: 30, footer: 'Thank you for your business. Pay by ACH to account 000123456.',
};
const brassBilling = {
  legalName: 'Brass Building Supplies LLC', address: ['1 Foundry Rd', 'Suite 4', 'Springfield, IL 62704'], email: 'ap@brass.example',
  reference: 'PO-7781', paymentTermsDays: 15, tax: { name: 'IL sales tax', rate: '6.25' },
};

/** Brass's October as the engine posts it: a fixed fee from the 16th, 42 workstations, 12 backups on tiers, a goodwill credit, September's late usage. */
const brassOctober: Omit<Invoice, 'number'> & { id: string } = {
  id: 'inv-brass-2026-10', accountId: 'brass', accountName: 'Brass Building Supplies', period: '2026-10', status: 'posted', currency: 'USD',
  issueDate: '2026-11-02', dueDate: '2026-11-17', postedAt: '2026-11-02T09:00:00.000Z', usageCursor: '120',
  from, billTo: { name: 'Brass Building Supplies', ...brassBilling },
  lines: [
    { kind: 'item', contractId: 'c-brass', serviceId: 'managed', module: null, period: '2026-10', serviceName: 'Managed services', billing: 'fixed',
      unitPrice: '1500.00', quantity: '1.0000', amount: '774.19', basis: '1 × 1500.00 × 16/31 days', taxable: true,
      activeFrom: '2026-10-16', activeTo: '2026-10-31', cost: null, estimated: false },
    { kind: 'item', contractId: 'c-brass', serviceId: 'workstations', module: 'datto-rmm', moduleName: 'Datto RMM', period: '2026-10', serviceName: 'Workstations',
      billing: 'daily', unitPrice: '5.00', quantity: '42.0000', amount: '210.00', taxable: true, cost: null, estimated: false },
    { kind: 'item', contractId: 'c-brass', serviceId: 'backup', module: 'datto-rmm', moduleName: 'Datto RMM', period: '2026-10', serviceName: 'Backup (a long service name that has to wrap on a phone screen)',
      billing: 'peak', unitPrice: '0', quantity: '12.0000', amount: '163.00', basis: '10 × 12.00 + 25.00 + 2 × 9.00 (graduated)', taxable: true, cost: null, estimated: false },
    { kind: 'charge', chargeId: 'ch-goodwill', module: null, period: '2026-10', description: 'Goodwill credit for the October outage', unitPrice: '-50.00',
      quantity: '1.0000', amount: '-50.00', taxable: false, corrects: null, cost: null, estimated: false },
    { kind: 'adjustment', contractId: 'c-brass', serviceId: 'workstations', module: 'datto-rmm', moduleName: 'Datto RMM', period: '2026-09', serviceName: 'Workstations',
      unitPrice: '5.00', quantity: '2.0000', oldQuantity: '40.0000', newQuantity: '42.0000', amount: '9.67', basis: '2 × 5.00 × 29/30 days', taxable: true, cost: null, estimated: false },
  ],
  // 774.19 + 210.00 + 163.00 − 50.00 + 9.67 = 1,106.86; 6.25 % of the taxable 1,156.86 = 72.30375 → 72.30.
  subtotal: '1106.86', taxes: [{ name: 'IL sales tax', rate: '6.25', taxable: '1156.86', amount: '72.30' }], total: '1179.16',
};

/** Rosewood's October: an exempt account credited for a refund, so a credit note. */
const rosewoodCredit: Omit<Invoice, 'number'> & { id: string } = {
  id: 'inv-rosewood-2026-10', accountId: 'rosewood', accountName: 'Rosewood Dental', period: '2026-10', status: 'posted', currency: 'USD',
  issueDate: '2026-11-03', dueDate: '2026-12-03', postedAt: '2026-11-03T09:00:00.000Z', from,
  billTo: { name: 'Rosewood Dental', tax: null },
  lines: [{ kind: 'charge', chargeId: 'ch-refund', module: null, period: '2026-10', description: '=Refund of the September hardware order',
    unitPrice: '-120.00', quantity: '2.0000', amount: '-240.00', taxable: true, corrects: null, cost: null, estimated: false }],
  subtotal: '-240.00', taxes: [], total: '-240.00', creditNote: true,
};

let edge: EdgeServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let app: AppPage;
let invoices: InvoicePage;
let shareUrl = '';
const pageErrors: string[] = [];

async function push(changes: { table: string; id: string; fields: Record<string, unknown> }[]): Promise<Record<string, string>> {
  // The change clock only orders edits; the edge refuses clocks ahead of its own, so it is the real time.
  const now = Date.now();
  const response = await fetch(`${edge.url}/v1/changes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${edge.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ changes: changes.map((c, i) => ({ ...c, hlc: formatHlc({ millis: now, counter: i, origin: 'e2e-seed' }), origin: 'e2e-seed' })) }),
  });
  if (response.status !== 200) throw new Error(`seeding answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { numbers: Record<string, string> }).numbers;
}

/** Renders the pages of a PDF to PNGs when poppler's pdftoppm is installed (the test never needs it). */
function pdfToPngs(pdf: string, prefix: string): void {
  try {
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, prefix], { stdio: 'ignore' });
  } catch {
    // no pdftoppm on this machine: the PDF itself is the artifact
  }
}

function checkRecompute(rows: CsvRecord[], columns: { number: string; quantity: string; unit: string; amount?: string }) {
  const sums = recompute(rows, columns);
  for (const invoice of [brassOctober, rosewoodCredit]) {
    const number = invoice.id === brassOctober.id ? 'INV-000001' : 'INV-000002';
    expect(sums.get(number), number).toBe(invoice.subtotal);
    const tax = (invoice.taxes ?? []).reduce((sum, t) => sum + amountUnits(t.amount, 'USD'), 0n);
    expect(formatAmount(amountUnits(sums.get(number) ?? '0', 'USD') + tax, 'USD'), `${number} total`).toBe(invoice.total);
  }
}

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  edge = await startEdge({ tenantName: 'Northwind IT' });
  await push([
    { table: 'settings', id: 'workspace', fields: { currency: 'USD', profile: { ...from, export: { dateFormat: 'MM/DD/YYYY', incomeAccountCode: '4000', exemptTaxName: 'Tax Exempt' } } } },
    { table: 'accounts', id: 'brass', fields: { name: 'Brass Building Supplies', billing: brassBilling } },
    { table: 'accounts', id: 'rosewood', fields: { name: 'Rosewood Dental', billing: { tax: null } } },
    { table: 'enabledModules', id: 'datto-rmm', fields: { enabled: true } },
    { table: 'orgMappings', id: 'datto-rmm:r-brass', fields: { module: 'datto-rmm', orgId: 'r-brass', accountId: 'brass' } },
    { table: 'contracts', id: 'c-brass', fields: { accountId: 'brass', name: 'Managed Services', startDate: '2026-10-16', endDate: null,
      serviceMappings: [{ module: 'datto-rmm', billingType: 'AllDevicesMetric', serviceId: 'workstations' }], services: [
      { id: 'managed', name: 'Managed services', billing: 'fixed', unitPrice: '1500.00', quantity: '1' },
      { id: 'workstations', name: 'Workstations', billing: 'daily', unitPrice: '5.00', accountCode: '4100' },
      { id: 'backup', name: 'Backup (a long service name that has to wrap on a phone screen)', billing: 'peak', unitPrice: '0', tierMode: 'graduated',
        tiers: [{ upTo: '10', unitPrice: '12.00', flatFee: '25.00' }, { upTo: null, unitPrice: '9.00' }] }] } },
  ]);
  // October's device counts for Brass: 42 a day (what a pending invoice is computed from once October's post is voided)
  const csv = ['date,orgId,orgName,billingType,quantity', ...Array.from({ length: 31 }, (_, i) => `2026-10-${String(i + 1).padStart(2, '0')},r-brass,Brass Building Supplies,AllDevicesMetric,42`)].join('\n');
  const uploaded = await fetch(`${edge.url}/v1/uploads?module=datto-rmm`, { method: 'POST', headers: { authorization: `Bearer ${edge.adminToken}`, 'content-type': 'text/csv' }, body: csv });
  if (!uploaded.ok) throw new Error(`uploading October answered ${uploaded.status}: ${await uploaded.text()}`);
  const { id: brassId, ...brassFields } = brassOctober;
  const { id: roseId, ...roseFields } = rosewoodCredit;
  const numbers = await push([{ table: 'invoices', id: brassId, fields: brassFields }, { table: 'invoices', id: roseId, fields: roseFields }]);
  expect(numbers).toEqual({ [brassId]: 'INV-000001', [roseId]: 'INV-000002' });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  app = new AppPage(page, edge.url);
  invoices = new InvoicePage(page);
  await app.open(edge.adminToken);
  await app.waitSynced();
});

afterEach(async (test) => {
  if (test.task.result?.state === 'fail') await page.screenshot({ path: join(ARTIFACTS, `failed-invdoc-${test.task.name.slice(0, 40).replace(/\W+/g, '-')}.png`), fullPage: true });
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await edge?.stop();
});

describe('the invoice an MSP sends', () => {
  it('opens Brass\'s posted October with parties, dates, terms, grouped lines with basis, tax and total', async () => {
    await app.nav('Invoices');
    await invoices.openByNumber('INV-000001');
    const text = (await invoices.document().textContent()) ?? '';
    for (const expected of ['Northwind IT', 'Tax ID 12-3456789', 'Brass Building Supplies LLC', 'PO-7781', 'Invoice no.INV-000001',
      'Issue date2 Nov 2026', 'Due date17 Nov 2026', 'TermsNet 15 days', 'Fixed fees and charges', 'Datto RMM',
      '1 × 1500.00 × 16/31 days', '10 × 12.00 + 25.00 + 2 × 9.00 (graduated)', 'Adjustment for September 2026: quantity 40 → 42',
      '-$50.00', '$1,106.86', 'IL sales tax 6.25% on $1,156.86', '$72.30', '$1,179.16', 'Thank you for your business.']) expect(text).toContain(expected);
    expect(await invoices.document().getAttribute('data-status')).toBe('posted');
    await page.screenshot({ path: join(ARTIFACTS, 'invdoc-invoice.png'), fullPage: true });
  });

  it('prints to PDF on A4 and Letter', async () => {
    await page.emulateMedia({ media: 'print' });
    for (const format of ['A4', 'Letter'] as const) {
      const pdf = join(ARTIFACTS, `invdoc-${format}.pdf`);
      const bytes = await page.pdf({ path: pdf, format, printBackground: true });
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      pdfToPngs(pdf, join(ARTIFACTS, `invdoc-${format}`));
    }
    expect(await page.locator('header.top').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
  });

  it('shares the invoice; the link reads well on a 390 px phone', async () => {
    shareUrl = await invoices.share();
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const shared = new SharedInvoicePage(await phone.newPage());
    expect(await shared.open(shareUrl)).toBe(200);
    const text = await shared.text();
    for (const expected of ['INV-000001', 'Brass Building Supplies LLC', '$1,179.16', 'IL sales tax 6.25% on $1,156.86', '1 × 1500.00 × 16/31 days']) expect(text).toContain(expected);
    expect(await shared.mark()).toBeNull();
    expect(await shared.layoutProblems()).toEqual([]);
    await shared.page.screenshot({ path: join(ARTIFACTS, 'invdoc-shared-390.png'), fullPage: true });
    await phone.close();
  });

  it('exports Xero and QuickBooks Online CSVs whose rows recompute to each invoice\'s subtotal and total', async () => {
    await app.nav('Invoices');
    const xero = parseCsv(await invoices.exportCsv('xero'));
    expect(xero.header[0]).toBe('*ContactName');
    checkRecompute(xero.rows, { number: '*InvoiceNumber', quantity: '*Quantity', unit: '*UnitAmount' });
    expect(xero.rows.find((r) => r['*InvoiceNumber'] === 'INV-000002')?.['*Description']).toBe('\'=Refund of the September hardware order');
    const qbo = parseCsv(await invoices.exportCsv('qbo', { from: '2026-11-01', to: '2026-11-30' }));
    expect(qbo.header[0]).toBe('Invoice number');
    checkRecompute(qbo.rows, { number: 'Invoice number', quantity: 'Item quantity', unit: 'Item rate', amount: 'Item amount' });
    // both were exported to Xero: nothing is left "not yet exported"
    await page.getByTestId('export').getByRole('combobox', { name: 'Export for' }).selectOption('xero');
    await page.getByTestId('export').getByRole('combobox', { name: 'Invoices' }).selectOption('pending');
    await page.getByTestId('export').getByRole('button', { name: 'Export CSV' }).click();
    await page.getByRole('status').filter({ hasText: 'Nothing new to export' }).waitFor();
  });

  it('voids the invoice: the app and the link show VOID with nothing due, and the next Xero export reverses it', async () => {
    await invoices.openByNumber('INV-000001');
    await invoices.voidIt();
    expect(await page.getByTestId('invoice-notice').textContent()).toContain('Nothing is due');
    await expect.poll(async () => (await fetch(shareUrl).then((r) => r.text())).includes('<div class="mark" aria-hidden="true">VOID</div>'), { timeout: 60_000, interval: 1000 }).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'invdoc-void.png'), fullPage: true });
    // the voided invoice still offers to revoke its link
    expect(await page.getByRole('button', { name: 'Revoke link' }).isVisible()).toBe(true);

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true });
    const shared = new SharedInvoicePage(await phone.newPage());
    expect(await shared.open(shareUrl)).toBe(200);
    expect(await shared.mark()).toBe('VOID');
    expect(await shared.text()).toContain('Nothing — void');
    await shared.page.screenshot({ path: join(ARTIFACTS, 'invdoc-shared-void-390.png'), fullPage: true });
    await phone.close();

    await app.nav('Invoices');
    await page.locator('tr[data-invoice="inv-brass-2026-10"]').getByText('reversal not yet exported').waitFor();
    const reversal = parseCsv(await invoices.exportCsv('xero'));
    expect([...new Set(reversal.rows.map((r) => r['*InvoiceNumber']))]).toEqual(['CN-INV-000001']);
    expect(recompute(reversal.rows, { number: '*InvoiceNumber', quantity: '*Quantity', unit: '*UnitAmount' }).get('CN-INV-000001')).toBe('-1106.86');
  });

  it('previews Brass\'s October, pending again after the void, and shares the preview', async () => {
    const url = await invoices.sharePreview('Brass Building Supplies', '2026-10');
    // 42 workstations × $5.00 for the 16 days from the contract's start: 42 × 5.00 × 16/31 = 108.39
    expect(await invoices.document().textContent()).toContain('$108.39');
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true });
    const shared = new SharedInvoicePage(await phone.newPage());
    expect(await shared.open(url)).toBe(200);
    expect(await shared.mark()).toBe('PREVIEW');
    const text = await shared.text();
    expect(text).toContain('Preview — not an invoice, figures as of ');
    expect(text).toContain('$108.39');
    // the parties as they are now: Settings' profile and Brass's billing details, terms included
    for (const expected of ['Tax ID 12-3456789', 'Brass Building Supplies LLC', '1 Foundry Rd', 'Net 15 days']) expect(text).toContain(expected);
    expect(await shared.layoutProblems()).toEqual([]);
    await shared.page.screenshot({ path: join(ARTIFACTS, 'invdoc-preview-390.png'), fullPage: true });
    await phone.close();
  });
});
