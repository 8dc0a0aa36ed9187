// The workspace document written in pieces: its small members first, then invoices and
// uploads a page at a time, so no string ever holds the whole document (a large MSP's year
// is larger than the longest string a JavaScript engine can make). The result is the same
// JSON document as one JSON.stringify, laid out one record per line.
import type { Upload } from '../schema/upload.ts';
import type { Workspace } from '../schema/workspace.ts';

export type WorkspaceHead = Omit<Workspace, 'uploads' | 'invoices'>;

type Pages<T> = AsyncIterable<readonly T[]> | Iterable<readonly T[]>;

async function* arrayText<T>(key: string, pages: Pages<T>, last: boolean): AsyncGenerator<string> {
  yield `${JSON.stringify(key)}: [`;
  let first = true;
  for await (const page of pages) {
    if (page.length === 0) continue;
    const text = page.map((item) => JSON.stringify(item)).join(',\n');
    yield `${first ? '\n' : ',\n'}${text}`;
    first = false;
  }
  yield `${first ? '' : '\n'}]${last ? '' : ','}\n`;
}

/** The document as text pieces, each at most a page of records long. */
export async function* workspaceDocumentText(head: WorkspaceHead, invoices: Pages<Workspace['invoices'][number]>, uploads: Pages<Upload>): AsyncGenerator<string> {
  const members = Object.entries(head).filter(([, value]) => value !== undefined);
  yield '{\n' + members.map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)},\n`).join('');
  yield* arrayText('invoices', invoices, false);
  yield* arrayText('uploads', uploads, true);
  yield '}\n';
}
