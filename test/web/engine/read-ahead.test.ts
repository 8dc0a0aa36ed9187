// While a pull lands pages, the page asks the engine worker to read them: never two reads at
// once, and the versions that land during a read are read by exactly one more.
import { describe, expect, it } from 'vitest';
import type { Remote } from 'comlink';
import { ReadAhead } from '../../../web/src/lib/engine/read-ahead.ts';
import type { WorkerApi } from '../../../web/src/lib/engine/session.ts';

function worker() {
  const calls: (() => void)[] = [];
  const api = { catchUp: () => new Promise<void>((resolve) => calls.push(resolve)) } as unknown as Remote<WorkerApi>;
  return { calls, get: () => api };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('read-ahead during a pull', () => {
  it('keeps one read in flight and folds the pages landed meanwhile into one more', async () => {
    const w = worker();
    const ahead = new ReadAhead(w.get);
    ahead.request();
    ahead.request();
    ahead.request();
    expect(w.calls.length).toBe(1);
    w.calls[0]?.();
    await settle();
    expect(w.calls.length).toBe(2);
    w.calls[1]?.();
    await settle();
    expect(w.calls.length).toBe(2);
    ahead.request();
    expect(w.calls.length).toBe(3);
  });
});
