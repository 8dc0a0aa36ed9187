// SPA figures (docs/billing-rules.md#performance-targets) in Chromium against `wrangler dev` with a fresh local D1:
// - the first open of the app pulling a year of uploads for 500 orgs into IndexedDB
//   (365 module-days × 500 orgs × 4 metrics; target < 10 s), timed from navigation to
//   the sync finishing, with the stored count checked;
// - the JavaScript the first load fetches, gzipped (target < 250 KB).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import Papa from 'papaparse';
import { addDays } from '../../shared/dates/index.ts';
import { startEdge } from '../support/edge-server.ts';
import { launchChromium } from '../support/chromium.ts';
import { ensureSpaBuilt } from '../../scripts/web/build.ts';

const ORGS = 500;
const DAYS = 365;
const CHUNK_DAYS = 30;
const BUILD = new URL('../../web/build/', import.meta.url).pathname;

function yearCsvs(lastDay: string): string[] {
  const first = addDays(lastDay, -(DAYS - 1));
  const csvs: string[] = [];
  for (let start = 0; start < DAYS; start += CHUNK_DAYS) {
    const rows: string[][] = [];
    for (let d = start; d < Math.min(DAYS, start + CHUNK_DAYS); d++) {
      const date = addDays(first, d);
      for (let o = 0; o < ORGS; o++) {
        const total = 5 + ((o * 7 + d) % 90);
        const mac = o % 5;
        rows.push([date, `org-${o}`, `Client ${o} Holdings LLC`, 'TotalDevices', String(total)]);
        rows.push([date, `org-${o}`, `Client ${o} Holdings LLC`, 'WindowsDevices', String(total - mac - 1)]);
        rows.push([date, `org-${o}`, `Client ${o} Holdings LLC`, 'MacDevices', String(mac)]);
        rows.push([date, `org-${o}`, `Client ${o} Holdings LLC`, 'LinuxDevices', '1']);
      }
    }
    csvs.push(Papa.unparse({ fields: ['date', 'orgId', 'orgName', 'billingType', 'quantity'], data: rows }));
  }
  return csvs;
}

/** Measures the SPA's first load and its pull of a year of uploads. */
export async function bench(): Promise<Record<string, unknown>> {
  ensureSpaBuilt();
  const edge = await startEdge({ tenantName: 'SPA bench MSP' });
  const browser = await launchChromium();
  try {
    const lastDay = addDays(new Date().toISOString().slice(0, 10), -1);
    for (const csv of yearCsvs(lastDay)) {
      const response = await fetch(`${edge.url}/v1/uploads?module=datto-edr`, {
        method: 'POST', headers: { authorization: `Bearer ${edge.adminToken}`, 'content-type': 'text/csv' }, body: csv,
      });
      if (!response.ok) throw new Error(`backfill answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    }

    const context = await browser.newContext();
    const page = await context.newPage();
    const scripts = new Set<string>();
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.origin === new URL(edge.url).origin && url.pathname.endsWith('.js') && url.pathname !== '/service-worker.js') scripts.add(url.pathname);
    });

    const started = performance.now();
    await page.goto(`${edge.url}/#token=${edge.adminToken}`);
    await page.waitForFunction(() => {
      const status = document.querySelector('[data-testid="sync-status"]');
      return status?.getAttribute('data-phase') === 'idle' && status.textContent?.includes('Synced');
    }, null, { timeout: 300_000, polling: 50 });
    const pullMs = performance.now() - started;
    const stored = await page.evaluate(() => new Promise<number>((resolve, reject) => {
      const open = indexedDB.open('trueup');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const count = open.result.transaction('usageDays').objectStore('usageDays').count();
        count.onsuccess = () => resolve(count.result);
        count.onerror = () => reject(count.error);
      };
    }));
    if (stored !== DAYS) throw new Error(`expected ${DAYS} uploads in IndexedDB, found ${stored}`);

    let raw = 0;
    let gzipped = 0;
    for (const path of scripts) {
      const bytes = await readFile(join(BUILD, path));
      raw += bytes.length;
      gzipped += gzipSync(bytes, { level: 9 }).length;
    }
    await context.close();

    const result = {
      pullYear: { uploads: stored, orgs: ORGS, metrics: 4, seconds: Number((pullMs / 1000).toFixed(2)), targetSeconds: 10 },
      firstLoadJs: { files: scripts.size, rawKB: Number((raw / 1024).toFixed(1)), gzipKB: Number((gzipped / 1024).toFixed(1)), targetGzipKB: 250 },
    };
    console.log(`  pull a year (${DAYS} uploads × ${ORGS} orgs) into IndexedDB: ${result.pullYear.seconds} s (target < 10 s)`);
    console.log(`  first-load JavaScript: ${result.firstLoadJs.files} files, ${result.firstLoadJs.gzipKB} KB gzipped (target < 250 KB)`);
    return result;
  } finally {
    await browser.close();
    await edge.stop();
  }
}
