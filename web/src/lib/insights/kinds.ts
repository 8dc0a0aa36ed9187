// The five insights as the screens name them, in the order they are shown.
import type { Insights } from '../../../../shared/insights/insights.ts';

export type InsightKind = 'unmappedOrgs' | 'modulesWithoutServices' | 'staleModules' | 'unmappedTypes' | 'quantityJumps';

export interface InsightKindInfo {
  kind: InsightKind;
  /** The section's anchor on the Insights screen. */
  anchor: string;
  title: string;
}

export const INSIGHT_KINDS: readonly InsightKindInfo[] = [
  { kind: 'unmappedOrgs', anchor: 'unmapped-orgs', title: 'New module organizations not mapped' },
  { kind: 'modulesWithoutServices', anchor: 'modules-without-services', title: 'Enabled modules with no mapped billing types' },
  { kind: 'staleModules', anchor: 'stale-modules', title: 'Modules not uploading for over a day' },
  { kind: 'unmappedTypes', anchor: 'unmapped-types', title: 'Billing types reported that no contract maps' },
  { kind: 'quantityJumps', anchor: 'quantity-jumps', title: 'Quantity jumps of over 20% day to day' },
];

/** How many rows an insight has. */
export function countOf(insights: Insights, kind: InsightKind): number {
  return insights[kind].length;
}
