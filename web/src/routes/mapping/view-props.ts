import type { MappingDraft } from '../../lib/mapping/draft.svelte.ts';
import type { Suggestion } from '../../lib/mapping/suggestions.ts';
import type { OrgMappingView } from '../../lib/engine/views/org-mapping.ts';

/** What both mapping views (by account, by module organization) are given: the worker's page and the draft. */
export interface MappingViewProps {
  view: OrgMappingView;
  draft: MappingDraft;
  /** False while the shown page is being recomputed. */
  current: boolean;
  onaccept: (s: Suggestion & { saved?: string | null }) => void;
}
