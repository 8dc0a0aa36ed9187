import type { InvoiceLine } from '../schema/invoice.ts';

/** The group of lines without a module: fixed fees and one-off charges. */
export const OTHER_GROUP = '';
export const OTHER_GROUP_NAME = 'Fixed fees and charges';

/** The invoice group a line is shown in: its module, or the group of fixed fees and charges. */
export function lineGroup(line: Pick<InvoiceLine, 'module' | 'moduleName'>): { key: string; name: string } {
  if (line.module === null) return { key: OTHER_GROUP, name: OTHER_GROUP_NAME };
  return { key: line.module, name: line.moduleName ?? line.module };
}
