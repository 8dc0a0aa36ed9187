// The admin's app end to end: the built SPA in Chromium, served by a real local edge
// (wrangler dev, fresh D1) loaded with the demo, driven by clicking, typing and reading.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { startEdge, type EdgeServer } from '../support/edge-server.ts';
import { launchChromium } from '../support/chromium.ts';
import { startDev, type DevServer } from '../../scripts/edge/dev.ts';
import { loadDemo } from '../../scripts/demo/load.ts';
import { addDays } from '../../shared/dates/index.ts';
import { pinBrowserClock, RUN_NOW, RUN_TODAY } from '../support/clock.ts';
import { AppPage } from './pages/app.ts';
import { ModulesPage } from './pages/modules.ts';
import { MappingPage, type MappingRow } from './pages/mapping.ts';
import { AccountsPage } from './pages/accounts.ts';
import { SettingsPage } from './pages/settings.ts';

const ARTIFACTS = new URL('../artifacts/', import.meta.url).pathname;
const LAST_DAY = addDays(RUN_TODAY, -1);

let edge: EdgeServer;
let restarted: DevServer | undefined;
let persistDir: string;
let files: string;
let browser: Browser;
let first: BrowserContext;
let app: AppPage;
let handMapped: { org: string; account: string };
let exported: MappingRow[];

beforeAll(async () => {
  persistDir = await mkdtemp(join(tmpdir(), 'trueup-e2e-'));
  files = await mkdtemp(join(tmpdir(), 'trueup-e2e-files-'));
  edge = await startEdge({ persistDir });
  await loadDemo(edge.url, edge.adminToken, { lastDay: LAST_DAY, days: 21, now: RUN_NOW });
  browser = await launchChromium();
  first = await browser.newContext();
  await pinBrowserClock(first);
  app = new AppPage(await first.newPage(), edge.url);
});

afterAll(async () => {
  await browser?.close();
  await restarted?.stop();
  await edge?.stop();
  await rm(persistDir, { recursive: true, force: true });
  await rm(files, { recursive: true, force: true });
});

beforeEach(({ task }) => {
  onTestFailed(async () => {
    const shot = join(ARTIFACTS, `${task.name.slice(0, 40).replace(/\W+/g, '-')}.png`);
    await app?.page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
  });
});

