import { describe, expect, it } from 'vitest';
import { readAhead } from './read-ahead.js';

async function* numbers(count: number, log: string[], failAt?: number): AsyncGenerator<number> {
  try {
    for (let value = 0; value < count; value++) {
      if (value === failAt) throw new Error(`failed at ${value}`);
      log.push(`produce ${value}`);
      yield value;
    }
  } finally {
    log.push('closed');
  }
}

async function collect<T>(
  source: AsyncIterable<T>,
  limit = Number.POSITIVE_INFINITY,
): Promise<T[]> {
  const items: T[] = [];
  for await (const item of source) {
    items.push(item);
    if (items.length >= limit) break;
  }
  return items;
}

describe('readAhead', () => {
  it.each([1, 2, 5, 100])('keeps order with capacity %i', async (capacity) => {
    expect(await collect(readAhead(numbers(20, []), capacity))).toEqual([...Array(20).keys()]);
  });

  it('reads ahead while the consumer waits, but never beyond its capacity', async () => {
    const log: string[] = [];
    const iterator = readAhead(numbers(10, log), 3)[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    // 0 was handed over; 1, 2, 3 fill the buffer; 4 waits for room.
    expect(log.filter((entry) => entry.startsWith('produce'))).toHaveLength(4);
    await iterator.return(undefined);
    expect(log.at(-1)).toBe('closed');
  });

  it('delivers the items before a failure, then the failure', async () => {
    const seen: number[] = [];
    await expect(async () => {
      for await (const value of readAhead(numbers(10, [], 4), 2)) seen.push(value);
    }).rejects.toThrow('failed at 4');
    expect(seen).toEqual([0, 1, 2, 3]);
  });

  it('closes the source when the consumer stops early', async () => {
    const log: string[] = [];
    expect(await collect(readAhead(numbers(100, log), 5), 3)).toEqual([0, 1, 2]);
    expect(log.at(-1)).toBe('closed');
    expect(log.filter((entry) => entry.startsWith('produce')).length).toBeLessThanOrEqual(9);
  });
});
