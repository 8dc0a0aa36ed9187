/// <reference lib="dom" />
// The first hour of a new MSP, in Chromium against a real local edge with an empty tenant
// and a fake Datto RMM on 127.0.0.1: the checklist, connecting Datto RMM, syncing it,
// accounts made from its sites, a contract, and billing with amounts; then a module key
// created and revoked in Settings.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startEdge, type EdgeServer } from '../support/edge-server.ts';
import { launchChromium } from '../support/chromium.ts';
import { startFakeDattoRmm } from '../support/fake-datto-rmm.ts';
import type { FakeServer } from '../support/fake-vendor.ts';
import { periodOf, today } from '../../shared/dates/index.ts';
import { rmmAccount } from '../worker/support/rmm-account.ts';
import { AppPage } from './pages/app.ts';
import { ModulesPage } from './pages/modules.ts';
import { AccountPage } from './pages/contract.ts';
import { MappingPage } from './pages/mapping.ts';
import { BillingPage } from './pages/billing.ts';
import { ConnectorPanel } from './pages/connector.ts';
import { CreateFromOrgs, KeysSection, SetupChecklist } from './pages/setup.ts';

const ARTIFACTS = new URL('../artifacts/', import.meta.url).pathname;
const ACCOUNT = rmmAccount();

let edge: EdgeServer;
let rmm: FakeServer;
let browser: Browser;
let page: Page;
let app: AppPage;
const pageErrors: string[] = [];

beforeAll(async () => {
  rmm = await startFakeDattoRmm();
  edge = await startEdge({ connectorAllowHosts: '127.0.0.1', tenantName: 'New MSP' });
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  app = new AppPage(page, edge.url);
});

afterEach(async (test) => {
  if (test.task.result?.state === 'fail') await page.screenshot({ path: join(ARTIFACTS, `first-hour-${test.task.name.slice(0, 30).replace(/\W+/g, '-')}.png`), fullPage: true });
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await edge?.stop();
  await rmm?.stop();
});

