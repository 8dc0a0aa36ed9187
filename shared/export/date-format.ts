import type { ExportSettings } from '../schema/parties.ts';

export type ExportDateFormat = ExportSettings['dateFormat'];

/** An ISO day in the export's date format, zero-padded ("10/31/2026", "31/10/2026", "2026-10-31"). */
export function formatExportDate(day: string, format: ExportDateFormat = 'MM/DD/YYYY'): string {
  const [y, m, d] = [day.slice(0, 4), day.slice(5, 7), day.slice(8, 10)];
  if (format === 'DD/MM/YYYY') return `${d}/${m}/${y}`;
  if (format === 'YYYY-MM-DD') return `${y}-${m}-${d}`;
  return `${m}/${d}/${y}`;
}