describe('the admin app', () => {
  it('first open: syncs, modules are enabled, suggestions are shown and saved, a mapping is edited by hand', async () => {
    await app.open(edge.adminToken);
    await app.waitSynced();
    expect(app.page.url()).not.toContain('token');

    await app.nav('Modules');
    const modules = new ModulesPage(app.page);
    expect(await modules.lastUpload('Datto RMM')).toContain(LAST_DAY);
    expect(await modules.orgCount('Datto RMM')).toBeGreaterThan(20);
    for (const name of ['Datto RMM', 'Datto EDR', 'Graphus', 'Cyber Hawk']) await modules.enable(name);

    await app.nav('Org mapping');
    const mapping = new MappingPage(app.page);
    const before = await mapping.unmapped();
    expect(before).toBeGreaterThan(40);
    await expect.poll(() => mapping.suggestions().count()).toBe(0);
    await mapping.showSuggestions();
    await expect.poll(() => mapping.suggestions().count(), { timeout: 30_000 }).toBeGreaterThan(10);
    const accepted = await mapping.acceptAllAbove(0.8);
    expect(accepted).toBeGreaterThan(20);
    await mapping.save();
    const after = await mapping.unmapped();
    expect(after).toBe(before - accepted);

    // by hand: an org the matcher left alone goes to an account chosen in the searchable select
    await mapping.byModuleOrganization();
    await mapping.unmappedOnly(true);
    const [left] = await mapping.rows();
    expect(left).toBeDefined();
    handMapped = { org: left?.org ?? '', account: 'Juniper Legal' };
    await mapping.unmappedOnly(false);
    await mapping.search(handMapped.org);
    await mapping.mapOrg(handMapped.org, handMapped.account);
    expect(await mapping.accountOf(handMapped.org)).toBe(handMapped.account);
    await mapping.save();
    expect(await mapping.unmapped()).toBe(after - 1);
    await app.syncNow();
    await app.waitSynced();
    await app.expectPending(0);
  });

  it('keeps an edit made with the edge down across a reload, and delivers it to another browser once the edge is back', async () => {
    await edge.stop();
    await app.nav('Accounts');
    const accounts = new AccountsPage(app.page);
    await accounts.rename('Bluebird Bakery', 'Bluebird Bakery & Café');
    await app.expectPending(1);
    await app.syncNow();
    await app.status().getByText("Can't reach the edge", { exact: false }).waitFor();

    await app.page.reload();
    await app.page.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
    expect(await accounts.names()).toContain('Bluebird Bakery & Café');
    await app.expectPending(1);

    restarted = await startDev({ port: Number(new URL(edge.url).port), persistTo: persistDir });
    await app.syncNow();
    await app.waitSynced();
    await app.expectPending(0);

    const second = await browser.newContext();
    await pinBrowserClock(second);
    const other = new AppPage(await second.newPage(), edge.url);
    await other.open(edge.adminToken);
    await other.waitSynced();
    await other.nav('Accounts');
    expect(await new AccountsPage(other.page).names()).toContain('Bluebird Bakery & Café');
    await other.nav('Org mapping');
    const mapping = new MappingPage(other.page);
    await mapping.byModuleOrganization();
    await mapping.search(handMapped.org);
    expect(await mapping.accountOf(handMapped.org)).toBe(handMapped.account);
    await second.close();
  });

  it('exports the workspace, and importing it into a fresh browser gives the same mappings', async () => {
    await app.nav('Org mapping');
    const mapping = new MappingPage(app.page);
    await mapping.byModuleOrganization();
    exported = await mapping.rows();
    expect(exported.filter((r) => !r.account.startsWith('—')).length).toBeGreaterThan(20);
    await app.nav('Settings');
    const file = join(files, 'workspace.json');
    await new SettingsPage(app.page).exportTo(file);

    // a browser that was never connected: what it shows can only come from the file
    const fresh = await browser.newContext();
    await pinBrowserClock(fresh);
    const restored = new AppPage(await fresh.newPage(), edge.url);
    await restored.open();
    await restored.nav('Settings');
    const settings = new SettingsPage(restored.page);
    await settings.importFile(file);
    expect(await settings.importDone()).toMatch(/^Imported workspace\.json: \d+ record changes, \d+ uploads\.$/);
    await restored.nav('Org mapping');
    const copy = new MappingPage(restored.page);
    await copy.byModuleOrganization();
    expect(await copy.rows()).toEqual(exported);
    await fresh.close();
  });

  it('rejects an invalid workspace file, listing its problems by path, and changes nothing', async () => {
    await app.nav('Settings');
    const bad = join(files, 'broken.json');
    await writeFile(bad, JSON.stringify({
      version: 2,
      accounts: [{ id: 'a1', name: '' }],
      orgMappings: [{ module: 'datto-rmm', orgId: 's-1', accountId: 'nobody' }],
    }));
    const settings = new SettingsPage(app.page);
    await settings.importFile(bad);
    const { summary, issues } = await settings.importErrors();
    expect(summary).toContain('broken.json is not a valid workspace');
    expect(issues).toEqual(expect.arrayContaining([
      expect.stringMatching(/^version: /),
      expect.stringMatching(/^accounts\[0\]\.name: /),
    ]));

    await app.nav('Org mapping');
    const mapping = new MappingPage(app.page);
    await mapping.byModuleOrganization();
    expect(await mapping.rows()).toEqual(exported);
    await app.expectPending(0);
  });

  it('adds a custom module: a bad form is explained, a good one appears and its uploads are accepted', async () => {
    await app.nav('Modules');
    const modules = new ModulesPage(app.page);
    const problems = await modules.addCustomModule('Huntress EDR', 'Huntress', ['Agents', '9lives']);
    expect(problems.some((p) => p.startsWith('id'))).toBe(true);
    expect(problems.some((p) => p.startsWith('billing types, line 2'))).toBe(true);

    const refused = await fetch(`${edge.url}/v1/uploads`, {
      method: 'POST', headers: { authorization: `Bearer ${edge.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ module: 'huntress', date: LAST_DAY, orgs: [{ orgId: 'h-1', name: 'Bluebird Bakery', metrics: { Agents: 7 } }] }),
    });
    expect(refused.status).toBe(400);

    expect(await modules.addCustomModule('huntress', 'Huntress', ['Agents, Protected agents', 'SocEnabled, SOC enabled, boolean'])).toEqual([]);
    await modules.tile('Huntress').waitFor();
    const accepted = await fetch(`${edge.url}/v1/uploads`, {
      method: 'POST', headers: { authorization: `Bearer ${edge.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ module: 'huntress', date: LAST_DAY, orgs: [{ orgId: 'h-1', name: 'Bluebird Bakery', metrics: { Agents: 7, SocEnabled: true } }] }),
    });
    expect(accepted.ok).toBe(true);
    await app.syncNow();
    await app.waitSynced();
    await expect.poll(() => modules.orgCount('Huntress'), { timeout: 30_000 }).toBe(1);
  });
});