describe('the first hour', () => {
  it('an empty tenant opens on the setup checklist with nothing done', async () => {
    await app.open(edge.adminToken);
    await app.waitSynced();
    expect(await new SetupChecklist(page).steps()).toEqual([
      ['usage', false], ['modules', false], ['accounts', false], ['mapping', false], ['contracts', false], ['billing', false],
    ]);
  });

  it('connects Datto RMM: a wrong secret is refused in plain words, the right one signs in, Sync now stores today', async () => {
    const { apiUrl } = rmm.add(ACCOUNT);
    await page.locator('[data-testid="setup-checklist"] li[data-step="usage"] a').click();
    await page.getByRole('heading', { level: 1, name: 'Modules' }).waitFor();
    const rmmTile = new ConnectorPanel(page, 'Datto RMM');
    expect(await rmmTile.status()).toBe('Not connected');
    await rmmTile.fill({ apiUrl, apiKey: ACCOUNT.apiKey, apiSecret: 'not-the-secret' });
    expect(await rmmTile.press('Test connection')).toBe('Datto RMM refused the API key and secret (401 Unauthorized): "Bad credentials". Check them, or make new ones in Datto RMM.');
    await rmmTile.tile.getByLabel('API secret').fill(ACCOUNT.apiSecret);
    expect(await rmmTile.press('Test connection')).toBe('Signed in to Datto RMM. The first page lists 2 devices of 11.');
    expect(await rmmTile.press('Save')).toMatch(/^Saved\./);
    expect(await rmmTile.status()).toBe('Connected · not run yet');
    expect(await rmmTile.syncNow()).toBe(`datto-rmm: stored ${today()}, 3 organizations.`);
    await app.waitSynced();
    await expect.poll(() => rmmTile.status()).toMatch(/^Last sync .* UTC: 3 organizations, 11 items$/);
    const modules = new ModulesPage(page);
    await expect.poll(() => modules.orgCount('Datto RMM'), { timeout: 30_000 }).toBe(3);
    await modules.enable('Datto RMM');
  });

  it('creates one account per site, names cleaned, each site mapped', async () => {
    await app.nav('Accounts');
    const create = new CreateFromOrgs(page);
    expect(await create.planned()).toEqual(['Brass Building Supplies', 'Cobalt Dental', 'Empty Warehouse']);
    expect(await create.create()).toBe('Created 3 accounts and mapped 3 organizations.');
    await app.nav('Dashboard');
    const checklist = new SetupChecklist(page);
    await checklist.waitDone('mapping');
    expect((await checklist.steps()).filter(([, done]) => done).map(([id]) => id)).toEqual(['usage', 'modules', 'accounts', 'mapping']);
  });

  it('imports accounts from a CSV: a bad row is named and nothing imported, then the fixed file is', async () => {
    await app.nav('Accounts');
    const file = page.getByLabel('Accounts CSV file');
    const csv = (email: string) => ({
      name: 'accounts.csv', mimeType: 'text/csv',
      buffer: Buffer.from(`Name,Legal name,Address,Email,External id\nHarbor Finch,"Harbor Finch, Inc.",1 Dock Rd; Bristol,${email},QB-7\nNorthwind Traders,,,,QB-8\n`),
    });
    await file.setInputFiles(csv('not-an-email'));
    // the refusal renders after the file is read: wait for it, then compare exactly
    await expect.poll(() => page.locator('[data-testid="import-accounts"] [role="alert"] li').allTextContents()).toEqual(['rows[1].email: "not-an-email" is not an email address']);
    await file.setInputFiles(csv('ap@harbor.example'));
    await page.getByRole('button', { name: 'Import 2 accounts' }).click();
    await page.locator('[data-testid="import-accounts"] [role="status"]').filter({ hasText: 'Imported 2 accounts.' }).waitFor();
    await page.getByRole('link', { name: 'Northwind Traders', exact: true }).waitFor();
  });

  it('asks before leaving the org mapping screen with unsaved edits, and stays when told to', async () => {
    await app.nav('Org mapping');
    const mapping = new MappingPage(page);
    await mapping.byModuleOrganization();
    await mapping.mapOrg('Empty Warehouse', 'Cobalt Dental');
    await page.getByTestId('unsaved').waitFor();
    const asked: string[] = [];
    page.once('dialog', (dialog) => { asked.push(dialog.message()); void dialog.dismiss(); });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Accounts', exact: true }).click();
    await expect.poll(() => asked).toEqual(['You have 1 unsaved mapping change. Leave without saving?']);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Org mapping');
    expect(await mapping.accountOf('Empty Warehouse')).toBe('Cobalt Dental');
    page.once('dialog', (dialog) => void dialog.accept());
    await app.nav('Accounts');
  });

  it('a contract priced per workstation bills the synced devices', async () => {
    await app.nav('Accounts');
    const account = new AccountPage(page);
    await account.openFromList('Brass Building Supplies');
    await account.createContract({
      name: 'Managed Services', start: `${periodOf(today())}-01`,
      services: [{ name: 'Workstations', unitPrice: '10.00', mode: 'Peak' }],
    });
    await account.mappingTab();
    await account.map('datto-rmm', 'DesktopLaptopMetric', 'Workstations');
    await app.nav('Billing');
    const billing = new BillingPage(page);
    await billing.choosePeriod(periodOf(today()));
    // peak of 3 desktops and laptops (the deleted and _NotBillable_ ones excluded) × 10.00
    expect(await billing.total('Brass Building Supplies')).toBe('30.00');
  });

  it('creates a module key in Settings, shown once with its curl line, which uploads until it is revoked', async () => {
    await app.nav('Settings');
    const keys = new KeysSection(page);
    const { token, curl } = await keys.create('Datto EDR', 'edr script');
    expect(curl).toContain(`Authorization: Bearer ${token}`);
    expect(curl).toContain('"module":"datto-edr"');
    const upload = () => fetch(`${edge.url}/v1/uploads`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ module: 'datto-edr', date: today(), orgs: [] }),
    });
    expect((await upload()).status).toBe(200);
    expect(await keys.rows().count()).toBe(1);
    await keys.revoke('edr script');
    expect(await keys.rows().count()).toBe(0);
    expect((await upload()).status).toBe(401);
  });
});

describe('a connector that stops working', () => {
  it('shows in the header, on its tile and in Insights', async () => {
    const { apiUrl } = rmm.add({ ...ACCOUNT, forbiddenPath: '/api/v2/account/devices' });
    const auth = { authorization: `Bearer ${edge.adminToken}`, 'content-type': 'application/json' };
    expect((await fetch(`${edge.url}/v1/connectors/datto-rmm`, { method: 'PUT', headers: auth, body: JSON.stringify({ apiUrl }) })).status).toBe(200);
    expect((await fetch(`${edge.url}/v1/connectors/datto-rmm/run`, { method: 'POST', headers: auth })).status).toBe(502);
    await app.syncNow();
    await app.waitSynced();
    await page.getByTestId('connector-alert').filter({ hasText: 'datto-rmm sync failed' }).waitFor({ timeout: 30_000 });
    await app.nav('Modules');
    expect(await new ConnectorPanel(page, 'Datto RMM').status()).toMatch(/^Last sync failed: Datto RMM answered 403 Forbidden for \S*\/api\/v2\/account\/devices/);
    await app.nav('Insights');
    expect(await page.getByTestId('connector-problems').textContent()).toContain('datto-rmm — last sync failed');
  });
});
