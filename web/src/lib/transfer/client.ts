// The page's side of the transfer worker: started on first use, one per tab.
import { wrap, type Remote } from 'comlink';
import type { TransferApi } from './api.ts';

let remote: Remote<TransferApi> | undefined;

export function transferWorker(): Remote<TransferApi> {
  remote ??= wrap<TransferApi>(new Worker(new URL('./transfer.worker.ts', import.meta.url), { type: 'module' }));
  return remote;
}

interface SaveFilePicker {
  showSaveFilePicker(options: { suggestedName: string; types: { description: string; accept: Record<string, string[]> }[] }): Promise<FileSystemFileHandle>;
}

/** The File System Access API's save dialog, where the browser has one (Chromium). */
export function saveFilePicker(): SaveFilePicker['showSaveFilePicker'] | null {
  const w = globalThis as unknown as Partial<SaveFilePicker>;
  return typeof w.showSaveFilePicker === 'function' ? w.showSaveFilePicker.bind(globalThis) : null;
}
