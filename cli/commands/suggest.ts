import { ValidationError } from '../../shared/schema/issues.ts';
import { suggestMappings } from '../../shared/suggest/index.ts';
import type { Command } from '../command.ts';
import { readWorkspaceFile } from '../workspace-file.ts';

/** `suggest <workspace.json>`: suggested org mappings for every unmapped module org (docs/billing-rules.md#suggested-mappings). */
export const suggest: Command = {
  usage: 'suggest <workspace.json>',
  async run([file]) {
    const read = await readWorkspaceFile(file);
    if (!read.ok) throw new ValidationError(read.issues, 'workspace');
    return { suggestions: suggestMappings(read.workspace) };
  },
};
