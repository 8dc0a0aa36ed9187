// A workspace file read as it streams (plain JSON or gzip), validated in parts: a large MSP's
// year does not fit in one string, and most of it is uploads, which the fast path checks.
import { createReadStream } from 'node:fs';
import { JsonSyntaxError } from '../shared/workspace-stream/document-splitter.ts';
import { readWorkspace } from '../shared/workspace-stream/read-document.ts';
import type { AssembledWorkspace } from '../shared/workspace-stream/workspace-assembler.ts';
import { CannotReadFile, UsageError } from './command.ts';

/** The file's workspace, or every problem by path; throws CannotReadFile when it can't be read as JSON. */
export async function readWorkspaceFile(path: string | undefined): Promise<AssembledWorkspace> {
  if (!path) throw new UsageError('missing file argument');
  const bytes: AsyncIterable<Uint8Array> = createReadStream(path, { highWaterMark: 4 * 2 ** 20 });
  try {
    return await readWorkspace(bytes);
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw new CannotReadFile(path, `it is not valid JSON: ${error.message}`);
    throw new CannotReadFile(path, (error as Error).message);
  }
}
