/**
 * Pulls items from `source` ahead of the consumer, up to `capacity` buffered. While the import
 * awaits PostgreSQL (the server inserts a batch in its own process) the next lines are read
 * and validated instead of waiting; on SQLite, whose writes are synchronous, nothing changes.
 * Errors of the source reach the consumer at the point it would have met them.
 */
export async function* readAhead<T>(source: AsyncIterable<T>, capacity: number): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  const buffer: IteratorResult<T>[] = [];
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  let room: (() => void) | undefined;
  let stopped = false;

  const fill = async (): Promise<void> => {
    try {
      while (!stopped) {
        if (buffer.length >= capacity) {
          await new Promise<void>((resolve) => {
            room = resolve;
          });
          continue;
        }
        const next = await iterator.next();
        buffer.push(next);
        wake?.();
        if (next.done) return;
      }
    } catch (error) {
      failure = { error };
      wake?.();
    }
  };
  const filling = fill();
  try {
    for (;;) {
      if (buffer.length === 0 && failure === undefined) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
        continue;
      }
      const next = buffer.shift();
      room?.();
      room = undefined;
      if (next === undefined) throw (failure as { error: unknown }).error;
      if (next.done) return;
      yield next.value;
    }
  } finally {
    stopped = true;
    room?.();
    await filling;
    if (!buffer.at(-1)?.done && failure === undefined) await iterator.return?.();
  }
}
