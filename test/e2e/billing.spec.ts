/// <reference lib="dom" />
// Billing end to end, as the admin does it: the built SPA in Chromium against a real local
// edge loaded with the demo. A contract with three services in different modes, its
// service mapping, the billing screen checked to the cent against the command line on
// the exported workspace, the drill-down, Approve & Post and the edge's number, a late
// upload turning into an adjustment, and a shared link that works until it is revoked.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startEdge, type EdgeServer } from '../support/edge-server.ts';
import { launchChromium } from '../support/chromium.ts';
import { loadDemo } from '../../scripts/demo/load.ts';
import { addDays, addMonths, periodLength, periodOf, today } from '../../shared/dates/index.ts';
import { noonOf, pinBrowserClock, RUN_NOW, RUN_TODAY } from '../support/clock.ts';
import { divRound, parseScaled } from '../../shared/money/scaled.ts';
import type { Invoice } from '../../shared/schema/invoice.ts';
import { AppPage } from './pages/app.ts';
import { ModulesPage } from './pages/modules.ts';
import { MappingPage } from './pages/mapping.ts';
import { exportAndBill as exportAndBillFrom } from './pages/workspace-bill.ts';
import { AccountPage } from './pages/contract.ts';
import { BillingPage } from './pages/billing.ts';
import { InvoicePage } from './pages/invoice.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const ARTIFACTS = join(ROOT, 'test/artifacts');
const TODAY = RUN_TODAY;
const CURRENT = periodOf(TODAY);
const PREVIOUS = addMonths(CURRENT, -1);
const ACCOUNT = 'Brass Building Supplies';

let edge: EdgeServer;
let files: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let app: AppPage;
let billing: BillingPage;
let invoiceNumber = '';
const pageErrors: string[] = [];

/** The workspace as the app exports it, and what `trueup bill` computes from it. */
const exportAndBill = (name: string, period: string) => exportAndBillFrom(app, page, files, name, period);

function lineId(line: Invoice['lines'][number]): string {
  return [line.kind, line.contractId, line.serviceId, line.module, line.period].join('|');
}

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  files = await mkdtemp(join(tmpdir(), 'trueup-billing-e2e-'));
  edge = await startEdge();
  // the demo up to yesterday, covering last month whole
  await loadDemo(edge.url, edge.adminToken, { lastDay: addDays(TODAY, -1), days: 75, now: RUN_NOW });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  await pinBrowserClock(context);
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  app = new AppPage(page, edge.url);
  billing = new BillingPage(page);
});

afterEach(async (test) => {
  if (test.task.result?.state === 'fail') await page.screenshot({ path: join(ARTIFACTS, `failed-${test.task.name.slice(0, 40).replace(/\W+/g, '-')}.png`), fullPage: true });
  // an uncaught error in the app fails the step that caused it
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await edge?.stop();
  if (files) await rm(files, { recursive: true, force: true });
});

