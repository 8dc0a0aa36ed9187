// A workspace file as bytes → its pieces: gzip is recognised by its first two bytes (a
// backup may be compressed or not, whatever its name), then split as it streams.
import { DocumentSplitter, type DocumentPiece } from './document-splitter.ts';
import { throughStream } from './stream-of.ts';
import { STREAMED_MEMBERS, WorkspaceAssembler, type AssembledWorkspace } from './workspace-assembler.ts';

const GZIP_MAGIC = [0x1f, 0x8b] as const;

/** True when the bytes start like a gzip file. */
export function isGzip(head: Uint8Array): boolean {
  return head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
}

/**
 * The file's content, uncompressed when it is gzip. `onRead` gets the count of file bytes
 * read so far (compressed ones for gzip), for progress against the file's size.
 */
export async function* contentOf(file: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>, onRead?: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  const reader = 'getReader' in file ? file.getReader() : readerOf(file);
  let read = 0;
  const head: Uint8Array[] = [];
  let length = 0;
  async function* raw(): AsyncGenerator<Uint8Array> {
    yield* head;
    for (;;) {
      const next = await reader.read();
      if (next.done) return;
      read += next.value.length;
      onRead?.(read);
      yield next.value;
    }
  }
  try {
    // Enough bytes to tell gzip from JSON.
    while (length < GZIP_MAGIC.length) {
      const next = await reader.read();
      if (next.done) break;
      read += next.value.length;
      onRead?.(read);
      head.push(next.value);
      length += next.value.length;
    }
    const first = new Uint8Array(GZIP_MAGIC.length);
    let at = 0;
    for (const chunk of head) for (let i = 0; i < chunk.length && at < first.length; i++) first[at++] = chunk[i] as number;
    if (!isGzip(first)) {
      yield* raw();
      return;
    }
    yield* throughStream(raw(), new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>);
  } finally {
    reader.releaseLock();
  }
}

/** An async iterable (a Node file stream) read like a web stream, without converting it to one. */
function readerOf(chunks: AsyncIterable<Uint8Array>): { read(): Promise<ReadableStreamReadResult<Uint8Array>>; releaseLock(): void } {
  const iterator = chunks[Symbol.asyncIterator]();
  return {
    async read() {
      const next = await iterator.next();
      return next.done ? { done: true, value: undefined } : { done: false, value: next.value };
    },
    releaseLock() {
      void iterator.return?.();
    },
  };
}

/** The document's pieces, a batch per chunk read; throws JsonSyntaxError, or the read's own error. */
export async function* documentPieces(content: AsyncIterable<Uint8Array>): AsyncGenerator<DocumentPiece[]> {
  const splitter = new DocumentSplitter(STREAMED_MEMBERS);
  for await (const chunk of content) {
    const pieces = splitter.write(chunk);
    if (pieces.length > 0) yield pieces;
  }
  const last = splitter.end();
  if (last.length > 0) yield last;
}

/** Reads and validates a whole workspace file (see WorkspaceAssembler for `keep`). */
export async function readWorkspace(file: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>, options: { keep?: 'uploads' | 'catalog'; onRead?: (bytes: number) => void } = {}): Promise<AssembledWorkspace> {
  const assembler = new WorkspaceAssembler(options.keep);
  for await (const pieces of documentPieces(contentOf(file, options.onRead))) for (const piece of pieces) assembler.add(piece);
  return assembler.finish();
}
