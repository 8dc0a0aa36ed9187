// The engine worker says each time it has read the stored data. A first pull's earlier
// module-days wait for that read (the one the first figures need) before they start, up to a
// limit: both would otherwise contend for IndexedDB and the two cores while the first figures
// are computed (docs/edge-storage.md#uploads-recent-first). A BroadcastChannel reaches the sync
// worker from the engine worker without going through the page.
const CHANNEL = 'trueup-engine-read';

/** Called by the engine worker after a read. */
export function announceEngineRead(): void {
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage('read');
  channel.close();
}

/** Settles at the engine's next read, or after `limitMs` when none comes (no screen asked for figures). */
export function nextEngineRead(limitMs: number): Promise<void> {
  return new Promise((resolve) => {
    const channel = new BroadcastChannel(CHANNEL);
    const done = () => {
      clearTimeout(timer);
      channel.close();
      resolve();
    };
    const timer = setTimeout(done, limitMs);
    channel.onmessage = done;
  });
}
