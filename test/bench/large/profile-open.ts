// CPU profiles of the page and each of its workers during the large MSP's first open
// (docs/benchmarks.md#figures-after-round-2-issue-12): a cached load of `npm run bench -- large`
// served by `wrangler dev`, a fresh Chromium profile, and in each window `Profiler.start` on the
// page and on every worker attached so far; prints the sync status, the top self times of each
// thread, and writes the .cpuprofile files to /tmp (open them in Chromium's DevTools).
//   node test/bench/large/profile-open.ts test/bench/.cache/<key> <seconds a window> <windows> [after-sync|after-recent]
// (after-sync: the first window opens when the sync status first says "Synced"; after-recent:
// when a first pull's earlier days begin, to profile the engine worker's first read and figures)
import { mkdtemp, readFile, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureSpaBuilt } from '../../../scripts/web/build.ts';
import { launchChromium } from '../../support/chromium.ts';
import { startBenchEdge } from './edge.ts';

const [cacheDir = '', windowS = '60', windows = '3', from = ''] = process.argv.slice(2);
const meta = JSON.parse(await readFile(join(cacheDir, 'meta.json'), 'utf8')) as { today: string; adminToken: string };
ensureSpaBuilt();
const work = await mkdtemp(join(tmpdir(), 'trueup-prof-'));
await cp(join(cacheDir, 'persist'), join(work), { recursive: true });
const edge = await startBenchEdge(work, meta.today);
const browser = await launchChromium();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
await context.clock.install({ time: Date.now() + edge.offsetMs });
const page = await context.newPage();
page.on('pageerror', (e) => console.log('PAGEERROR', e.message.slice(0, 300)));
page.on('console', (m) => { if (m.type() === 'error') console.log('CONSOLE', m.text().slice(0, 300)); });
const session = await context.newCDPSession(page);
const workers = new Map<string, string>();
const pending = new Map<number, (v: unknown) => void>();
let nextId = 1;
session.on('Target.attachedToTarget', (e: { sessionId: string; targetInfo: { type: string; url: string } }) => { if (e.targetInfo.type === 'worker') workers.set(e.sessionId, e.targetInfo.url); });
session.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
  const m = JSON.parse(e.message) as { id?: number; result?: unknown };
  if (m.id !== undefined) { pending.get(m.id)?.(m.result); pending.delete(m.id); }
});
await session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
const toWorker = (sid: string, method: string, params: object = {}) => new Promise<unknown>((resolve) => {
  const id = nextId++; pending.set(id, resolve);
  void session.send('Target.sendMessageToTarget', { sessionId: sid, message: JSON.stringify({ id, method, params }) });
  setTimeout(() => { if (pending.delete(id)) resolve(null); }, 60_000);
});
type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number };
function summarize(label: string, profile: { nodes: Node[]; samples?: number[]; timeDeltas?: number[] } | null) {
  if (!profile) return `${label}: no profile`;
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    const n = byId.get(id); if (!n) return;
    const f = n.callFrame; const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (deltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return `${label}: total ${(total / 1000).toFixed(0)} ms\n` + [...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `   ${(v / 1000).toFixed(0).padStart(7)} ms  ${k}`).join('\n');
}
const started = Date.now();
await page.goto(`${edge.url}/#token=${meta.adminToken}`);
const status = () => page.evaluate(() => (document.querySelector('[data-testid="sync-status"]')?.textContent ?? '').replace(/\s+/g, ' ').trim()).catch(() => '');
if (from === 'after-sync') while (!(await status()).startsWith('Synced')) await new Promise((r) => setTimeout(r, 200));
if (from === 'after-recent') while (!(await status()).includes('earlier module-days')) await new Promise((r) => setTimeout(r, 200));
for (let w = 0; w < Number(windows); w++) {
  if (w > 0 || from === '') await new Promise((r) => setTimeout(r, 2000));
  const sids = [...workers.keys()];
  await session.send('Profiler.enable'); await session.send('Profiler.start');
  for (const sid of sids) { await toWorker(sid, 'Profiler.enable'); await toWorker(sid, 'Profiler.start'); }
  const at = Math.round((Date.now() - started) / 1000);
  console.log(`window ${w} at ${at} s: ${await status()}`);
  await new Promise((r) => setTimeout(r, Number(windowS) * 1000));
  console.log(`  end: ${await status()}`);
  const pageProf = (await session.send('Profiler.stop')) as { profile: { nodes: Node[] } };
  console.log(summarize('page', pageProf.profile));
  await writeFile(`/tmp/prof-page-${w}.cpuprofile`, JSON.stringify(pageProf.profile));
  for (const sid of sids) {
    const r = (await toWorker(sid, 'Profiler.stop')) as { profile: { nodes: Node[] } } | null;
    const name = (workers.get(sid) ?? '').split('/').pop() ?? sid;
    console.log(summarize(name, r?.profile ?? null));
    if (r) await writeFile(`/tmp/prof-${name}-${w}.cpuprofile`, JSON.stringify(r.profile));
  }
}
await browser.close();
await edge.stop();
