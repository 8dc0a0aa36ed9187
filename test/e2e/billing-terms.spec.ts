/// <reference lib="dom" />
// The invoice an MSP can send, set up as the admin does it, on a pinned day: the business
// profile and an account's billing details (bad input refused first), a contract with a
// fixed fee starting mid-month and a tiered service, a credit, Approve & Post all through
// its confirmation (the $0.00 invoice left out), then a price change after posting that
// leaves the posted month and the next invoice without any adjustment.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startEdge, type EdgeServer } from '../support/edge-server.ts';
import { RUN_NOW } from '../support/clock.ts';
import { launchChromium } from '../support/chromium.ts';
import { loadDemo } from '../../scripts/demo/load.ts';
import { addDays, addMonths, periodOf } from '../../shared/dates/index.ts';
import { amountUnits, formatAmount } from '../../shared/money/amount.ts';
import { AppPage } from './pages/app.ts';
import { ModulesPage } from './pages/modules.ts';
import { MappingPage } from './pages/mapping.ts';
import { exportAndBill as exportAndBillFrom } from './pages/workspace-bill.ts';
import { AccountPage } from './pages/contract.ts';
import { BillingPage } from './pages/billing.ts';
import { BusinessProfilePage } from './pages/business-profile.ts';
import { BillingDetailsPage } from './pages/billing-details.ts';
import { ServiceEditor } from './pages/service-editor.ts';
import { ChargesPanel } from './pages/charges.ts';
import { PostAllDialog } from './pages/post-all-dialog.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const ARTIFACTS = join(ROOT, 'test/artifacts');
// The day the whole run happens on, whatever the machine's date: the browser's clock is
// pinned to it and the demo ends the day before.
const PINNED = '2026-11-12';
const CURRENT = periodOf(PINNED);
const PREVIOUS = addMonths(CURRENT, -1);
const ACCOUNT = 'Brass Building Supplies';
/** An account billed $0.00 (a free monitoring service), which Post all leaves out: the first other one with organizations mapped. */
let FREE_ACCOUNT = '';

/** A 1×1 PNG. */
const SMALL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let edge: EdgeServer;
let files: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let app: AppPage;
let billing: BillingPage;
let postedNumber = '';
let postedTotal = '';
const pageErrors: string[] = [];

/** The workspace as the app exports it, and what `trueup bill` computes from it as of the pinned day. */
const exportAndBill = (name: string, period: string) => exportAndBillFrom(app, page, files, name, period, PINNED);

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  files = await mkdtemp(join(tmpdir(), 'trueup-billing-terms-e2e-'));
  edge = await startEdge();
  await loadDemo(edge.url, edge.adminToken, { lastDay: addDays(PINNED, -1), days: 75, now: RUN_NOW });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  // time flows from noon of the pinned day, in the machine's calendar (the app reads it)
  await context.clock.install({ time: new Date(`${PINNED}T12:00:00`).getTime() });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  app = new AppPage(page, edge.url);
  billing = new BillingPage(page);
});

afterEach(async (test) => {
  if (test.task.result?.state === 'fail') await page.screenshot({ path: join(ARTIFACTS, `failed-terms-${test.task.name.slice(0, 40).replace(/\W+/g, '-')}.png`), fullPage: true });
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await edge?.stop();
  if (files) await rm(files, { recursive: true, force: true });
});

