// Memory of the browser while the bench drives it, read through the DevTools protocol: each
// renderer process's resident memory (SystemInfo.getProcessInfo gives the pids, /proc their
// RSS) and the JS heap of the page and of the engine's Web Worker (Runtime.getHeapUsage on
// the worker's target, attached from the page's session).
import { readFile } from 'node:fs/promises';
import type { Browser, CDPSession, Page } from 'playwright-core';

export interface MemorySample {
  atSeconds: number;
  label: string;
  rendererMiB: number | null;
  pageHeapMiB: number | null;
  /** The engine worker's used heap. */
  workerHeapMiB: number | null;
  /** Each worker's used heap by its script (`engine`, `sync`, `transfer`). */
  workerHeapsMiB: Record<string, number>;
}

/** A worker's short name from its script URL (`…/workers/engine.worker-<hash>.js` → `engine`). */
function workerName(url: string): string {
  const file = url.split('/').pop() ?? url;
  return file.split('.worker')[0] ?? file;
}

const mib = (bytes: number) => Number((bytes / 2 ** 20).toFixed(1));

/** A protocol answer, or null after 10 s: a crashed renderer never answers, and the run must go on. */
async function within<T>(promise: Promise<T> | undefined): Promise<T | null> {
  if (!promise) return null;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => { timer = setTimeout(() => resolve(null), 10_000); });
  try {
    return await Promise.race([promise, late]);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

async function rssBytes(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Watches one page's renderer and its workers; `sample` reads them now. */
export class MemoryProbe {
  readonly samples: MemorySample[] = [];
  #browserSession: CDPSession | null = null;
  #pageSession: CDPSession | null = null;
  #workers = new Map<string, string>();
  #pending = new Map<number, (value: unknown) => void>();
  #nextId = 1;
  readonly #started = Date.now();

  async attach(browser: Browser, page: Page): Promise<void> {
    this.#browserSession = await browser.newBrowserCDPSession();
    const session = await page.context().newCDPSession(page);
    this.#pageSession = session;
    // A second, non-flat auto-attach beside Playwright's own: the worker's messages come
    // back wrapped, which needs no session routing from Playwright.
    session.on('Target.attachedToTarget', (event: { sessionId: string; targetInfo: { type: string; url: string } }) => {
      if (event.targetInfo.type === 'worker') this.#workers.set(event.sessionId, event.targetInfo.url);
    });
    session.on('Target.detachedFromTarget', (event: { sessionId: string }) => { this.#workers.delete(event.sessionId); });
    session.on('Target.receivedMessageFromTarget', (event: { message: string }) => {
      const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: unknown };
      const resolve = message.id === undefined ? undefined : this.#pending.get(message.id);
      if (resolve && message.id !== undefined) {
        this.#pending.delete(message.id);
        resolve(message.error ? null : message.result);
      }
    });
    await session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  }

  async #workerHeaps(): Promise<Record<string, number>> {
    const session = this.#pageSession;
    const heaps: Record<string, number> = {};
    if (!session) return heaps;
    for (const [sessionId, url] of this.#workers) {
      const id = this.#nextId++;
      const answer = new Promise<unknown>((resolve) => {
        this.#pending.set(id, resolve);
        setTimeout(() => { if (this.#pending.delete(id)) resolve(null); }, 10_000);
      });
      const sent = await within(session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) }).then(() => true));
      if (sent === null) {
        this.#pending.delete(id);
        continue;
      }
      const result = await answer as { usedSize?: number } | null;
      const name = workerName(url);
      if (result?.usedSize !== undefined) heaps[name] = Math.max(heaps[name] ?? 0, mib(result.usedSize));
    }
    return heaps;
  }

  /** Renderer RSS (the largest renderer: the app's), the page's and the engine worker's used JS heap. */
  async sample(label: string): Promise<MemorySample> {
    let renderer: number | null = null;
    // the browser closing, a page navigating or crashed: no figure for this sample
    const info = await within(this.#browserSession?.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] } | null;
    for (const p of info?.processInfo ?? []) {
      if (p.type !== 'renderer') continue;
      const rss = await rssBytes(p.id);
      if (rss !== null) renderer = Math.max(renderer ?? 0, rss);
    }
    const heap = await within(this.#pageSession?.send('Runtime.getHeapUsage')) as { usedSize: number } | null;
    const pageHeap = heap?.usedSize ?? null;
    const heaps = await this.#workerHeaps();
    const worker = heaps.engine ?? null;
    const sample: MemorySample = {
      atSeconds: Math.round((Date.now() - this.#started) / 1000), label,
      rendererMiB: renderer === null ? null : mib(renderer), pageHeapMiB: pageHeap === null ? null : mib(pageHeap), workerHeapMiB: worker, workerHeapsMiB: heaps,
    };
    this.samples.push(sample);
    return sample;
  }

  /** The largest value of each figure over every sample. */
  peaks(): { rendererMiB: number | null; pageHeapMiB: number | null; workerHeapMiB: number | null; workerHeapsMiB: Record<string, number> } {
    const peak = (pick: (s: MemorySample) => number | null) => this.samples.reduce<number | null>((best, s) => {
      const v = pick(s);
      return v === null ? best : Math.max(best ?? 0, v);
    }, null);
    const workers: Record<string, number> = {};
    for (const sample of this.samples) for (const [name, heap] of Object.entries(sample.workerHeapsMiB)) workers[name] = Math.max(workers[name] ?? 0, heap);
    return { rendererMiB: peak((s) => s.rendererMiB), pageHeapMiB: peak((s) => s.pageHeapMiB), workerHeapMiB: peak((s) => s.workerHeapMiB), workerHeapsMiB: workers };
  }
}
