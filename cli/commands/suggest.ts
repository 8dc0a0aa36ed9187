import { parseOrThrow } from '../../shared/schema/issues.ts';
import { workspace } from '../../shared/schema/workspace.ts';
import { suggestMappings } from '../../shared/suggest/index.ts';
import { readJsonFile, type Command } from '../command.ts';

/** `suggest <workspace.json>`: suggested org mappings for every unmapped module org (docs/billing-rules.md#suggested-mappings). */
export const suggest: Command = {
  usage: 'suggest <workspace.json>',
  async run([file]) {
    const ws = parseOrThrow(workspace, await readJsonFile(file), 'workspace');
    return { suggestions: suggestMappings(ws) };
  },
};