describe('the invoice an MSP can send: parties, fixed fees, tiers, credits, Post all', () => {
  it('sets up: modules enabled and organizations mapped', async () => {
    await app.open(edge.adminToken);
    await app.waitSynced();
    await app.nav('Modules');
    await new ModulesPage(page).enable('Datto RMM');
    await app.nav('Org mapping');
    const mapping = new MappingPage(page);
    await mapping.showSuggestions();
    await expect.poll(() => mapping.suggestions().count(), { timeout: 30_000 }).toBeGreaterThan(10);
    expect(await mapping.acceptAllAbove(0.8)).toBeGreaterThan(10);
    await mapping.save();
  });

  it('refuses a 2 MB logo naming the field and saving nothing, then saves the business profile', async () => {
    await app.nav('Settings');
    const business = new BusinessProfilePage(page);
    await business.fill({
      name: 'Northwind IT', address: ['1 Main St', 'Springfield, IL 62701'], email: 'billing@northwind.example', phone: '+1 555 0100',
      taxId: '12-3456789', terms: '30', footer: 'Thank you for your business.', dateFormat: 'MM/DD/YYYY', incomeAccountCode: '200', exemptTaxName: 'Tax Exempt',
    });
    await business.chooseLogo('big-logo.png', Buffer.concat([SMALL_PNG, Buffer.alloc(2 * 1024 * 1024)]));
    await business.save();
    expect(await business.errors()).toEqual(['Logo must be at most 200 KB']);
    // nothing was saved: a fresh Settings screen has no business name
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await business.form().waitFor();
    expect(await business.form().getByLabel('Business name').inputValue()).toBe('');

    await business.fill({
      name: 'Northwind IT', address: ['1 Main St', 'Springfield, IL 62701'], email: 'billing@northwind.example', phone: '+1 555 0100',
      taxId: '12-3456789', terms: '30', footer: 'Thank you for your business.', dateFormat: 'DD/MM/YYYY', incomeAccountCode: '200', exemptTaxName: 'Tax Exempt',
    });
    await business.chooseLogo('logo.png', SMALL_PNG);
    await business.save();
    await business.saved();
    await business.form().getByRole('img', { name: 'Logo' }).waitFor();
    await business.form().screenshot({ path: join(ARTIFACTS, 'terms-business-profile.png') });
  });

  it("refuses a tax rate of \"abc\" naming it, then saves the account's billing details", async () => {
    await app.nav('Accounts');
    await new AccountPage(page).openFromList(ACCOUNT);
    const details = new BillingDetailsPage(page);
    const input = { legalName: 'Brass Building Supplies LLC', address: ['9 Dock Rd', 'Springfield, IL 62702'], email: 'ap@brass.example', reference: 'PO-7781', terms: '15' };
    await details.fill({ ...input, tax: { name: 'IL sales tax', rate: 'abc' } });
    await details.save();
    expect(await details.errors()).toEqual(['Tax rate must be a percentage written as a decimal string such as "6.25"']);
    await details.fill({ ...input, tax: { name: 'IL sales tax', rate: '6.25' } });
    await details.save();
    await details.saved();
    await details.form().screenshot({ path: join(ARTIFACTS, 'terms-billing-details.png') });
  });

  it('creates a contract with a fixed fee starting mid-month and a tiered service, refusing tiers out of order first', async () => {
    await page.getByRole('button', { name: 'New contract' }).click();
    const form = page.getByRole('form', { name: 'New contract' });
    await form.getByLabel('Contract name').fill('Managed Services');
    await form.getByLabel('Start').fill(`${PREVIOUS}-16`);
    const services = [
      { name: 'Managed services', unitPrice: '1500.00', mode: 'Fixed fee' },
      { name: 'Workstations', unitPrice: '', mode: 'Daily (prorated)' },
      { name: 'Servers', unitPrice: '25.00', unitCost: '9.50', mode: 'Peak' },
    ];
    for (let i = 0; i < services.length; i++) {
      if (i > 0) await form.getByRole('button', { name: 'Add service' }).click();
      const row = form.locator(`[data-service-row="${i}"]`);
      const service = services[i];
      if (!service) continue;
      await row.getByLabel('Service name').fill(service.name);
      await row.getByLabel('Billing mode').selectOption({ label: service.mode });
      await row.getByLabel('Unit price').fill(service.unitPrice);
      if (service.unitCost) await row.getByLabel('Unit cost').fill(service.unitCost);
    }
    const editor = new ServiceEditor(page, 'New contract');
    await editor.setQuantity('Managed services', '1');
    await editor.setTiers('Workstations', [{ upTo: '10', unitPrice: '5.00', flatFee: '25.00' }, { upTo: '5', unitPrice: '4.50' }, { upTo: null, unitPrice: '4.00' }], 'Graduated');
    await editor.save();
    expect(await editor.errors()).toEqual(['Tier 2 up to: tiers must be in strictly ascending order of upTo']);
    await editor.setTiers('Workstations', [{ upTo: '10', unitPrice: '5.00', flatFee: '25.00' }, { upTo: null, unitPrice: '4.00' }], 'Graduated');
    // each option says what it does
    const help = (await (await editor.row('Workstations')).textContent()) ?? '';
    expect(help).toContain('Graduated: each unit is priced in its own band');
    expect(help).toContain('Units a day included free');
    expect((await (await editor.row('Managed services')).textContent()) ?? '').toContain('How many of the fee each month');
    await editor.save();
    await page.getByRole('tab', { name: 'Service mapping' }).waitFor();
  });

  it('maps usage to the usage services; the fixed fee is not offered to billing types', async () => {
    const account = new AccountPage(page);
    await account.mappingTab();
    const options = await account.row('datto-rmm', 'DesktopLaptopMetric').getByRole('combobox').locator('option').allTextContents();
    expect(options.map((o) => o.trim())).toEqual(['— not mapped —', 'Workstations', 'Servers', 'Ignore']);
    await account.map('datto-rmm', 'DesktopLaptopMetric', 'Workstations');
    await account.map('datto-rmm', 'ServerMetric', 'Servers');
    await page.locator('[data-testid="mapping-preview"][data-current="true"]').waitFor();
  });

  it('shows a worked example computed by the engine for the contract as typed, before it is saved', async () => {
    await page.getByRole('tab', { name: 'Contract' }).click();
    const editor = new ServiceEditor(page, 'Edit contract');
    const before = await editor.example('Servers');
    expect(before).toMatch(/^At today's figures \(12 Nov 2026\): .+ → \$[\d,]+\.\d\d in November 2026/);
    await (await editor.row('Servers')).getByLabel('Unit price').fill('50.00');
    await expect.poll(() => editor.example('Servers'), { timeout: 30_000 }).not.toBe(before);
    await (await editor.row('Servers')).getByLabel('Unit price').fill('25.00');
    await expect.poll(() => editor.example('Servers'), { timeout: 30_000 }).toBe(before);
    await page.locator('form.contract-form').screenshot({ path: join(ARTIFACTS, 'terms-service-editor.png') });
  });

  it('gives a second account a free service, so its invoice is $0.00', async () => {
    await app.nav('Accounts');
    await page.locator('tbody tr[data-account]').first().waitFor();
    const rows = await page.locator('tbody tr[data-account]').evaluateAll((trs) => trs.map((tr) => ({
      name: (tr.querySelector('td a')?.textContent ?? '').trim(),
      orgs: Number((tr.querySelectorAll('td')[2]?.textContent ?? '0').trim()),
    })));
    FREE_ACCOUNT = rows.find((r) => r.name !== ACCOUNT && r.orgs > 0)?.name ?? '';
    expect(FREE_ACCOUNT).not.toBe('');
    const account = new AccountPage(page);
    await account.openFromList(FREE_ACCOUNT);
    await account.createContract({ name: 'Monitoring', start: `${PREVIOUS}-01`, services: [{ name: 'Monitoring', unitPrice: '0.00', mode: 'Daily (prorated)' }] });
    await account.mappingTab();
    const [first] = await account.flagged();
    expect(first).toBeDefined();
    const [module, type] = (first ?? ':').split(':');
    await account.map(module ?? '', type ?? '', 'Monitoring');
    await page.locator('[data-testid="mapping-preview"][data-current="true"]').waitFor();
  });

  it('adds a credit to the invoice from the Billing screen, refusing a negative quantity first', async () => {
    await app.nav('Billing');
    await billing.choosePeriod(PREVIOUS);
    const charges = new ChargesPanel(page, billing.account(ACCOUNT));
    await charges.add({ description: 'Goodwill credit', quantity: '-1', unitPrice: '-50.00', taxable: false });
    expect((await charges.errors()).join(' ')).toMatch(/must be a decimal string/);
    await charges.root.getByRole('button', { name: 'Cancel' }).click();
    await charges.add({ description: 'Goodwill credit', unitPrice: '-50.00', taxable: false });
    await charges.root.getByRole('status').filter({ hasText: 'Credit "Goodwill credit" added to October 2026.' }).waitFor();
    // a pending charge shows under the invoice until the engine bills it as one of its lines
    await expect.poll(async () => (await billing.account(ACCOUNT).textContent()) ?? '').toContain('Goodwill credit');
    await billing.waitCurrent();
    await page.screenshot({ path: join(ARTIFACTS, 'terms-billing.png'), fullPage: true });
  });

  it('refuses Post all for a month that has not ended, with the day it opens', async () => {
    await billing.choosePeriod(CURRENT);
    const dialog = new PostAllDialog(page);
    await dialog.open();
    // the day it opens: the last day on this branch's window rule, the day after it once the
    // rule "asOf after the period's last day" is merged (see docs/billing-rules.md)
    expect(await dialog.refusal()).toMatch(/^November 2026 has not ended yet: .*\b(30 Nov 2026|1 Dec 2026)\b/);
    expect(await dialog.confirmButton().isDisabled()).toBe(true);
    await dialog.cancel();
  });

  it('asks before Post all: the number of invoices and their total, the $0.00 invoice left out unless included', async () => {
    await billing.choosePeriod(PREVIOUS);
    const brassTotal = await billing.total(ACCOUNT);
    expect(await billing.total(FREE_ACCOUNT)).toBe('0.00');
    const { ws, bill } = await exportAndBill('before-post-all', PREVIOUS);
    const idOf = (name: string) => ws.accounts.find((a) => a.name === name)?.id;
    // every draft the CLI bills is either Brass or the free one: the dialog's total is Brass's, to the cent
    const drafts = bill.invoices.filter((i) => i.status === 'draft');
    expect(drafts.map((i) => i.accountId).sort()).toEqual([idOf(ACCOUNT), idOf(FREE_ACCOUNT)].sort());
    const nonZero = drafts.filter((i) => amountUnits(i.total, bill.currency) !== 0n);
    expect(nonZero.map((i) => i.total)).toEqual([brassTotal]);

    await app.nav('Billing');
    await billing.choosePeriod(PREVIOUS);
    const dialog = new PostAllDialog(page);
    await dialog.open();
    expect(await dialog.summary()).toEqual({ count: '1 invoice', total: formatAmount(nonZero.reduce((s, i) => s + amountUnits(i.total, 'USD'), 0n), 'USD') });
    await dialog.includeZero(true);
    expect(await dialog.summary()).toEqual({ count: '2 invoices', total: brassTotal });
    await dialog.dialog().screenshot({ path: join(ARTIFACTS, 'terms-post-all-dialog.png') });
    await dialog.includeZero(false);
    await dialog.confirm();

    await billing.account(ACCOUNT).and(page.locator('[data-status="posted"]')).waitFor({ timeout: 30_000 });
    await expect.poll(() => billing.number(ACCOUNT), { timeout: 60_000 }).toMatch(/^INV-\d{6}$/);
    postedNumber = await billing.number(ACCOUNT);
    postedTotal = await billing.total(ACCOUNT);
    expect(postedTotal).toBe(brassTotal);
    expect(await billing.account(FREE_ACCOUNT).getAttribute('data-status')).toBe('draft');
  });

  it('changes a price after posting: the new price starts with the first open month, and no adjustment appears', async () => {
    await app.nav('Accounts');
    await new AccountPage(page).openFromList(ACCOUNT);
    const editor = new ServiceEditor(page, 'Edit contract');
    expect(await editor.newPriceMonth('Servers')).toBe(CURRENT);
    await editor.addPriceChange('Servers', '30.00');
    expect(await editor.priceHistory('Servers')).toEqual(['Before the first change: $25.00 (cost $9.50)', 'From November 2026: $30.00 (cost $9.50)']);
    await editor.save();
    await editor.form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.locator('form.contract-form').screenshot({ path: join(ARTIFACTS, 'terms-price-change.png') });

    await app.nav('Billing');
    await billing.choosePeriod(CURRENT);
    const lines = await billing.lines(ACCOUNT);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.filter((l) => l.id.startsWith('adjustment|'))).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'terms-next-invoice.png'), fullPage: true });
    // the posted month is untouched
    await billing.choosePeriod(PREVIOUS);
    expect(await billing.number(ACCOUNT)).toBe(postedNumber);
    expect(await billing.total(ACCOUNT)).toBe(postedTotal);
    // and the CLI, on the exported workspace, agrees: no adjustment due for the posted month
    const { ws, bill } = await exportAndBill('after-price-change', CURRENT);
    const brass = ws.accounts.find((a) => a.name === ACCOUNT)?.id;
    expect(bill.invoices.find((i) => i.accountId === brass)?.lines.filter((l) => l.kind === 'adjustment')).toEqual([]);
    expect(ws.profile?.name).toBe('Northwind IT');
    expect(ws.accounts.find((a) => a.id === brass)?.billing).toEqual({
      legalName: 'Brass Building Supplies LLC', address: ['9 Dock Rd', 'Springfield, IL 62702'], email: 'ap@brass.example', reference: 'PO-7781', paymentTermsDays: 15, tax: { name: 'IL sales tax', rate: '6.25' },
    });
    expect(ws.charges.map((c) => [c.accountId, c.period, c.description, c.quantity, c.unitPrice, c.taxable])).toEqual([[brass, PREVIOUS, 'Goodwill credit', '1', '-50.00', false]]);
  });
});
