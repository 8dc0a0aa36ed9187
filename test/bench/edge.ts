// Edge figures (docs/billing-rules.md#performance-targets) against `wrangler dev` with a fresh local D1: one upload of
// 5,000 orgs × 21 metrics (target < 2 s), 1,000 uploads in a row (0 errors), and a
// pull of everything back by cursor.
import { performance } from 'node:perf_hooks';
import { DATTO_RMM_TYPES } from '../../shared/catalog/modules.ts';
import { addDays } from '../../shared/dates/index.ts';
import { startEdge } from '../support/edge-server.ts';

function bigUpload(date: string, seed: number) {
  return {
    module: 'datto-rmm', date,
    orgs: Array.from({ length: 5000 }, (_, i) => ({
      orgId: `site-${i}`, name: `Client ${i} Building Supplies LLC`,
      metrics: Object.fromEntries(DATTO_RMM_TYPES.map(([id], j) => [id, (i * 7 + j * 3 + seed) % 60])),
    })),
  };
}

function smallUpload(date: string, i: number) {
  return {
    module: 'datto-edr', date,
    orgs: Array.from({ length: 20 }, (_, o) => ({ orgId: `org-${o}`, name: `Org ${o}`, metrics: { TotalDevices: o + (i % 5), WindowsDevices: o, MacDevices: 1, LinuxDevices: 0 } })),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** Measures uploads and pulls through HTTP against a local wrangler dev. */
export async function bench(): Promise<Record<string, unknown>> {
  const edge = await startEdge({ tenantName: 'Bench MSP' });
  try {
    const post = async (body: unknown) => fetch(`${edge.url}/v1/uploads`, {
      method: 'POST', headers: { authorization: `Bearer ${edge.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
    });

    // The first request warms the worker (bundle load, first D1 open); measured apart.
    const bigTimes: number[] = [];
    let bigBytes = 0;
    for (let run = 0; run < 4; run++) {
      const body = bigUpload(addDays('2026-10-01', run), run);
      bigBytes = JSON.stringify(body).length;
      const start = performance.now();
      const response = await post(body);
      await response.text();
      if (!response.ok) throw new Error(`the 5,000-org upload answered ${response.status}`);
      bigTimes.push(performance.now() - start);
    }

    const count = 1000;
    let errors = 0;
    const start = performance.now();
    for (let i = 0; i < count; i++) {
      const response = await post(smallUpload(addDays('2023-01-01', i), i));
      await response.text();
      if (!response.ok) errors++;
    }
    const seriesMs = performance.now() - start;

    const pullStart = performance.now();
    let since = '';
    let pulled = 0;
    for (;;) {
      const response = await fetch(`${edge.url}/v1/uploads?limit=200${since ? `&since=${since}` : ''}`, { headers: { authorization: `Bearer ${edge.adminToken}` } });
      const page = await response.json() as { uploads: unknown[]; cursor: string; more: boolean };
      pulled += page.uploads.length;
      since = page.cursor;
      if (!page.more) break;
    }
    const pullMs = performance.now() - pullStart;

    const figures = {
      bigUpload: {
        orgs: 5000, metrics: 21, bodyMiB: +(bigBytes / 2 ** 20).toFixed(2),
        firstMs: Math.round(bigTimes[0] ?? NaN), warmMedianMs: Math.round(median(bigTimes.slice(1))), targetMs: 2000,
        pass: Math.max(...bigTimes) < 2000,
      },
      uploadsInARow: { count, errors, ms: Math.round(seriesMs), uploadsPerSecond: +(count / (seriesMs / 1000)).toFixed(1) },
      pullEverything: { moduleDays: pulled, ms: Math.round(pullMs) },
    };
    console.table({
      '5,000 orgs × 21 metrics, first': { ms: figures.bigUpload.firstMs },
      '5,000 orgs × 21 metrics, warm median': { ms: figures.bigUpload.warmMedianMs },
      [`${count} uploads in a row (${errors} errors)`]: { ms: figures.uploadsInARow.ms, perSecond: figures.uploadsInARow.uploadsPerSecond },
      [`pull ${pulled} module-days`]: { ms: figures.pullEverything.ms },
    });
    return figures;
  } finally {
    await edge.stop();
  }
}
