// The large MSP in Chromium against `wrangler dev` (docs/benchmarks.md#large-msp): the MSP of
// large/generate.ts loaded through the edge's API (cached under test/bench/.cache), then
// first open, memory, each screen, a service-mapping edit, export and import, and the D1
// size of the year, each beside its target.
import { mkdtemp, rm } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createTenant, migrate } from '../../scripts/edge/d1.ts';
import { ensureSpaBuilt } from '../../scripts/web/build.ts';
import { launchChromium } from '../support/chromium.ts';
import { measureInBrowser, type BrowserFigures, type StepFigure } from './large/browser.ts';
import { cacheKey, copyPersist, finishCache, persistOf, readCached, startCache, type CachedLoad } from './large/cache.ts';
import { benchToday } from './large/clock.ts';
import { d1Size, type D1Size } from './large/d1-size.ts';
import { startBenchEdge } from './large/edge.ts';
import { generateLargeMsp } from './large/generate.ts';
import { loadLargeMsp } from './large/load.ts';
import { parseLargeOptions } from './large/options.ts';

interface Row {
  what: string;
  measured: string;
  target: string;
}

const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
const secs = (ms: number | null | undefined) => (ms === null || ms === undefined ? '—' : `${(ms / 1000).toFixed(2)} s`);
const shown = (f: StepFigure | undefined, extra = '') => (f === undefined ? 'not run' : f.failed ?? `${secs(f.ms)}${extra}`);
const nodes = (f: StepFigure | undefined) => (f?.domNodes === undefined ? '' : `, ${f.domNodes.toLocaleString('en-US')} DOM nodes`);
const tasks = (f: StepFigure | undefined) => (f?.longTasks ? `; ${f.longTasks.over200ms} tasks > 200 ms, longest ${(f.longTasks.longestMs / 1000).toFixed(2)} s` : '');

function table(b: BrowserFigures | null, d1: D1Size): Row[] {
  const rows: Row[] = [];
  if (b) {
    const open = b.firstOpen;
    rows.push({ what: 'first open, until the dashboard shows figures', measured: `${shown(open)} (recent days in ${secs(open.syncMs)}${tasks(open)}; ${open.longTasks?.count ?? 0} tasks > 50 ms; earlier days in at ${secs(open.historyMs ?? null)}, the year's insights at ${secs(open.settledMs ?? null)})`, target: '< 60 s, no task > 200 ms' });
    if (open.cpuSeconds) rows.push({ what: 'CPU during the first open (seconds, by process)', measured: Object.entries(open.cpuSeconds).filter(([, v]) => v >= 0.1).map(([k, v]) => `${k} ${v}`).join(', '), target: '—' });
    rows.push({ what: 'CPU during the first open (seconds, the busiest threads)', measured: Object.entries(open.cpuThreads ?? {}).slice(0, 5).map(([k, v]) => `${k} ${v}`).join(', '), target: '—' });
    const m = b.memory.peaks;
    const after = b.memory.afterFirstOpen;
    rows.push({ what: 'renderer memory / engine worker heap (peak; after first open)', measured: `${m.rendererMiB ?? '—'} MiB / ${m.workerHeapMiB ?? '—'} MiB (${after?.rendererMiB ?? '—'} / ${after?.workerHeapMiB ?? '—'})`, target: '< 1 GB / < 300 MB' });
    rows.push({ what: 'each worker\'s heap, peak', measured: Object.entries(m.workerHeapsMiB).map(([name, heap]) => `${name} ${heap} MiB`).join(', '), target: '—' });
    for (const [name, figure] of Object.entries(b.screens)) {
      const target = name === 'Account page' ? '—' : name.startsWith('Account →') ? '< 1 s' : '< 1 s, < 20,000 nodes';
      rows.push({ what: `open ${name}`, measured: `${shown(figure)}${nodes(figure)}${tasks(figure)}`, target });
    }
    rows.push({ what: 'browser storage after first open (IndexedDB + caches)', measured: `${open.storageMiB ?? '—'} MiB`, target: '—' });
    rows.push({ what: 'a service-mapping edit → updated figures', measured: `${shown(b.edit)}${tasks(b.edit)}`, target: '< 1 s' });
    const ex = b.exportWorkspace;
    rows.push({ what: 'Settings → export workspace', measured: ex.failed ? `${ex.failed}${typeof ex.alert === 'string' ? ` (${ex.alert})` : ''}` : `${secs(ex.ms)}, ${((ex.bytes ?? 0) / 2 ** 20).toFixed(1)} MiB file${tasks(ex)}`, target: 'a backup file that re-imports' });
    const im = b.importWorkspace;
    rows.push({ what: 'import it into a fresh profile', measured: im.failed ?? `${secs(im.ms)}, ok (${im.message ?? ''})${tasks(im)}`, target: 'ok' });
    const ip = im.memory?.peaks;
    if (ip) rows.push({ what: 'the import\'s profile: page heap / each worker\'s heap, peak', measured: `${ip.pageHeapMiB ?? '—'} MiB / ${Object.entries(ip.workerHeapsMiB).map(([name, heap]) => `${name} ${heap} MiB`).join(', ') || '—'}`, target: '—' });
  }
  rows.push({ what: 'D1 of the year (SQLite files; dbstat pages)', measured: `${d1.fileMiB} MiB; ${d1.dbstatMiB ?? '—'} MiB`, target: '< 600 MB' });
  return rows;
}

