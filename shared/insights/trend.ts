import { addDays } from '../dates/day.ts';
import { formatQuantity, quantityUnits } from '../money/scaled.ts';
import type { Invoice } from '../schema/invoice.ts';

/** Billed units per module per day over a window of days. */
export interface UnitsTrend {
  days: string[];
  /** One series per module with billing items in the window; units[i] is days[i]'s total (4-decimal text). */
  modules: { module: string; moduleName: string; units: string[] }[];
}

/**
 * The units billed per module on each day from `from` to `to`: Σ of the daily quantities
 * of the invoices' item lines (adjustments carry no days; projected days are left out,
 * so a day past asOf never shows a guess). Invoices must carry daily quantities (posted
 * ones froze theirs; drafts need them computed). Sorted by module name.
 */
export function unitsTrend(invoices: readonly Invoice[], window: { from: string; to: string }): UnitsTrend {
  const days: string[] = [];
  for (let day = window.from; day <= window.to; day = addDays(day, 1)) days.push(day);
  const position = new Map(days.map((d, i) => [d, i]));
  const byModule = new Map<string, { name: string; units: bigint[] }>();
  for (const invoice of invoices) {
    if (invoice.status === 'voided') continue;
    for (const line of invoice.lines) {
      if (line.kind !== 'item' || line.module === null) continue;
      const module = line.module;
      let entry = byModule.get(module);
      for (const day of line.daily ?? []) {
        const i = position.get(day.date);
        if (i === undefined || day.estimated) continue;
        if (!entry) {
          entry = { name: line.moduleName ?? module, units: days.map(() => 0n) };
          byModule.set(module, entry);
        }
        entry.units[i] = (entry.units[i] as bigint) + quantityUnits(day.quantity);
      }
    }
  }
  return {
    days,
    modules: [...byModule]
      .map(([module, { name, units }]) => ({ module, moduleName: name, units: units.map(formatQuantity) }))
      .sort((a, b) => a.moduleName.localeCompare(b.moduleName) || a.module.localeCompare(b.module)),
  };
}
