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
