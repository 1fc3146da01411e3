/**
 * The streaming batch-import pipeline shared by every importer (contacts, events, bookings).
 *
 * Exported names:
 * - `runBatchImport<Row>({ rows, batchSize, writeBatch, onProgress?, maxRejectedDetails? })`:
 *   reads `rows` (an async iterable of `ImportItem<Row>`: `{ line, value }` for a parsed row, or
 *   `{ line, rejected: { reason, path? } }` for a row the reader already refused), groups the
 *   parsed rows in batches of `batchSize` and awaits `writeBatch(batch)` for each, one batch at
 *   a time. `writeBatch` must write its whole batch in ONE transaction (so a killed import loses
 *   no committed batch and leaves no partial row) and returns a `BatchResult`. Returns an
 *   `ImportSummary`. Memory stays bounded by one batch plus at most `maxRejectedDetails`
 *   rejection details (the count of rejected rows is always exact).
 * - `ImportItem<Row>`, `RowProblem`, `RejectedRow`, `BatchResult`, `ImportSummary`,
 *   `ImportProgressUpdate`: the types above.
 * - `emptyBatchResult()`: a `BatchResult` with zero counts, to fill in `writeBatch`.
 * - `openImportFile(path)`: a read stream of the file and a live `bytesRead()` counter
 *   (plus `totalBytes`) for progress by bytes; throws SiftError `not_found` when unreadable.
 * - `createImportProgress({ interactive, totalBytes, bytesRead, label })`: a cli-progress bar on
 *   stderr by bytes read when `interactive` (a TTY), nothing otherwise; `{ update(summary), stop() }`.
 *   Pass `progress.update` as `onProgress`.
 * - `printImportSummary(output, summary, { noun })`: the shared CLI summary printer. Human text
 *   (one summary line on stdout, each rejected row as `line N: reason` on stderr), or with
 *   `output.json` the summary object as JSON on stdout. Returns the exit status: 0, or
 *   `exitStatusOf('import_rejected_rows')` (2) when any row was rejected.
 * - `rejectedRowsError(summary)`: the SiftError `import_rejected_rows` for the HTTP shell.
 */
import { createReadStream, type ReadStream, statSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { exitStatusOf, SiftError } from './errors.js';

export interface RowProblem {
  reason: string;
  /** The column or field the problem is about, when there is one. */
  path?: string;
}

export type ImportItem<Row> =
  | { line: number; value: Row; rejected?: undefined }
  | { line: number; rejected: RowProblem; value?: undefined };

export interface RejectedRow {
  /** The physical line of the row in the input file (the CSV header is line 1). */
  line: number;
  reason: string;
  path?: string;
}

export interface BatchResult {
  created: number;
  updated: number;
  /** Rows accepted but not written: duplicates (an event id seen before) or no-op rows. */
  skipped: number;
  /** Rows refused while writing (e.g. a uniqueness conflict, an unknown contact). */
  rejected: RejectedRow[];
}

export interface ImportSummary {
  /** Rows read from the input, rejected ones included (the header is not a row). */
  rows: number;
  created: number;
  updated: number;
  skipped: number;
  /** Exact number of rejected rows. */
  rejectedCount: number;
  /** The rejected rows in input order, at most `maxRejectedDetails` of them. */
  rejected: RejectedRow[];
  /** True when `rejected` lists fewer rows than `rejectedCount`. */
  rejectedTruncated: boolean;
  /** Batches committed. */
  batches: number;
}

export interface ImportProgressUpdate {
  summary: Readonly<ImportSummary>;
}

export interface RunBatchImportOptions<Row> {
  /**
   * The rows, one at a time or in groups: a reader that produces rows in bulk (the contacts
   * worker sends a thousand at once) saves a promise round trip per row by yielding groups.
   */
  rows: AsyncIterable<ImportItem<Row>> | { groups: AsyncIterable<readonly ImportItem<Row>[]> };
  batchSize: number;
  writeBatch: (batch: Array<{ line: number; value: Row }>) => Promise<BatchResult>;
  onProgress?: (update: ImportProgressUpdate) => void;
  maxRejectedDetails?: number;
}

export function emptyBatchResult(): BatchResult {
  return { created: 0, updated: 0, skipped: 0, rejected: [] };
}

function emptySummary(): ImportSummary {
  return {
    rows: 0,
    created: 0,
    updated: 0,
    skipped: 0,
    rejectedCount: 0,
    rejected: [],
    rejectedTruncated: false,
    batches: 0,
  };
}

export async function runBatchImport<Row>(
  options: RunBatchImportOptions<Row>,
): Promise<ImportSummary> {
  if (!Number.isInteger(options.batchSize) || options.batchSize < 1) {
    throw new SiftError('invalid_input', 'batchSize must be a positive integer');
  }
  const maxDetails = options.maxRejectedDetails ?? 10_000;
  const summary = emptySummary();
  // Rejections from the reader and from the writer are merged in line order per batch.
  let pendingRejections: RejectedRow[] = [];
  let batch: Array<{ line: number; value: Row }> = [];

  const reject = (rows: RejectedRow[]): void => {
    summary.rejectedCount += rows.length;
    for (const row of rows) {
      if (summary.rejected.length < maxDetails) summary.rejected.push(row);
      else summary.rejectedTruncated = true;
    }
  };
  const flush = async (): Promise<void> => {
    const result = batch.length > 0 ? await options.writeBatch(batch) : emptyBatchResult();
    if (batch.length > 0) summary.batches += 1;
    summary.created += result.created;
    summary.updated += result.updated;
    summary.skipped += result.skipped;
    reject([...pendingRejections, ...result.rejected].sort((a, b) => a.line - b.line));
    pendingRejections = [];
    batch = [];
    options.onProgress?.({ summary });
  };

  /** Adds a row; true when the batch is full and must be written. */
  const take = (item: ImportItem<Row>): boolean => {
    summary.rows += 1;
    if (item.rejected !== undefined) {
      pendingRejections.push({ line: item.line, ...item.rejected });
    } else {
      batch.push({ line: item.line, value: item.value });
    }
    return batch.length >= options.batchSize;
  };

  if ('groups' in options.rows) {
    for await (const group of options.rows.groups) {
      for (const item of group) if (take(item)) await flush();
    }
  } else {
    for await (const item of options.rows) if (take(item)) await flush();
  }
  await flush();
  return summary;
}

export interface ImportFile {
  stream: ReadStream;
  totalBytes: number;
  bytesRead(): number;
}

/** Opens an input file as a stream; the counter lets progress follow bytes read. */
export function openImportFile(path: string): ImportFile {
  let totalBytes: number;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) throw new Error('not a file');
    totalBytes = stats.size;
  } catch (error) {
    throw new SiftError('not_found', `Cannot read file "${path}"`, { path: 'FILE', cause: error });
  }
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  return { stream, totalBytes, bytesRead: () => stream.bytesRead };
}

