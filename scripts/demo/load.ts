// Loads the demo into an edge through its public HTTP API, as the modules and an admin
// would: accounts as config changes; each module's history as a CSV backfill (the way an
// MSP onboards a module), then the recent days one upload a night, the Datto RMM device
// list and the late correction.
//   node scripts/demo/load.ts <edge-url> <admin-token>
import Papa from 'papaparse';
import type { Upload } from '../../shared/schema/upload.ts';
import { formatHlc } from '../../shared/sync/hlc.ts';
import { addDays, today } from '../../shared/dates/index.ts';
import { simulateDemo, type DemoEvent, type DemoPlan } from './simulate.ts';

export interface DemoLoad {
  plan: DemoPlan;
  accounts: number;
  uploads: number;
  ms: number;
}

const NIGHTLY_DAYS = 14;
const CSV_DAYS = 30;

/** POSTs a body to the edge with the admin token; retries server errors twice. */
export async function send(url: string, token: string, path: string, body: unknown, type = 'application/json'): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    if (response.ok) return;
    const text = await response.text();
    if (response.status < 500 || attempt >= 3) throw new Error(`POST ${path} answered ${response.status}: ${text.slice(0, 500)}`);
  }
}

/** True when the tenant already holds uploads (then the demo is not loaded again). */
export async function tenantHasUploads(url: string, token: string): Promise<boolean> {
  const response = await fetch(`${url}/v1/uploads?limit=1`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET /v1/uploads answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  const page = (await response.json()) as { uploads?: unknown[] };
  return (page.uploads?.length ?? 0) > 0;
}

export interface DemoOptions {
  /** The demo's last day of usage (usually yesterday of the caller's today). */
  lastDay: string;
  /** The caller's now (ms): the clock stamped on the demo's config changes. */
  now: number;
  days?: number;
  seed?: number;
}

/** Sends the seeded demo to the edge; events of one day go in parallel, days in order. Time comes from the caller. */
export async function loadDemo(url: string, token: string, options: DemoOptions): Promise<DemoLoad> {
  const started = performance.now();
  const plan = simulateDemo({ lastDay: options.lastDay, days: options.days, seed: options.seed });
  const now = options.now;
  await send(url, token, '/v1/changes', {
    changes: plan.accounts.map((a, i) => ({ table: 'accounts', id: a.id, fields: { name: a.name }, hlc: formatHlc({ millis: now, counter: i, origin: 'demo' }), origin: 'demo' })),
  });
  // history: one CSV per module and month-sized chunk of days
  const since = addDays(plan.lastDay, -(NIGHTLY_DAYS - 1));
  const history = new Map<string, Upload[]>();
  const recent: DemoEvent[] = [];
  for (const event of plan.events) {
    if (event.kind === 'upload' && event.upload.date < since && !history.get(event.upload.module)?.some((u) => u.date === event.upload.date)) {
      history.set(event.upload.module, [...(history.get(event.upload.module) ?? []), event.upload]);
    } else recent.push(event);
  }
  const backfills: { module: string; csv: string }[] = [];
  for (const [module, uploads] of history) {
    for (let i = 0; i < uploads.length; i += CSV_DAYS) {
      const rows = uploads.slice(i, i + CSV_DAYS).flatMap((u) => u.orgs.flatMap((org) =>
        Object.entries(org.metrics).map(([billingType, quantity]) => [u.date, org.orgId, org.name, billingType, String(quantity)])));
      backfills.push({ module, csv: Papa.unparse({ fields: ['date', 'orgId', 'orgName', 'billingType', 'quantity'], data: rows }) });
    }
  }
  for (let i = 0; i < backfills.length; i += 4) {
    await Promise.all(backfills.slice(i, i + 4).map((b) => send(url, token, `/v1/uploads?module=${b.module}`, b.csv, 'text/csv')));
  }

  const post = (event: DemoEvent) => event.kind === 'upload'
    ? send(url, token, '/v1/uploads', event.upload)
    : send(url, token, `/v1/modules/datto-rmm/devices?date=${event.date}`, event.devices);
  // a module-day sent twice (the correction) must arrive in order, so batch by day
  let batch: DemoEvent[] = [];
  let day = '';
  const flush = async () => {
    for (let i = 0; i < batch.length; i += 8) await Promise.all(batch.slice(i, i + 8).map(post));
    batch = [];
  };
  for (const event of recent) {
    const date = event.kind === 'upload' ? event.upload.date : event.date;
    const repeat = event.kind === 'upload' && batch.some((e) => e.kind === 'upload' && e.upload.module === event.upload.module && e.upload.date === date);
    if ((date !== day && batch.length >= 16) || repeat) await flush();
    day = date;
    batch.push(event);
  }
  await flush();
  return { plan, accounts: plan.accounts.length, uploads: plan.events.length, ms: Math.round(performance.now() - started) };
}

if (import.meta.main) {
  const [url, token] = process.argv.slice(2);
  if (!url || !token) {
    process.stderr.write('usage: node scripts/demo/load.ts <edge-url> <admin-token>\n');
    process.exit(2);
  }
  // the one read of the clock: the demo ends yesterday
  const now = Date.now();
  const result = await loadDemo(url.replace(/\/+$/, ''), token, { lastDay: addDays(today(new Date(now)), -1), now });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
