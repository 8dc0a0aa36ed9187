import { addDays, dayNumber } from '../dates/day.ts';
import type { Upload } from '../schema/upload.ts';
import type { UsageStore } from '../usage/store.ts';

/** An enabled module that has stopped uploading (or never started). */
export interface StaleModule {
  module: string;
  /** Its latest upload day on or before asOf; null when it never uploaded. */
  lastUpload: string | null;
  /** Days from lastUpload to asOf; null when it never uploaded. */
  daysSince: number | null;
}

/**
 * Enabled modules whose latest upload is older than the day before asOf (a nightly sync
 * was missed: billing carries the last values forward meanwhile), and enabled modules
 * that never uploaded. Longest silence first, never-uploaded ones before all.
 */
export function staleModules(ws: { enabledModules: readonly string[]; uploads: readonly Pick<Upload, 'module' | 'date'>[]; usage?: UsageStore }, asOf: string): StaleModule[] {
  const last = new Map<string, string>();
  if (ws.usage) {
    for (const [module, usage] of ws.usage.modules) {
      const day = usage.days[usage.firstAtOrAfter(asOf + '\u0000') - 1];
      if (day !== undefined) last.set(module, day);
    }
  }
  for (const upload of ws.uploads) {
    if (upload.date > asOf) continue;
    const seen = last.get(upload.module);
    if (seen === undefined || upload.date > seen) last.set(upload.module, upload.date);
  }
  const yesterday = addDays(asOf, -1);
  const stale: StaleModule[] = [];
  for (const module of new Set(ws.enabledModules)) {
    const day = last.get(module);
    if (day === undefined) stale.push({ module, lastUpload: null, daysSince: null });
    else if (day < yesterday) stale.push({ module, lastUpload: day, daysSince: dayNumber(asOf) - dayNumber(day) });
  }
  return stale.sort((a, b) => (b.daysSince ?? Infinity) - (a.daysSince ?? Infinity) || a.module.localeCompare(b.module));
}