describe('billing, invoices and sharing', () => {
  it('runs the test runner, the edge and the browser on the same day', async () => {
    const health = await (await fetch(`${edge.url}/v1/health`)).json() as { time: string };
    expect(today(new Date(health.time))).toBe(TODAY);
    await app.open(edge.adminToken);
    expect(await page.evaluate(() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()].map((n) => String(n).padStart(2, '0')).join('-'); })).toBe(TODAY);
  });

  it('sets up: modules enabled and organizations mapped', async () => {
    await app.open(edge.adminToken);
    await app.waitSynced();
    await app.nav('Modules');
    const modules = new ModulesPage(page);
    for (const name of ['Datto RMM', 'Datto EDR']) await modules.enable(name);
    await app.nav('Org mapping');
    const mapping = new MappingPage(page);
    await mapping.showSuggestions();
    await expect.poll(() => mapping.suggestions().count(), { timeout: 30_000 }).toBeGreaterThan(10);
    expect(await mapping.acceptAllAbove(0.8)).toBeGreaterThan(10);
    await mapping.save();
  });

  it('creates a contract with three services in different modes, refusing an inexact price first', async () => {
    await app.nav('Accounts');
    const account = new AccountPage(page);
    await account.openFromList(ACCOUNT);
    const services = [
      { name: 'Workstations', unitPrice: '5.005', unitCost: '1.20', mode: 'Daily (prorated)' as const },
      { name: 'Servers', unitPrice: '25.00', unitCost: '9.50', mode: 'Peak' as const },
      { name: 'Endpoint detection', unitPrice: '3.50', mode: 'Period end (true-up)' as const },
    ];
    await page.getByRole('button', { name: 'New contract' }).click();
    const form = page.getByRole('form', { name: 'New contract' });
    await form.getByLabel('Unit price').fill('5.00001');
    await form.getByRole('button', { name: 'Create contract' }).click();
    expect((await account.formErrors()).join(' ')).toMatch(/at most 4 decimal places/);
    await form.getByRole('button', { name: 'Cancel' }).click();

    await account.createContract({ name: 'Managed Services', start: `${addMonths(CURRENT, -2)}-01`, services });
    await account.mappingTab();
    // both modules' billing types are listed; types the orgs report but nobody mapped are flagged
    expect(await account.flagged()).toEqual(expect.arrayContaining(['datto-rmm:DesktopLaptopMetric', 'datto-rmm:ServerMetric', 'datto-edr:TotalDevices']));
  });

  it('maps billing types to the services, one ignored, saved through the outbox', async () => {
    const account = new AccountPage(page);
    await account.map('datto-rmm', 'DesktopLaptopMetric', 'Workstations');
    await account.map('datto-rmm', 'ServerMetric', 'Servers');
    await account.map('datto-edr', 'TotalDevices', 'Endpoint detection');
    await account.map('datto-rmm', 'PrinterMetric', 'Ignore');
    const flagged = await account.flagged();
    expect(flagged).not.toContain('datto-rmm:DesktopLaptopMetric');
    expect(flagged).not.toContain('datto-rmm:PrinterMetric');
    await page.locator('[data-testid="mapping-preview"][data-current="true"]').waitFor();
    await app.syncNow();
    await app.waitSynced();
    await app.expectPending(0);
  });

  it('shows on the billing screen exactly what the engine computes for the exported workspace, to the cent', async () => {
    await app.nav('Billing');
    await billing.choosePeriod(PREVIOUS);
    const shownLines = await billing.lines(ACCOUNT);
    const shownTotal = await billing.total(ACCOUNT);
    await page.screenshot({ path: join(ARTIFACTS, 'billing.png'), fullPage: true });

    const { ws, bill } = await exportAndBill('before-post', PREVIOUS);
    const accountId = ws.accounts.find((a) => a.name === ACCOUNT)?.id;
    const expected = bill.invoices.find((i) => i.accountId === accountId);
    expect(expected).toBeDefined();
    expect(shownTotal).toBe(expected?.total);
    expect(Object.fromEntries(shownLines.map((l) => [l.id, [l.quantity, l.amount]])))
      .toEqual(Object.fromEntries((expected?.lines ?? []).map((l) => [lineId(l), [l.quantity, l.amount]])));
    // three services in three modes, each billing something
    expect(shownLines).toHaveLength(3);
    for (const line of shownLines) expect(line.amount).not.toBe('0.00');
  });

  it('drills into an item: the daily quantities, and where each came from', async () => {
    await app.nav('Billing');
    await billing.choosePeriod(PREVIOUS);
    const days = await billing.drill(ACCOUNT, 'Workstations');
    expect(days).toHaveLength(periodLength(PREVIOUS));
    expect(days[0]?.date).toBe(`${PREVIOUS}-01`);
    for (const day of days) expect(day.source).toMatch(/upload of the day|carried from|no upload/);
    // daily mode: the item's quantity is Σ daily quantities / days in the month
    const line = (await billing.lines(ACCOUNT)).find((l) => l.text.includes('Workstations'));
    const sum = days.reduce((total, d) => total + parseScaled(d.quantity, 4), 0n);
    expect(divRound(sum, BigInt(days.length))).toBe(parseScaled(line?.quantity ?? '', 4));
  });

  it('refuses to post a period that has not ended, with a clear message', async () => {
    // the browser's clock on the 15th of the current month, whatever today is; then back
    await context.clock.setSystemTime(noonOf(`${CURRENT}-15`));
    try {
      await app.nav('Billing');
      await billing.choosePeriod(CURRENT);
      await billing.post(ACCOUNT);
      await expect.poll(async () => (await billing.message().textContent()) ?? '').toMatch(/has not ended yet/);
      expect(await billing.account(ACCOUNT).getAttribute('data-status')).toBe('draft');
    } finally {
      // back on the test runner's time (the run's day)
      await context.clock.setSystemTime(Date.now());
    }
  });

  it('approves and posts last month: the invoice gets its number from the edge', async () => {
    await billing.choosePeriod(PREVIOUS);
    await billing.post(ACCOUNT);
    await billing.account(ACCOUNT).and(page.locator('[data-status="posted"]')).waitFor({ timeout: 30_000 });
    await expect.poll(() => billing.number(ACCOUNT), { timeout: 60_000 }).toMatch(/^INV-\d{6}$/);
    invoiceNumber = await billing.number(ACCOUNT);
  });

  it('turns a late upload for the posted period into an adjustment on the next period', async () => {
    const { ws } = await exportAndBill('after-post', PREVIOUS);
    const accountId = ws.accounts.find((a) => a.name === ACCOUNT)?.id;
    const orgId = ws.orgMappings.find((m) => m.accountId === accountId && m.module === 'datto-rmm')?.orgId;
    const day = `${PREVIOUS}-10`;
    const original = ws.uploads.find((u) => u.module === 'datto-rmm' && u.date === day);
    expect(original && orgId).toBeTruthy();
    // the module re-sends that day (a whole module-day replaces the old one) with 6 more workstations
    const corrected = {
      ...original,
      orgs: original?.orgs.map((o) => o.orgId !== orgId ? o : {
        ...o, metrics: { ...o.metrics, DesktopLaptopMetric: Number(o.metrics.DesktopLaptopMetric ?? 0) + 6, DesktopMetric: Number(o.metrics.DesktopMetric ?? 0) + 6, AllDevicesMetric: Number(o.metrics.AllDevicesMetric ?? 0) + 6 },
      }),
    };
    const response = await fetch(`${edge.url}/v1/uploads`, {
      method: 'POST', headers: { authorization: `Bearer ${edge.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify(corrected),
    });
    expect(response.status).toBeLessThan(300);

    await app.syncNow();
    await app.waitSynced();
    await app.nav('Billing');
    await billing.choosePeriod(CURRENT);
    const adjustment = (await billing.lines(ACCOUNT)).find((l) => l.id.startsWith('adjustment|'));
    expect(adjustment?.id).toContain(`|datto-rmm|${PREVIOUS}`);
    expect(adjustment?.text).toContain(`Adjustment of ${PREVIOUS}`);
    const { bill } = await exportAndBill('after-late-upload', CURRENT);
    const expected = bill.invoices.find((i) => i.accountId === accountId)?.lines.find((l) => l.kind === 'adjustment');
    expect(adjustment?.amount).toBe(expected?.amount);
    expect(parseScaled(adjustment?.amount ?? '0', 2)).toBeGreaterThan(0n);
    // the posted invoice itself is untouched
    await app.nav('Billing');
    await billing.choosePeriod(PREVIOUS);
    expect(await billing.number(ACCOUNT)).toBe(invoiceNumber);
  });

  it('shows the invoice as a print-ready document that fits A4 and Letter', async () => {
    await app.nav('Invoices');
    const invoices = new InvoicePage(page);
    await invoices.openByNumber(invoiceNumber);
    await expect.poll(async () => (await invoices.document().textContent()) ?? '').toContain(ACCOUNT);
    await page.screenshot({ path: join(ARTIFACTS, 'invoice.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    // content width of the page: paper width minus the 12 mm side margins of @page, in CSS px
    for (const [format, widthMm] of [['A4', 210], ['Letter', 215.9]] as const) {
      const width = Math.floor(((widthMm - 24) / 25.4) * 96);
      await page.setViewportSize({ width, height: 1100 });
      const overflow = await page.evaluate((limit) => {
        const doc = document.querySelector('[data-testid="invoice-document"]');
        if (!doc || doc.getBoundingClientRect().width === 0) return ['no document'];
        const out: string[] = [];
        if (document.documentElement.scrollWidth > limit) out.push(`page ${document.documentElement.scrollWidth}px`);
        for (const el of doc.querySelectorAll('td, th, h1, h2, dd, footer')) {
          const box = el.getBoundingClientRect();
          if (box.right > limit + 0.5 || el.scrollWidth > el.clientWidth + 1) out.push(`${el.tagName} "${(el.textContent ?? '').trim().slice(0, 30)}" ends at ${box.right}`);
        }
        if (document.querySelector('header.top')?.getBoundingClientRect().height) out.push('app header printed');
        return out;
      }, width);
      expect(overflow, format).toEqual([]);
      await page.pdf({ path: join(ARTIFACTS, `invoice-${format}.pdf`), format, printBackground: true });
    }
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('shares the invoice by link, which opens with no login until revoked', async () => {
    const invoices = new InvoicePage(page);
    const url = await invoices.share();
    expect(url).toMatch(/\/s\/.+/);
    const stranger = await browser.newContext();
    const view = await stranger.newPage();
    const response = await view.goto(url);
    expect(response?.status()).toBe(200);
    const text = (await view.textContent('body')) ?? '';
    expect(text).toContain(invoiceNumber);
    expect(text).toContain(ACCOUNT);
    await stranger.close();

    await invoices.revoke();
    expect((await fetch(url)).status).toBe(404);
  });

  it('exports posted invoices as CSV for accounting', async () => {
    await app.nav('Invoices');
    const csv = await new InvoicePage(page).exportCsv();
    const [header, ...rows] = csv.trim().split(/\r\n/);
    expect(header).toContain('invoiceNumber,accountId,accountName');
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row.startsWith(`${invoiceNumber},`)).toBe(true);
  });
});

