// The large MSP in Chromium: the built SPA (served by the edge) in a fresh profile, driven
// as an admin would — connect, wait for the dashboard's figures, open each screen, edit a
// service mapping, export the workspace and import it into another fresh profile. Each step
// has its own time limit; a step that runs out is recorded as "timeout after N s" and the
// run goes on with the next.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cpuBetween, cpuNow, threadsNow, type CpuSeconds } from './cpu.ts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { MemoryProbe, type MemorySample } from './memory.ts';

export interface BrowserLimits {
  firstOpenMs: number;
  screenMs: number;
  editMs: number;
  exportMs: number;
  importMs: number;
}

export const DEFAULT_LIMITS: BrowserLimits = { firstOpenMs: 20 * 60_000, screenMs: 180_000, editMs: 120_000, exportMs: 600_000, importMs: 900_000 };

export interface LongTasks {
  count: number;
  over200ms: number;
  longestMs: number;
}

export interface StepFigure {
  ms: number | null;
  /** Set when the step did not finish: "timeout after N s" or the error. */
  failed?: string;
  domNodes?: number;
  longTasks?: LongTasks;
  [detail: string]: unknown;
}

export interface BrowserFigures {
  /** cpuSeconds: CPU used during the first open by each Chromium process type and the local edge (cpu.ts). */
  firstOpen: StepFigure & { syncMs: number | null; historyMs: number | null; settledMs: number | null; figures: Record<string, string>; storageMiB: number | null; cpuSeconds: CpuSeconds | null; cpuThreads: CpuSeconds };
  /** importMemory: the import's own profile, sampled like the first (its renderer and workers). */
  screens: Record<string, StepFigure>;
  edit: StepFigure;
  exportWorkspace: StepFigure & { bytes: number | null };
  importWorkspace: StepFigure & { message: string | null; memory?: { peaks: ReturnType<MemoryProbe['peaks']>; samples: MemorySample[] } };
  memory: { afterFirstOpen: MemorySample | null; peaks: ReturnType<MemoryProbe['peaks']>; samples: MemorySample[] };
  /** What the sync status said over the run (each change of its text, seconds from the first open's start). */
  syncProgress: { atSeconds: number; text: string }[];
  pageErrors: string[];
}

// Every document of the bench's contexts collects its main-thread long tasks (over 50 ms),
// buffered so the ones before the observer ran count too.
const LONG_TASKS_SCRIPT = `
  window.__benchLongTasks = [];
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__benchLongTasks.push(e.duration); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
`;

class TimedOut extends Error {}

/** Runs a step with a time limit; answers its figure or how it failed. */
async function step<T extends object>(label: string, limitMs: number, run: (timeout: number) => Promise<T>): Promise<({ ms: number | null; failed?: string } & Partial<T>)> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const limit = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new TimedOut()), limitMs + 5_000); });
    const value = await Promise.race([run(limitMs), limit]);
    const ms = Math.round(performance.now() - started);
    console.log(`  ${label}: ${(ms / 1000).toFixed(2)} s`);
    return { ms, ...value };
  } catch (error) {
    const timedOut = error instanceof TimedOut || (error instanceof Error && error.name === 'TimeoutError');
    const failed = timedOut ? `timeout after ${Math.round(limitMs / 1000)} s` : (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'failed';
    console.log(`  ${label}: ${failed}`);
    return { ms: null, failed } as { ms: number | null; failed?: string } & Partial<T>;
  } finally {
    clearTimeout(timer);
  }
}

async function longTasks(page: Page, reset: boolean): Promise<LongTasks> {
  // A crashed renderer may never answer: no figure after 10 s.
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('no answer from the page')), 10_000); });
  return Promise.race([late, readLongTasks(page, reset)]).finally(() => clearTimeout(timer));
}

async function readLongTasks(page: Page, reset: boolean): Promise<LongTasks> {
  return page.evaluate((clear) => {
    const w = window as unknown as { __benchLongTasks?: number[] };
    const list = w.__benchLongTasks ?? [];
    const figures = { count: list.length, over200ms: list.filter((d) => d > 200).length, longestMs: Math.round(list.reduce((a, b) => Math.max(a, b), 0)) };
    if (clear) w.__benchLongTasks = [];
    return figures;
  }, reset);
}

async function domNodes(page: Page): Promise<number> {
  return page.evaluate(() => document.getElementsByTagName('*').length);
}

async function newProfile(browser: Browser, now: () => number): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  await context.clock.install({ time: now() });
  await context.addInitScript(LONG_TASKS_SCRIPT);
  return { context, page: await context.newPage() };
}

