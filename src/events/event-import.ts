import type { Readable } from 'node:stream';
import {
  type BatchResult,
  emptyBatchResult,
  type ImportItem,
  type ImportProgressUpdate,
  type ImportSummary,
  runBatchImport,
} from '../shared/batch-import.js';
import type { ProblemDetail } from '../shared/errors.js';
import { refreshPlannerStatistics, type Store } from '../store/index.js';
import { writeEventBatch } from './event-ingest.js';
import { type NormalisedEvent, parseEvent } from './event-normalise.js';
import { maximumLineBytes, readNdjsonLines } from './ndjson-lines.js';
import { readAhead } from './read-ahead.js';

/** Events per transaction: large enough to amortise commits, small enough to bound memory. */
export const defaultEventBatchSize = 20_000;

/** The shared import summary; `skipped` counts exactly the duplicates, repeated as `duplicates`. */
export interface EventImportSummary extends ImportSummary {
  duplicates: number;
}

export interface ImportEventsInput {
  store: Store;
  workspaceId: number;
  /** The NDJSON bytes; read as a stream, never whole. */
  input: Readable;
  /** The write instant, stored as `received_at`. */
  now: number;
  batchSize?: number;
  onProgress?: (update: ImportProgressUpdate) => void;
}

/** `properties: expected an object`; problems without a path are about the whole line. */
export function describeProblems(problems: readonly ProblemDetail[]): string {
  return problems
    .map((problem) => (problem.path ? `${problem.path}: ${problem.message}` : problem.message))
    .join('; ');
}

function parseLine(line: number, text: string): ImportItem<NormalisedEvent> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { line, rejected: { reason: `invalid JSON: ${detail}` } };
  }
  const parsed = parseEvent(value);
  if (parsed.ok) return { line, value: parsed.event };
  const path = parsed.problems[0]?.path;
  return {
    line,
    rejected: { reason: describeProblems(parsed.problems), ...(path ? { path } : {}) },
  };
}

/** Lines → import items. Blank lines are skipped and are not rows; line numbers stay physical. */
async function* eventItems(input: Readable): AsyncGenerator<ImportItem<NormalisedEvent>> {
  for await (const line of readNdjsonLines(input)) {
    if (line.tooLong) {
      yield {
        line: line.line,
        rejected: { reason: `line longer than ${maximumLineBytes} bytes` },
      };
    } else if (line.text.trim() !== '') {
      yield parseLine(line.line, line.text);
    }
  }
}

/**
 * `sift import events FILE`: reads NDJSON line by line, validates each line, writes batches
 * (one transaction each) and keeps the good lines when others are rejected.
 */
export async function importEvents(input: ImportEventsInput): Promise<EventImportSummary> {
  const batchSize = input.batchSize ?? defaultEventBatchSize;
  const summary = await runBatchImport({
    rows: readAhead(eventItems(input.input), batchSize),
    batchSize,
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
    writeBatch: (batch) =>
      input.store.db.transaction().execute(async (db): Promise<BatchResult> => {
        const outcomes = await writeEventBatch({
          store: input.store,
          db,
          workspaceId: input.workspaceId,
          events: batch.map((row) => row.value),
          now: input.now,
        });
        const result = emptyBatchResult();
        outcomes.forEach((outcome, index) => {
          if (outcome.status === 'created') result.created += 1;
          else if (outcome.status === 'duplicate') result.skipped += 1;
          else {
            result.rejected.push({
              line: batch[index]!.line,
              reason: describeProblems(outcome.problems),
              path: 'contact',
            });
          }
        });
        return result;
      }),
  });
  // Segment queries need fresh planner statistics after a large import (store/maintenance.ts).
  await refreshPlannerStatistics(input.store, { tables: ['events'], rowsWritten: summary.created });
  return { ...summary, duplicates: summary.skipped };
}
