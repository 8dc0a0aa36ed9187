import type { Upload } from '../schema/upload.ts';
import { UsageStore } from './store.ts';

/** Uploads by module then day: the compact store (docs/usage-store.md). */
export type UploadIndex = UsageStore;

/** Indexes uploads by module and day; a later upload of the same module-day replaces an earlier one whole (docs/billing-rules.md#usage-series). */
export function indexUploads(uploads: readonly Upload[]): UploadIndex {
  return UsageStore.fromUploads(uploads);
}