/** Clicks a main-navigation link and waits for the screen's heading. */
async function nav(page: Page, label: string, timeout: number): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true }).click({ timeout });
  await page.getByRole('heading', { level: 1, name: label }).waitFor({ timeout });
}

/**
 * Waits until the selector shows (a row of the screen's list) and, when given, the marker
 * of current figures says so. Written against the rows' containers and the screens'
 * data-testids, not a count of rows, so paged and virtualized lists pass the same way.
 */
async function waitRows(page: Page, rows: string, current: string | null, timeout: number): Promise<void> {
  await page.waitForFunction(([r, c]) => document.querySelector(r) !== null && (c === null || document.querySelector(c) !== null), [rows, current] as const, { timeout, polling: 100 });
}

/** Drives the large MSP's first open and every screen; `now` is the pinned clock the browser starts at. */
export async function measureInBrowser(browser: Browser, url: string, token: string, now: () => number, limits: BrowserLimits = DEFAULT_LIMITS): Promise<BrowserFigures> {
  const pageErrors: string[] = [];
  const { context, page } = await newProfile(browser, now);
  page.on('pageerror', (error) => pageErrors.push(error.message.slice(0, 300)));
  page.on('crash', () => pageErrors.push('the renderer crashed'));
  const probe = new MemoryProbe();
  await probe.attach(browser, page);
  // the import's profile, while it runs (sampled with the first)
  const importing: { probe: MemoryProbe | null } = { probe: null };
  let sampling = true;
  const runStarted = performance.now();
  const syncProgress: BrowserFigures['syncProgress'] = [];
  const sampler = (async () => {
    while (sampling) {
      await probe.sample('during');
      if (importing.probe) await importing.probe.sample('import');
      const text = page.isClosed() ? '' : await Promise.race([
        page.evaluate(() => (document.querySelector('[data-testid="sync-status"]')?.textContent ?? '').replace(/\s+/g, ' ').trim()).catch(() => ''),
        new Promise<string>((resolve) => setTimeout(() => resolve(''), 10_000)),
      ]);
      if (text !== '' && syncProgress[syncProgress.length - 1]?.text !== text) syncProgress.push({ atSeconds: Math.round((performance.now() - runStarted) / 1000), text: text.slice(0, 200) });
      await new Promise((resolve) => setTimeout(resolve, 5_000));
    }
  })();

  try {
    // First open: a fresh profile is handed the token, pulls everything, then computes.
    let syncMs: number | null = null;
    const cpuBefore = await cpuNow(browser).catch(() => null);
    const threadsBefore = await threadsNow();
    const openStarted = performance.now();
    const firstOpen = await step('first open (sync + first figures)', limits.firstOpenMs, async (timeout) => {
      await page.goto(`${url}/#token=${token}`, { timeout });
      // The figures show once the recent days are in: the sync is done, or pulling the earlier days.
      await page.waitForFunction(() => {
        const el = document.querySelector('[data-testid="sync-status"]');
        const history = el?.querySelector('[data-testid="sync-progress"]')?.getAttribute('data-phase') === 'history';
        return history || (el?.getAttribute('data-phase') === 'idle' && (el.textContent ?? '').includes('Synced'));
      }, null, { timeout, polling: 250 });
      syncMs = Math.round(performance.now() - openStarted);
      console.log(`  … recent days in after ${(syncMs / 1000).toFixed(1)} s`);
      await waitRows(page, '[data-testid="dashboard-summary"][data-current="true"] [data-field="total"][data-amount]', null, timeout);
      const figures = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-testid="dashboard-summary"] [data-field]')]
        .map((el) => [el.getAttribute('data-field') ?? '', (el.textContent ?? '').trim()])));
      return { figures };
    });
    const cpuAfter = cpuBefore === null ? null : await cpuNow(browser).catch(() => null);
    const cpuSeconds = cpuBefore === null || cpuAfter === null ? null : cpuBetween(cpuBefore, cpuAfter);
    // the threads that used the most, largest first
    const cpuThreads = Object.fromEntries(Object.entries(cpuBetween(threadsBefore, await threadsNow())).sort((a, b) => b[1] - a[1]).slice(0, 8));
    const openTasks = await longTasks(page, true).catch(() => ({ count: 0, over200ms: 0, longestMs: 0 }));
    const afterFirstOpen = await probe.sample('after first open');
    // The earlier days follow in the background; the screens are measured once they are in.
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-testid="sync-status"]');
      return el?.getAttribute('data-phase') === 'idle' && (el.textContent ?? '').includes('Synced');
    }, null, { timeout: limits.firstOpenMs, polling: 250 });
    const historyMs = Math.round(performance.now() - openStarted);
    console.log(`  … synced, earlier days too, after ${(historyMs / 1000).toFixed(1)} s`);
    // The screens are timed once the app is at rest: the dashboard's figures and insights of the
    // whole year computed (the engine reads the earlier days when they are all in).
    await page.waitForFunction(() => document.querySelector('[data-testid="dashboard-summary"][data-current="true"] [data-field="total"][data-amount]') !== null
      && !(document.querySelector('[data-testid="insight-total"]')?.textContent ?? 'Checking').includes('Checking'), null, { timeout: limits.firstOpenMs, polling: 250 });
    const settledMs = Math.round(performance.now() - openStarted);
    console.log(`  … dashboard figures and insights of the whole year after ${(settledMs / 1000).toFixed(1)} s`);
    const syncText = await page.getByTestId('sync-status').textContent({ timeout: 5_000 }).catch(() => null);
    // What the profile stores (IndexedDB and the app shell's caches) once opened.
    const storageMiB = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? null)
      .then((bytes) => (bytes === null ? null : Number((bytes / 2 ** 20).toFixed(1)))).catch(() => null);

    const screens: Record<string, StepFigure> = {};
    const screen = async (name: string, open: (timeout: number) => Promise<void>) => {
      await longTasks(page, true).catch(() => null);
      const figure = await step(`open ${name}`, limits.screenMs, async (timeout) => {
        await open(timeout);
        return { domNodes: await domNodes(page) };
      });
      screens[name] = { ...figure, longTasks: await longTasks(page, true).catch(() => undefined) } as StepFigure;
      if (figure.domNodes !== undefined) console.log(`    ${figure.domNodes.toLocaleString('en-US')} DOM nodes`);
    };
    await screen('Billing', async (t) => {
      await nav(page, 'Billing', t);
      await waitRows(page, 'main section[data-account], main tr[data-line], main [data-testid="rows-total"]', '[data-testid="billing-summary"][data-current="true"]', t);
    });
    await screen('Invoices', async (t) => {
      await nav(page, 'Invoices', t);
      await waitRows(page, 'main tr[data-invoice]', null, t);
    });
    await screen('Org mapping (by organization)', async (t) => {
      await nav(page, 'Org mapping', t);
      await waitRows(page, 'main tr[data-account]', null, t);
    });
    await screen('Org mapping (by module organization)', async (t) => {
      await page.getByRole('tab', { name: 'Map by module organization' }).click({ timeout: t });
      await waitRows(page, 'main tr[data-org]', null, t);
    });
    await screen('Accounts', async (t) => {
      await nav(page, 'Accounts', t);
      await waitRows(page, 'main tr[data-account] a[href^="/accounts/"]', null, t);
    });
    let accountName: string | null = null;
    await screen('Account page', async (t) => {
      const link = page.locator('main tr[data-account] a[href^="/accounts/"]').first();
      accountName = ((await link.textContent({ timeout: t })) ?? '').trim();
      await link.click({ timeout: t });
      await page.getByRole('heading', { level: 1, name: accountName }).waitFor({ timeout: t });
      await page.getByRole('tab', { name: 'Service mapping' }).waitFor({ timeout: t });
    });
    await screen('Account → Service mapping tab', async (t) => {
      await page.getByRole('tab', { name: 'Service mapping' }).click({ timeout: t });
      await waitRows(page, 'main [data-mapping-module] tr[data-billing-type] select', '[data-testid="mapping-preview"][data-current="true"]', t);
    });

    // A service-mapping edit: a billing type that bills something this month is set to
    // Ignore; timed until the tab's figures show the change.
    await longTasks(page, true).catch(() => null);
    const edit = await step('service-mapping edit → updated figures', limits.editMs, async (timeout) => {
      const target = await page.evaluate(() => {
        const amounts = new Map([...document.querySelectorAll('[data-preview-service]')].map((el) => [el.getAttribute('data-preview-service') ?? '', (el.textContent ?? '').replace(/[^0-9.]/g, '')]));
        for (const select of document.querySelectorAll<HTMLSelectElement>('[data-mapping-module] tr[data-billing-type] select')) {
          const amount = Number(amounts.get(select.value) ?? '0');
          if (select.value !== '' && amount > 0) {
            const row = select.closest('tr');
            return { module: select.closest('[data-mapping-module]')?.getAttribute('data-mapping-module') ?? '', type: row?.getAttribute('data-billing-type') ?? '', service: select.value };
          }
        }
        return null;
      });
      if (!target) throw new Error('no mapped billing type bills anything this month on this account');
      const preview = page.getByTestId('mapping-preview');
      const before = ((await preview.textContent({ timeout })) ?? '').replace(/\s+/g, ' ');
      const started = performance.now();
      await page.locator(`[data-mapping-module="${target.module}"] tr[data-billing-type="${target.type}"] select`).selectOption({ label: 'Ignore' }, { timeout });
      await page.waitForFunction((text) => {
        const el = document.querySelector('[data-testid="mapping-preview"]');
        return el?.getAttribute('data-current') === 'true' && (el.textContent ?? '').replace(/\s+/g, ' ') !== text;
      }, before, { timeout, polling: 'raf' });
      const figuresMs = Math.round(performance.now() - started);
      return { figuresMs, changed: `${target.module} ${target.type}: ${target.service} → Ignore` };
    });
    const editFigure: StepFigure = { ...edit, ms: (edit as { figuresMs?: number }).figuresMs ?? edit.ms, longTasks: await longTasks(page, true).catch(() => undefined) };

    await screen('Insights', async (t) => {
      await nav(page, 'Insights', t);
      await waitRows(page, '[data-testid="insights"][data-current="true"] [data-insight]', null, t);
    });

    // Settings → Export workspace: does a file arrive, how big, how long.
    const folder = await mkdtemp(join(tmpdir(), 'trueup-large-export-'));
    const file = join(folder, 'workspace.json');
    try {
      await nav(page, 'Settings', limits.screenMs).catch(() => null);
      await longTasks(page, true).catch(() => null);
      const exported = await step('export workspace', limits.exportMs, async (timeout) => {
        const [download] = await Promise.all([
          page.waitForEvent('download', { timeout }),
          page.getByRole('button', { name: 'Export workspace' }).click({ timeout }),
        ]);
        await download.saveAs(file);
        const failure = await download.failure();
        if (failure) throw new Error(`the download failed: ${failure}`);
        return { bytes: (await stat(file)).size, name: download.suggestedFilename() };
      });
      const exportWorkspace = { ...exported, bytes: exported.bytes ?? null, longTasks: await longTasks(page, true).catch(() => undefined) } as BrowserFigures['exportWorkspace'];
      if (exported.failed) {
        const alert = await page.getByRole('alert').allTextContents().catch(() => []);
        if (alert.length > 0) exportWorkspace.alert = alert.join(' | ').slice(0, 300);
      }
      await probe.sample('after export');

      // Import into a fresh profile (no edge connected), as a restore on a new machine.
      let importWorkspace: BrowserFigures['importWorkspace'] = { ms: null, failed: 'no exported file', message: null };
      if (exported.bytes !== undefined) {
        const fresh = await newProfile(browser, now);
        fresh.page.on('pageerror', (error) => pageErrors.push(`import: ${error.message.slice(0, 300)}`));
        const watched = new MemoryProbe();
        await watched.attach(browser, fresh.page);
        importing.probe = watched;
        try {
          await fresh.page.goto(`${url}/`);
          await nav(fresh.page, 'Settings', limits.screenMs);
          await fresh.page.locator('input[name="workspaceFile"]').setInputFiles(file, { timeout: limits.importMs });
          const imported = await step('import workspace into a fresh profile', limits.importMs, async (timeout) => {
            await fresh.page.getByRole('button', { name: 'Import', exact: true }).click({ timeout });
            const done = fresh.page.getByRole('status').filter({ hasText: /^Imported / });
            const refused = fresh.page.getByRole('alert').filter({ hasText: 'Nothing was changed' });
            await done.or(refused).first().waitFor({ timeout });
            if (await refused.count() > 0) throw new Error(`refused: ${((await refused.first().textContent()) ?? '').replace(/\s+/g, ' ').slice(0, 300)}`);
            return { message: ((await done.first().textContent()) ?? '').trim() };
          });
          importWorkspace = { ...imported, message: imported.message ?? null, longTasks: await longTasks(fresh.page, true).catch(() => undefined) };
          await watched.sample('after import');
        } catch (error) {
          importWorkspace = { ms: null, failed: (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'failed', message: null };
        } finally {
          importing.probe = null;
          importWorkspace.memory = { peaks: watched.peaks(), samples: watched.samples };
          await fresh.context.close();
        }
      }
      return {
        firstOpen: { ...firstOpen, ms: firstOpen.ms, syncMs, historyMs, settledMs, figures: firstOpen.figures ?? {}, longTasks: openTasks, syncStatus: syncText?.replace(/\s+/g, ' ').trim() ?? null, storageMiB, cpuSeconds, cpuThreads } as BrowserFigures['firstOpen'],
        screens, edit: editFigure, exportWorkspace, importWorkspace,
        memory: { afterFirstOpen, peaks: probe.peaks(), samples: probe.samples },
        syncProgress, pageErrors,
      };
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  } finally {
    sampling = false;
    await sampler.catch(() => null);
    await context.close();
  }
}
