export { suggestMappings, type Suggestion, type SuggestOptions, type SuggestionReason } from './suggest.ts';
