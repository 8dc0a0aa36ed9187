// Loads the large MSP into a local edge through its public HTTP API, as the modules and a
// browser would: the admin's set-up as config changes, a year of nightly uploads (one JSON
// upload per module-day, oldest first), then each month's invoices frozen by the engine
// (shared/posting, "number pending") and pushed as changes, so the edge numbers them.
import { performance } from 'node:perf_hooks';
import { addDays, periodEnd } from '../../../shared/dates/index.ts';
import { postInvoices } from '../../../shared/posting/index.ts';
import type { Change } from '../../../shared/schema/changes.ts';
import { formatHlc } from '../../../shared/sync/hlc.ts';
import type { Json } from '../../../shared/sync/merge.ts';
import { recordFields } from '../../../shared/sync/record-fields.ts';
import { noonUtc } from './clock.ts';
import { largeWorkspace, type LargeMsp } from './generate.ts';

const ORIGIN = 'bench-loader';
/** Under the edge's 5 MiB body limit with room for the envelope. */
const BATCH_BYTES = 2 * 1024 * 1024;
const UPLOADS_IN_FLIGHT = 4;

export interface LoadFigures {
  configChanges: number;
  uploads: number;
  uploadMiB: number;
  invoices: number;
  invoiceMiB: number;
  numbered: number;
  seconds: { config: number; uploads: number; posting: number; total: number };
}

async function post(url: string, token: string, path: string, body: string): Promise<unknown> {
  // Both routes are idempotent (a module-day replaced whole, a change kept once), so a
  // request the edge dropped (a busy machine's wrangler dev resets a connection now and
  // then) is sent again after a pause.
  for (let attempt = 1; ; attempt++) {
    let failure: string;
    try {
      const response = await fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
      const text = await response.text();
      if (response.ok) return JSON.parse(text) as unknown;
      failure = `POST ${path} answered ${response.status}: ${text.slice(0, 500)}`;
      if (response.status < 500) throw new Error(failure);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith(`POST ${path} answered 4`)) throw error;
      failure = `POST ${path} failed: ${error instanceof Error ? `${error.message} (${String((error as { cause?: unknown }).cause ?? '')})` : String(error)}`;
    }
    if (attempt >= 5) throw new Error(failure);
    await new Promise((resolve) => setTimeout(resolve, 2_000 * attempt));
  }
}

/** Pushes changes in batches under the body limit; answers the numbers the edge gave to posted invoices. */
async function pushChanges(url: string, token: string, changes: Change[]): Promise<{ bytes: number; numbers: number }> {
  let bytes = 0;
  let numbers = 0;
  let batch: string[] = [];
  let size = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const answer = await post(url, token, '/v1/changes', `{"changes":[${batch.join(',')}]}`) as { numbers?: Record<string, string> };
    numbers += Object.keys(answer.numbers ?? {}).length;
    batch = [];
    size = 0;
  };
  for (const change of changes) {
    const text = JSON.stringify(change);
    bytes += text.length;
    if (size + text.length > BATCH_BYTES || batch.length >= 5000) await flush();
    batch.push(text);
    size += text.length + 1;
  }
  await flush();
  return { bytes, numbers };
}

function changesOf(rows: [Change['table'], string, Record<string, Json>][], millis: number): Change[] {
  return rows.map(([table, id, fields], counter) => ({ table, id, fields, hlc: formatHlc({ millis, counter, origin: ORIGIN }), origin: ORIGIN }));
}

const seconds = (ms: number) => Number((ms / 1000).toFixed(1));

/** Sends the whole MSP to the edge at `url`; `log` hears progress. */
export async function loadLargeMsp(url: string, token: string, msp: LargeMsp, log: (line: string) => void = () => {}): Promise<LoadFigures> {
  const started = performance.now();
  // The admin set the MSP up when its first module began uploading.
  const setUpAt = noonUtc(msp.firstDay);
  const config = changesOf([
    ...msp.accounts.map((a): [Change['table'], string, Record<string, Json>] => ['accounts', a.id, { name: a.name, deleted: false }]),
    ...msp.modules.map((m): [Change['table'], string, Record<string, Json>] => ['enabledModules', m.id, { enabled: true, deleted: false }]),
    ...msp.orgMappings.map((m): [Change['table'], string, Record<string, Json>] => ['orgMappings', `${m.module}:${m.orgId}`, recordFields(m)]),
    ...msp.contracts.map((c): [Change['table'], string, Record<string, Json>] => ['contracts', c.id, recordFields(c)]),
  ], setUpAt);
  await pushChanges(url, token, config);
  const configDone = performance.now();
  log(`config: ${config.length} changes in ${seconds(configDone - started)} s`);

  // Nightly uploads, oldest first, a few in flight; each answer's cursor is remembered so a
  // post can say which uploads it was computed from, as the posting browser would.
  const cursorByDay = new Map<string, number>();
  let uploadBytes = 0;
  let next = 0;
  let sent = 0;
  const worker = async () => {
    for (;;) {
      const upload = msp.uploads[next++];
      if (!upload) return;
      const body = JSON.stringify(upload);
      uploadBytes += body.length;
      const answer = await post(url, token, '/v1/uploads', body) as { uploads?: { cursor?: string }[] };
      const cursor = Math.max(...(answer.uploads ?? []).map((u) => Number(u.cursor ?? 0)));
      cursorByDay.set(upload.date, Math.max(cursorByDay.get(upload.date) ?? 0, cursor));
      if (++sent % 500 === 0) log(`uploads: ${sent} of ${msp.uploads.length} (${seconds(performance.now() - configDone)} s)`);
    }
  };
  await Promise.all(Array.from({ length: UPLOADS_IN_FLIGHT }, worker));
  const uploadsDone = performance.now();
  log(`uploads: ${sent} module-days, ${(uploadBytes / 2 ** 20).toFixed(0)} MiB in ${seconds(uploadsDone - configDone)} s`);

  // Each month is posted two days after it ends, from what was pulled by then.
  const ws = largeWorkspace(msp);
  let invoices = 0;
  let invoiceBytes = 0;
  let numbered = 0;
  for (const { period, accountIds } of msp.posted) {
    const asOf = addDays(periodEnd(period), 2);
    let usageCursor = 0;
    for (const [day, cursor] of cursorByDay) if (day < asOf) usageCursor = Math.max(usageCursor, cursor);
    const postedAt = noonUtc(asOf);
    const frozen = postInvoices(ws, accountIds, period, { numbered: false, postedAt: new Date(postedAt).toISOString(), asOf, usageCursor: String(usageCursor) }).invoices;
    const pushed = await pushChanges(url, token, changesOf(frozen.map((i) => ['invoices', i.id ?? '', recordFields(i)]), postedAt));
    invoices += frozen.length;
    invoiceBytes += pushed.bytes;
    numbered += pushed.numbers;
    log(`posted ${period}: ${frozen.length} invoices, ${(pushed.bytes / 2 ** 20).toFixed(0)} MiB of changes (${seconds(performance.now() - uploadsDone)} s)`);
  }
  const done = performance.now();
  return {
    configChanges: config.length, uploads: sent, uploadMiB: Number((uploadBytes / 2 ** 20).toFixed(1)),
    invoices, invoiceMiB: Number((invoiceBytes / 2 ** 20).toFixed(1)), numbered,
    seconds: { config: seconds(configDone - started), uploads: seconds(uploadsDone - configDone), posting: seconds(done - uploadsDone), total: seconds(done - started) },
  };
}