/** Loads (or reuses) the large MSP and measures it in Chromium. */
export async function bench(): Promise<Record<string, unknown>> {
  const options = parseLargeOptions(process.argv.slice(2).filter((a) => a !== 'large'));
  const { scale } = options;
  const loadAtStart = load();
  const key = await cacheKey(scale);
  let cached: CachedLoad | null = options.reload ? null : await readCached(key);
  const today = benchToday(options.today, cached?.today);
  if (cached && cached.today !== today) cached = null;
  console.log(`  ${scale.accounts.toLocaleString('en-US')} accounts, ${scale.days} days, ${scale.postedMonths} posted months, today ${today}; load average ${loadAtStart}`);

  if (cached) {
    console.log(`  reusing the cached load ${key} (made ${cached.createdAt}, ${cached.load.seconds.total} s)`);
  } else {
    const persist = await startCache(key);
    await migrate({ persistTo: persist });
    const tenant = await createTenant('Large bench MSP', { persistTo: persist });
    const generated = performance.now();
    const msp = generateLargeMsp(today, scale);
    console.log(`  generated in ${((performance.now() - generated) / 1000).toFixed(1)} s; loading through the edge's API into ${persist}`);
    const edge = await startBenchEdge(persist, today);
    try {
      const figures = await loadLargeMsp(edge.url, tenant.adminToken, msp, (line) => console.log(`  … ${line}`));
      cached = { key, today, ...tenant, load: figures, createdAt: new Date().toISOString() };
    } catch (error) {
      console.error(`  the load failed; wrangler dev said:\n${edge.output()}`);
      throw error;
    } finally {
      await edge.stop();
    }
    await finishCache(cached);
    console.log(`  loaded in ${cached.load.seconds.total} s (load average ${load()})`);
  }
  // The edge numbers every posted invoice when its post arrives (a push sent again after a
  // dropped answer is not numbered twice, so its numbers are not counted here).
  if (cached.load.numbered !== cached.load.invoices) console.log(`  note: the loader saw numbers for ${cached.load.numbered} of ${cached.load.invoices} posted invoices`);
  const d1 = await d1Size(persistOf(key));

  let browserFigures: BrowserFigures | null = null;
  let measureSeconds: number | null = null;
  if (!options.loadOnly) {
    ensureSpaBuilt();
    const work = await mkdtemp(join(tmpdir(), 'trueup-large-'));
    try {
      await copyPersist(key, work);
      const edge = await startBenchEdge(work, today);
      const browser = await launchChromium();
      const started = performance.now();
      try {
        browserFigures = await measureInBrowser(browser, edge.url, cached.adminToken, () => Date.now() + edge.offsetMs, options.limits);
      } finally {
        measureSeconds = Number(((performance.now() - started) / 1000).toFixed(1));
        await browser.close();
        await edge.stop();
      }
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }

  const rows = table(browserFigures, d1);
  console.table(Object.fromEntries(rows.map((r) => [r.what, { measured: r.measured, target: r.target }])));
  const loadAtEnd = load();
  console.log(`  load average at start ${loadAtStart}, at end ${loadAtEnd} (${os.cpus().length} cores)`);
  return {
    scale, today, cacheKey: key, load: cached.load, d1,
    browser: browserFigures, measureSeconds, table: rows,
    machineLoad: { start: loadAtStart, end: loadAtEnd, cores: os.cpus().length },
  };
}
