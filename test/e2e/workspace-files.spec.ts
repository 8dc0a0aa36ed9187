// The Settings backup at its other paths, in Chromium against a real local edge: "Save to a
// file…" streams a gzip file into the file the File System Access API hands out (here the
// origin-private file system stands in for the save dialog, which a test cannot click), and
// that gzip file imports into a fresh browser with every upload.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startEdge, type EdgeServer } from '../support/edge-server.ts';
import { launchChromium } from '../support/chromium.ts';
import { loadDemo } from '../../scripts/demo/load.ts';
import { addDays } from '../../shared/dates/index.ts';
import { pinBrowserClock, RUN_NOW, RUN_TODAY } from '../support/clock.ts';
import { AppPage } from './pages/app.ts';
import { SettingsPage } from './pages/settings.ts';

let edge: EdgeServer;
let persistDir: string;
let files: string;
let browser: Browser;

beforeAll(async () => {
  persistDir = await mkdtemp(join(tmpdir(), 'trueup-e2e-'));
  files = await mkdtemp(join(tmpdir(), 'trueup-e2e-files-'));
  edge = await startEdge({ persistDir });
  await loadDemo(edge.url, edge.adminToken, { lastDay: addDays(RUN_TODAY, -1), days: 14, now: RUN_NOW });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await edge?.stop();
  await rm(persistDir, { recursive: true, force: true });
  await rm(files, { recursive: true, force: true });
});

describe('workspace backup files', () => {
  it('saves a gzip workspace to a picked file, and a fresh browser imports it with every upload', async () => {
    const context = await browser.newContext();
    await pinBrowserClock(context);
    await context.addInitScript(() => {
      const w = window as unknown as { showSaveFilePicker: (o: { suggestedName: string }) => Promise<FileSystemFileHandle> };
      w.showSaveFilePicker = async ({ suggestedName }) => (await navigator.storage.getDirectory()).getFileHandle(suggestedName, { create: true });
    });
    const app = new AppPage(await context.newPage(), edge.url);
    await app.open(edge.adminToken);
    await app.waitSynced();
    await app.nav('Settings');
    await app.page.getByRole('checkbox', { name: 'Compress (gzip)' }).check();
    await app.page.getByRole('button', { name: 'Save to a file…' }).click();
    const saved = app.page.getByText(/^Saved trueup-workspace-\d{4}-\d{2}-\d{2}\.json\.gz\.$/);
    // a failed export says so: the test names it rather than waiting out its time
    const failed = app.page.getByRole('alert').filter({ hasText: 'Export failed' });
    await saved.or(failed).first().waitFor();
    expect(await failed.count(), (await failed.allTextContents()).join(' | ')).toBe(0);
    const name = ((await saved.textContent()) ?? '').replace(/^Saved /, '').replace(/\.$/, '');
    const bytes = await app.page.evaluate(async (file) => {
      const handle = await (await navigator.storage.getDirectory()).getFileHandle(file);
      return Array.from(new Uint8Array(await (await handle.getFile()).arrayBuffer()));
    }, name);
    const gzip = Uint8Array.from(bytes);
    expect([gzip[0], gzip[1]]).toEqual([0x1f, 0x8b]);
    const document = JSON.parse(gunzipSync(gzip).toString('utf8')) as { version: number; accounts: unknown[]; uploads: unknown[] };
    expect(document.version).toBe(1);
    expect(document.accounts.length).toBeGreaterThan(20);
    expect(document.uploads.length).toBeGreaterThan(14);
    await context.close();

    const path = join(files, 'workspace.json.gz');
    await writeFile(path, gzip);
    const fresh = await browser.newContext();
    await pinBrowserClock(fresh);
    const restored = new AppPage(await fresh.newPage(), edge.url);
    await restored.open();
    await restored.nav('Settings');
    const settings = new SettingsPage(restored.page);
    await settings.importFile(path);
    expect(await settings.importDone()).toMatch(new RegExp(`^Imported workspace\\.json\\.gz: \\d+ record changes, ${document.uploads.length} uploads\\.$`));
    await fresh.close();
  });
});
