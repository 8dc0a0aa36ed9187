export { suggestMappings, type Suggestion, type SuggestOptions, type Reason } from './suggest.ts';
export { analyzeName, type NameInfo, type NameToken } from './name.ts';
