// Where the machine's CPU went during a step: the CPU seconds of each Chromium process type
// (CDP SystemInfo.getProcessInfo: browser, renderer, gpu, utility such as the network and
// storage services) and of the local edge (every `workerd` process, from /proc), read before
// and after. On this 2-core machine the edge serves the first open from the same cores as the
// browser, which a deployed edge does not; the figures say how much of the first open that is.
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

/** What each process type used between two readings (seconds, one decimal). */
export function cpuBetween(before: CpuSeconds, after: CpuSeconds): CpuSeconds {
  const used: CpuSeconds = {};
  for (const [type, seconds] of Object.entries(after)) used[type] = Number((seconds - (before[type] ?? 0)).toFixed(1));
  return used;
}
