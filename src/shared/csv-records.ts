/**
 * Streaming CSV reading shared by the CSV importers (contacts, bookings).
 *
 * Exported names:
 * - `readCsvRecords(input)`: an async generator over an input stream (UTF-8, with or without
 *   BOM, RFC 4180 quoting, `\n` or `\r\n` line ends) yielding `CsvRecord`s — the header row
 *   first — each with the physical line on which it starts (first line = 1). A quoted cell may
 *   span lines; the line of the record is where it starts. Empty lines are skipped. A syntax
 *   error (a quote not closed, text after a closing quote) yields one `{ line, syntaxError }`
 *   after every record before it and ends the generator: nothing after it reads reliably.
 * - `CsvRecord`: `{ line, cells }` or `{ line, syntaxError }`.
 * - `isBlankRecord(cells)`: true when every cell is empty (a row of only commas).
 */
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';

export type CsvRecord =
  | { line: number; cells: string[]; syntaxError?: undefined }
  | { line: number; syntaxError: string; cells?: undefined };

function countNewlines(cells: string[]): number {
  let count = 0;
  for (const cell of cells) {
    for (let index = cell.indexOf('\n'); index !== -1; index = cell.indexOf('\n', index + 1)) {
      count += 1;
    }
  }
  return count;
}

/**
 * Counts physical lines: a record starts on the line after the previous record's last line
 * and spans the newlines inside its cells. (csv-parse's `info.lines` counts a `\r\n` inside
 * quotes twice, and asking for `info` per record costs a third of the parsing time.)
 */
class LineCounter {
  private previousEnd = 0;

  startOf(cells: string[]): number {
    const line = this.previousEnd + 1;
    this.previousEnd = line + countNewlines(cells);
    return line;
  }

  nextLine(): number {
    return this.previousEnd + 1;
  }
}

const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** An empty line comes out of csv-parse as one empty cell (empty lines are not skipped there, so that they are counted here). */
function isEmptyLine(cells: string[]): boolean {
  return cells.length === 1 && cells[0] === '';
}

export async function* readCsvRecords(input: Readable): AsyncGenerator<CsvRecord> {
  const lines = new LineCounter();
  let pending: CsvRecord[] = [];
  let failure: unknown;
  const parser = parse({ bom: true, relax_column_count: true, record_delimiter: ['\r\n', '\n'] });
  // Records are taken from 'data' events, which csv-parse emits synchronously while it parses
  // a written chunk: reading the stream instead would lose the records parsed before a syntax
  // error, because csv-parse destroys the stream on error and drops what it buffered.
  parser.on('data', (cells: string[]) => {
    const line = lines.startOf(cells);
    if (!isEmptyLine(cells)) pending.push({ line, cells });
  });
  parser.on('error', (error) => {
    failure = error;
  });
  const drain = function* (): Generator<CsvRecord> {
    const records = pending;
    pending = [];
    yield* records;
  };
  try {
    for await (const chunk of input) {
      parser.write(chunk);
      yield* drain();
      if (failure !== undefined) break;
    }
    if (failure === undefined) {
      parser.end();
      await nextTick();
      yield* drain();
    }
    if (failure === undefined) await nextTick();
    if (failure !== undefined) yield syntaxErrorRecord(failure, lines.nextLine());
  } finally {
    input.destroy();
  }
}

function syntaxErrorRecord(error: unknown, line: number): CsvRecord {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('CSV_')) throw error;
  const message = error instanceof Error ? error.message : String(error);
  return { line, syntaxError: `malformed CSV: ${message}` };
}

export function isBlankRecord(cells: readonly string[]): boolean {
  return cells.every((cell) => cell === '');
}
