// Noisy neighbour (edge): while tenant A sends the largest CSV the edge accepts (400
// module-days, just under the 5 MiB body limit), tenant B's /v1/health and a small upload
// are timed against `wrangler dev` on a fresh local D1. Target: B's p95 under 500 ms.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { addDays, today } from '../../shared/dates/index.ts';
import { MAX_MODULE_DAYS } from '../../shared/schema/upload.ts';
import { createTenant, migrate } from '../../scripts/edge/d1.ts';
import { startEdge } from '../support/edge-server.ts';

const BODY_LIMIT = 5 * 1024 * 1024;
const ROUNDS = 3;
const TARGET_MS = 500;

/** The largest CSV A may send: MAX_MODULE_DAYS days ending today, as many orgs a day as fit under the body limit. */
function largestCsv(last: string): { text: string; rows: number; orgs: number } {
  const header = 'date,orgId,orgName,billingType,quantity\n';
  const first = addDays(last, -(MAX_MODULE_DAYS - 1));
  const row = (d: number, o: number) => `${addDays(first, d)},org-${o},Org ${o},TotalDevices,${(o * 7 + d) % 90}\n`;
  let perDay = 0;
  let bytes = header.length;
  for (;;) {
    let day = 0;
    for (let d = 0; d < MAX_MODULE_DAYS; d++) day += row(d, perDay).length;
    if (bytes + day > BODY_LIMIT - 1024) break;
    bytes += day;
    perDay++;
  }
  const lines = [header];
  for (let d = 0; d < MAX_MODULE_DAYS; d++) for (let o = 0; o < perDay; o++) lines.push(row(d, o));
  return { text: lines.join(''), rows: MAX_MODULE_DAYS * perDay, orgs: perDay };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function summary(values: number[]) {
  return { count: values.length, p50Ms: Math.round(percentile(values, 50)), p95Ms: Math.round(percentile(values, 95)), maxMs: Math.round(Math.max(...values)) };
}

/** Measures tenant B's answers while tenant A floods the edge with its largest CSV. */
export async function bench(): Promise<Record<string, unknown>> {
  const persistDir = await mkdtemp(join(tmpdir(), 'trueup-noisy-'));
  await migrate({ persistTo: persistDir });
  const b = await createTenant('Neighbour B', { persistTo: persistDir });
  const edge = await startEdge({ persistDir, tenantName: 'Noisy A' });
  try {
    const day = today();
    const csv = largestCsv(day);
    const smallUpload = (i: number) => JSON.stringify({
      module: 'datto-edr', date: addDays(day, -(i % 300)),
      orgs: Array.from({ length: 20 }, (_, o) => ({ orgId: `b-${o}`, name: `B ${o}`, metrics: { TotalDevices: o + (i % 7) } })),
    });
    const timeB = async (health: number[], uploads: number[], i: number) => {
      let start = performance.now();
      const h = await fetch(`${edge.url}/v1/health`);
      await h.text();
      health.push(performance.now() - start);
      start = performance.now();
      const u = await fetch(`${edge.url}/v1/uploads`, { method: 'POST', headers: { authorization: `Bearer ${b.adminToken}`, 'content-type': 'application/json' }, body: smallUpload(i) });
      await u.text();
      if (!u.ok) throw new Error(`tenant B's small upload answered ${u.status}`);
      uploads.push(performance.now() - start);
    };

    // B alone first, for comparison (and to warm the worker).
    const quietHealth: number[] = [];
    const quietUpload: number[] = [];
    for (let i = 0; i < 30; i++) await timeB(quietHealth, quietUpload, i);

    const health: number[] = [];
    const uploads: number[] = [];
    const aTimes: number[] = [];
    let flooding = true;
    // A failed round of A (or request of B) is counted and reported, not retried, so the
    // figure says when the edge dropped a request under load.
    const failures: string[] = [];
    const flood = (async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const start = performance.now();
        try {
          const response = await fetch(`${edge.url}/v1/uploads?module=datto-edr`, { method: 'POST', headers: { authorization: `Bearer ${edge.adminToken}`, 'content-type': 'text/csv' }, body: csv.text });
          await response.text();
          if (!response.ok) failures.push(`A round ${round}: ${response.status}`);
          else aTimes.push(performance.now() - start);
        } catch (error) {
          failures.push(`A round ${round}: ${String(error)}`);
        }
      }
      flooding = false;
    })();
    for (let i = 0; flooding; i++) {
      try {
        await timeB(health, uploads, i);
      } catch (error) {
        failures.push(`B request ${i}: ${String(error)}`);
      }
    }
    await flood;

    const both = [...health, ...uploads];
    const figures = {
      csv: { moduleDays: MAX_MODULE_DAYS, rows: csv.rows, orgsPerDay: csv.orgs, bodyMiB: +(csv.text.length / 2 ** 20).toFixed(2), rounds: ROUNDS, medianMs: Math.round(percentile(aTimes, 50)) },
      quiet: { health: summary(quietHealth), smallUpload: summary(quietUpload) },
      underLoad: { health: summary(health), smallUpload: summary(uploads), all: summary(both) },
      failures,
      targetP95Ms: TARGET_MS,
      pass: failures.length === 0 && percentile(both, 95) < TARGET_MS,
    };
    console.table({
      [`A: CSV of ${MAX_MODULE_DAYS} days × ${csv.orgs} orgs (${figures.csv.bodyMiB} MiB), median`]: { ms: figures.csv.medianMs },
      'B alone: health p95': { ms: figures.quiet.health.p95Ms },
      'B alone: small upload p95': { ms: figures.quiet.smallUpload.p95Ms },
      'B under A: health p95': { ms: figures.underLoad.health.p95Ms },
      'B under A: small upload p95': { ms: figures.underLoad.smallUpload.p95Ms },
      'B under A: all requests p95 (target < 500)': { ms: figures.underLoad.all.p95Ms },
    });
    return figures;
  } finally {
    await edge.stop();
    await rm(persistDir, { recursive: true, force: true });
  }
}
