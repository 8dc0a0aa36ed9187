import type { MappingData } from '../../lib/queries/mapping.ts';
import type { MappingDraft } from '../../lib/mapping/draft.svelte.ts';
import type { Suggestion } from '../../lib/mapping/suggestions.ts';

/** What both mapping views (by account, by module organization) are given. */
export interface MappingViewProps {
  data: MappingData;
  draft: MappingDraft;
  suggestions: Map<string, Suggestion>;
  onaccept: (s: Suggestion) => void;
}
