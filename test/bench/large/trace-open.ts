// A trace of the whole browser (every process and thread, IndexedDB's backend included, which
// the DevTools profiler cannot see) during windows of the large MSP's first open
// (docs/edge-storage.md#first-sync-in-the-browser-what-it-must-not-do): a cached load of
// `npm run bench -- large` served by `wrangler dev`, a fresh profile; each window starts 3 s
// after the sync status enters its phase (changes, uploads, history, or synced) and lasts the
// seconds given; prints per thread the trace events that took longest (wall and thread CPU,
// and for tasks where they were posted from) and writes the events to /tmp/trace-<n>.json.
//   node test/bench/large/trace-open.ts test/bench/.cache/<key> changes:25,uploads:25
import { mkdtemp, readFile, cp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureSpaBuilt } from '../../../scripts/web/build.ts';
import { launchChromium } from '../../support/chromium.ts';
import { startBenchEdge } from './edge.ts';

const [cacheDir = '', windowsArg = 'changes:30,uploads:30'] = process.argv.slice(2);
const meta = JSON.parse(await readFile(join(cacheDir, 'meta.json'), 'utf8')) as { today: string; adminToken: string };
ensureSpaBuilt();
const work = await mkdtemp(join(tmpdir(), 'trueup-trace-'));
await cp(join(cacheDir, 'persist'), work, { recursive: true });
const edge = await startBenchEdge(work, meta.today);
const browser = await launchChromium();
const cdp = await browser.newBrowserCDPSession();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
await context.clock.install({ time: Date.now() + edge.offsetMs });
const page = await context.newPage();
const started = Date.now();
await page.goto(`${edge.url}/#token=${meta.adminToken}`);
const status = () => page.evaluate(() => {
  const el = document.querySelector('[data-testid="sync-status"]');
  return `${el?.querySelector('[data-testid="sync-progress"]')?.getAttribute('data-phase') ?? ''}|${(el?.textContent ?? '').replace(/\s+/g, ' ').trim()}`;
}).catch(() => '');
type Ev = { ph: string; name: string; cat: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; args?: Record<string, unknown> };
for (const [wi, w] of windowsArg.split(',').entries()) {
  const [phase, secs] = w.split(':');
  while (!(await status()).startsWith(phase === 'synced' ? '|Synced' : `${phase}|`)) await new Promise((r) => setTimeout(r, 200));
  await new Promise((r) => setTimeout(r, 3000));
  const events: Ev[] = [];
  const collect = (e: { value: unknown[] }) => { for (const v of e.value as Ev[]) events.push(v); };
  cdp.on('Tracing.dataCollected', collect);
  const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
  await cdp.send('Tracing.start', { traceConfig: { recordMode: 'recordAsMuchAsPossible', includedCategories: ['toplevel', 'IndexedDB', 'leveldb', 'disabled-by-default-devtools.timeline', 'v8', '__metadata'] }, transferMode: 'ReportEvents' } as never);
  console.log(`window ${wi} ${phase} at ${Math.round((Date.now() - started) / 1000)} s: ${await status()}`);
  await new Promise((r) => setTimeout(r, Number(secs) * 1000));
  await cdp.send('Tracing.end');
  await done;
  cdp.off('Tracing.dataCollected', collect);
  console.log(`  end ${Math.round((Date.now() - started) / 1000)} s: ${await status()} events ${events.length}`);
  await writeFile(`/tmp/trace-${wi}.json`, JSON.stringify(events));
  const names = new Map<string, string>();
  const pnames = new Map<number, string>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, String((e.args as { name: string }).name));
    if (e.ph === 'M' && e.name === 'process_name') pnames.set(e.pid, String((e.args as { name: string }).name));
  }
  // thread CPU of complete events by name, per thread; count only outermost (nested are inside)
  const byThread = new Map<string, Map<string, { n: number; cpu: number; wall: number }>>();
  for (const e of events) {
    if (e.ph !== 'X') continue;
    const t = `${pnames.get(e.pid) ?? e.pid}/${names.get(`${e.pid}:${e.tid}`) ?? e.tid}`;
    const m = byThread.get(t) ?? new Map(); byThread.set(t, m);
    const src = e.args && typeof e.args === 'object' && 'src_func' in e.args ? ` <${String(e.args.src_func)}>` : e.args && 'src' in e.args ? ` <${String((e.args as { src: unknown }).src)}>` : '';
    const key = `${e.cat} ${e.name}${src}`;
    const s = m.get(key) ?? { n: 0, cpu: 0, wall: 0 }; s.n++; s.cpu += (e.tdur ?? 0) / 1000; s.wall += (e.dur ?? 0) / 1000; m.set(key, s);
  }
  for (const [t, m] of byThread) {
    const top = [...m].sort((a, b) => b[1].wall - a[1].wall).slice(0, 14);
    if ((top[0]?.[1].wall ?? 0) < 500) continue;
    console.log(`-- ${t}`);
    for (const [k, s] of top) console.log(`   wall ${s.wall.toFixed(0).padStart(7)} ms cpu ${s.cpu.toFixed(0).padStart(7)} n ${String(s.n).padStart(7)}  ${k.slice(0, 140)}`);
  }
}
await browser.close();
await edge.stop();