export interface ImportProgress {
  update(update: ImportProgressUpdate): void;
  stop(): void;
}

export function createImportProgress(options: {
  interactive: boolean;
  totalBytes: number;
  bytesRead: () => number;
  label: string;
}): ImportProgress {
  if (!options.interactive) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      format: `${options.label} [{bar}] {percentage}% | {rows} rows | {rejected} rejected | ETA {eta_formatted}`,
      stream: process.stderr,
      clearOnComplete: true,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(Math.max(options.totalBytes, 1), 0, { rows: 0, rejected: 0 });
  return {
    update: ({ summary }) =>
      bar.update(Math.min(options.bytesRead(), options.totalBytes), {
        rows: summary.rows,
        rejected: summary.rejectedCount,
      }),
    stop: () => bar.stop(),
  };
}

export interface SummaryOutput {
  json: boolean;
  print(text: string): void;
  printJson(value: unknown): void;
}

const maxPrintedRejections = 100;

/** Prints the summary (text or `--json`) and returns the process exit status. */
export function printImportSummary(
  output: SummaryOutput,
  summary: ImportSummary,
  options: { noun: string },
): number {
  if (output.json) {
    output.printJson(summary);
  } else {
    output.print(
      `Imported ${options.noun}: ${summary.rows} rows read, ${summary.created} created, ` +
        `${summary.updated} updated, ${summary.skipped} skipped, ${summary.rejectedCount} rejected`,
    );
    for (const row of summary.rejected.slice(0, maxPrintedRejections)) {
      process.stderr.write(`line ${row.line}: ${row.reason}\n`);
    }
    const unprinted =
      summary.rejectedCount - Math.min(summary.rejected.length, maxPrintedRejections);
    if (unprinted > 0) {
      process.stderr.write(`… and ${unprinted} more rejected rows (use --json to list them)\n`);
    }
  }
  return summary.rejectedCount > 0 ? exitStatusOf('import_rejected_rows') : 0;
}

export function rejectedRowsError(summary: ImportSummary): SiftError {
  return new SiftError('import_rejected_rows', `${summary.rejectedCount} rows were rejected`, {
    details: summary.rejected.map((row) => ({
      code: 'rejected_row',
      message: `line ${row.line}: ${row.reason}`,
      ...(row.path === undefined ? {} : { path: row.path }),
    })),
  });
}
