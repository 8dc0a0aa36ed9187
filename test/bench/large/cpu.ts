// Where the machine's CPU went during a step: the CPU seconds of each Chromium process type
// (CDP SystemInfo.getProcessInfo: browser, renderer, gpu, utility such as the network and
// storage services) and of the local edge (every `workerd` process, from /proc), read before
// and after, and of each of their threads by name. On this 2-core machine the edge serves the
// first open from the same cores as the browser, which a deployed edge does not; the figures
// say how much of the first open that is.
import { readdir, readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';

export type CpuSeconds = Record<string, number>;

const TICKS_PER_SECOND = 100;

/** CPU seconds of every process whose command is `name` (user + system, children excluded). */
async function processSeconds(name: string): Promise<number> {
  let ticks = 0;
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (stat.slice(stat.indexOf('(') + 1, close) !== name) continue;
      const fields = stat.slice(close + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended while it was read
    }
  }
  return ticks / TICKS_PER_SECOND;
}

/** The CPU seconds so far, by Chromium process type and `edge` (workerd). */
export async function cpuNow(browser: Browser): Promise<CpuSeconds> {
  const session = await browser.newBrowserCDPSession();
  try {
    const info = await session.send('SystemInfo.getProcessInfo') as { processInfo: { type: string; cpuTime: number }[] };
    const seconds: CpuSeconds = {};
    for (const p of info.processInfo) seconds[p.type] = (seconds[p.type] ?? 0) + p.cpuTime;
    seconds.edge = await processSeconds('workerd');
    return seconds;
  } finally {
    await session.detach().catch(() => undefined);
  }
}

/**
 * CPU seconds so far of every thread of the browser's and the edge's processes, by process type
 * and thread name (`browser ThreadPoolForeground` is where IndexedDB's backend runs,
 * `renderer DedicatedWorker` the app's workers, `workerd workerd` the local edge).
 */
export async function threadsNow(): Promise<CpuSeconds> {
  const seconds: CpuSeconds = {};
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const comm = (await readFile(`/proc/${pid}/comm`, 'utf8')).trim();
      if (!/chrom|workerd/i.test(comm)) continue;
      const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
      const type = /--type=([a-z-]+)/.exec(cmdline)?.[1] ?? (comm === 'workerd' ? 'workerd' : 'browser');
      for (const tid of await readdir(`/proc/${pid}/task`)) {
        const stat = await readFile(`/proc/${pid}/task/${tid}/stat`, 'utf8').catch(() => '');
        const close = stat.lastIndexOf(')');
        if (close < 0) continue;
        const name = `${type} ${stat.slice(stat.indexOf('(') + 1, close).replace(/\d+$/, '')}`;
        const fields = stat.slice(close + 2).split(' ');
        seconds[name] = (seconds[name] ?? 0) + (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
      }
    } catch {
      // the process ended while it was read
    }
  }
  return seconds;
}

/** What each process type used between two readings (seconds, one decimal). */
export function cpuBetween(before: CpuSeconds, after: CpuSeconds): CpuSeconds {
  const used: CpuSeconds = {};
  for (const [type, seconds] of Object.entries(after)) used[type] = Number((seconds - (before[type] ?? 0)).toFixed(1));
  return used;
}
