/** A web stream that pulls one chunk at a time from the iterator, so producing waits for reading. */
export function streamOf<T>(chunks: AsyncIterator<T> | Iterator<T>): ReadableStream<T> {
  return new ReadableStream<T>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await chunks.return?.();
    },
  });
}

/** The chunks passed through a transform stream (gzip, gunzip), yielded as they come out. */
export async function* throughStream(chunks: AsyncIterator<Uint8Array>, transform: TransformStream<Uint8Array, Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = streamOf(chunks).pipeThrough(transform).getReader();
  for (;;) {
    const next = await reader.read();
    if (next.done) return;
    yield next.value;
  }
}
