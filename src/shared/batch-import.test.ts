import { describe, expect, it } from 'vitest';
import {
  type BatchResult,
  emptyBatchResult,
  type ImportItem,
  printImportSummary,
  runBatchImport,
} from './batch-import.js';

async function* itemsOf<Row>(items: ImportItem<Row>[]): AsyncGenerator<ImportItem<Row>> {
  yield* items;
}

function numbered(count: number): ImportItem<number>[] {
  return Array.from({ length: count }, (_, index) => ({ line: index + 2, value: index }));
}

describe('runBatchImport', () => {
  it.each([
    { description: 'exact multiple', rows: 6, batchSize: 3, batches: [3, 3] },
    { description: 'remainder batch', rows: 7, batchSize: 3, batches: [3, 3, 1] },
    { description: 'one short batch', rows: 2, batchSize: 5, batches: [2] },
    { description: 'no rows', rows: 0, batchSize: 5, batches: [] },
  ])('groups rows in batches: $description', async ({ rows, batchSize, batches }) => {
    const seen: number[] = [];
    const summary = await runBatchImport({
      rows: itemsOf(numbered(rows)),
      batchSize,
      writeBatch: async (batch) => {
        seen.push(batch.length);
        return { ...emptyBatchResult(), created: batch.length };
      },
    });
    expect(seen).toEqual(batches);
    expect(summary.created).toBe(rows);
    expect(summary.rows).toBe(rows);
    expect(summary.batches).toBe(batches.length);
  });

  it('cuts batches across the groups a reader yields, as if the rows came one by one', async () => {
    async function* groupsOf(sizes: number[]): AsyncGenerator<ImportItem<number>[]> {
      let next = 0;
      for (const size of sizes) {
        yield numbered(next + size).slice(next);
        next += size;
      }
    }
    const seen: number[][] = [];
    const summary = await runBatchImport({
      rows: { groups: groupsOf([2, 0, 5, 1]) },
      batchSize: 3,
      writeBatch: async (batch) => {
        seen.push(batch.map((row) => row.value));
        return { ...emptyBatchResult(), created: batch.length };
      },
    });
    expect(seen).toEqual([
      [0, 1, 2],
      [3, 4, 5],
      [6, 7],
    ]);
    expect(summary).toMatchObject({ rows: 8, created: 8, batches: 3 });
  });

  it('merges reader and writer rejections in line order and sums the counts', async () => {
    const items: ImportItem<string>[] = [
      { line: 2, value: 'a' },
      { line: 3, rejected: { reason: 'bad email', path: 'email' } },
      { line: 4, value: 'conflict' },
      { line: 5, value: 'b' },
    ];
    const summary = await runBatchImport({
      rows: itemsOf(items),
      batchSize: 10,
      writeBatch: async (batch): Promise<BatchResult> => ({
        created: 1,
        updated: 1,
        skipped: 0,
        rejected: batch
          .filter((row) => row.value === 'conflict')
          .map((row) => ({ line: row.line, reason: 'conflict' })),
      }),
    });
    expect(summary.rejected).toEqual([
      { line: 3, reason: 'bad email', path: 'email' },
      { line: 4, reason: 'conflict' },
    ]);
    expect(summary).toMatchObject({ rows: 4, created: 1, updated: 1, rejectedCount: 2 });
  });

  it('keeps at most maxRejectedDetails details but counts every rejection', async () => {
    const items: ImportItem<number>[] = Array.from({ length: 5 }, (_, index) => ({
      line: index + 2,
      rejected: { reason: 'nope' },
    }));
    const summary = await runBatchImport({
      rows: itemsOf(items),
      batchSize: 2,
      maxRejectedDetails: 3,
      writeBatch: async () => emptyBatchResult(),
    });
    expect(summary.rejectedCount).toBe(5);
    expect(summary.rejected.map((row) => row.line)).toEqual([2, 3, 4]);
    expect(summary.rejectedTruncated).toBe(true);
  });

  it('reports progress after each batch and stops at the first failing batch', async () => {
    const progress: number[] = [];
    const written: number[] = [];
    const run = runBatchImport({
      rows: itemsOf(numbered(10)),
      batchSize: 4,
      onProgress: ({ summary }) => progress.push(summary.created),
      writeBatch: async (batch) => {
        if (batch[0]?.value === 8) throw new Error('disk full');
        written.push(...batch.map((row) => row.value));
        return { ...emptyBatchResult(), created: batch.length };
      },
    });
    await expect(run).rejects.toThrow('disk full');
    expect(progress).toEqual([4, 8]);
    expect(written).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('printImportSummary', () => {
  const summary = {
    rows: 3,
    created: 2,
    updated: 0,
    skipped: 0,
    rejectedCount: 1,
    rejected: [{ line: 3, reason: 'bad' }],
    rejectedTruncated: false,
    batches: 1,
  };

  it('prints the summary object with --json and exits 2 on rejected rows', () => {
    const printed: unknown[] = [];
    const status = printImportSummary(
      { json: true, print: () => undefined, printJson: (value) => printed.push(value) },
      summary,
      { noun: 'contacts' },
    );
    expect(status).toBe(2);
    expect(printed).toEqual([summary]);
  });

  it('prints one human line and exits 0 without rejections', () => {
    const lines: string[] = [];
    const status = printImportSummary(
      { json: false, print: (text) => lines.push(text), printJson: () => undefined },
      { ...summary, rejectedCount: 0, rejected: [] },
      { noun: 'events' },
    );
    expect(status).toBe(0);
    expect(lines).toEqual([
      'Imported events: 3 rows read, 2 created, 0 updated, 0 skipped, 0 rejected',
    ]);
  });
});
