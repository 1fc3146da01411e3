import type { Readable } from 'node:stream';
import type { ImportItem } from '../shared/batch-import.js';
import { isBlankRecord, readCsvRecords } from '../shared/csv-records.js';
import { SiftError } from '../shared/errors.js';
import {
  type BookingColumn,
  type BookingInput,
  bookingColumns,
  parseBookingRow,
  requiredBookingColumns,
} from './booking-row.js';

const knownColumns: ReadonlySet<string> = new Set(bookingColumns);

/**
 * Reads the header: column names compared folded, in any order. An unknown or repeated column
 * refuses the whole file before anything is written: the format is fixed (SPEC §7), and a
 * misspelt column would otherwise drop its data silently.
 */
export function readBookingHeader(cells: readonly string[]): BookingColumn[] {
  const columns = cells.map((cell) => cell.trim().toLowerCase());
  const problems: string[] = [];
  columns.forEach((column, index) => {
    if (!knownColumns.has(column)) problems.push(`unknown column "${cells[index]}"`);
    else if (columns.indexOf(column) !== index) problems.push(`column "${column}" appears twice`);
  });
  for (const required of requiredBookingColumns) {
    if (!columns.includes(required)) problems.push(`missing column "${required}"`);
  }
  if (!columns.includes('email') && !columns.includes('phone')) {
    problems.push('missing column "email" or "phone"');
  }
  if (problems.length > 0) {
    throw new SiftError('invalid_input', `Bookings CSV header: ${problems.join('; ')}`, {
      path: 'header',
      details: problems.map((message) => ({ code: 'invalid_header', message, path: 'header' })),
    });
  }
  return columns as BookingColumn[];
}

/** CSV records → import items: the header first, then one validated booking per row. */
export async function* bookingItems(
  input: Readable,
  options: { timeZone: string },
): AsyncGenerator<ImportItem<BookingInput>> {
  let columns: BookingColumn[] | undefined;
  for await (const record of readCsvRecords(input)) {
    if (record.syntaxError !== undefined) {
      if (!columns) throw new SiftError('invalid_input', `Bookings CSV: ${record.syntaxError}`);
      yield { line: record.line, rejected: { reason: record.syntaxError } };
      continue;
    }
    if (!columns) {
      columns = readBookingHeader(record.cells);
      continue;
    }
    if (isBlankRecord(record.cells)) continue;
    if (record.cells.length !== columns.length) {
      yield {
        line: record.line,
        rejected: { reason: `expected ${columns.length} cells, found ${record.cells.length}` },
      };
      continue;
    }
    const cells = Object.fromEntries(columns.map((column, index) => [column, record.cells[index]]));
    const parsed = parseBookingRow(cells, options);
    if (parsed.ok) yield { line: record.line, value: parsed.booking };
    else {
      const path = parsed.problems[0]?.path;
      yield {
        line: record.line,
        rejected: {
          reason: parsed.problems.map((problem) => problem.reason).join('; '),
          ...(path ? { path } : {}),
        },
      };
    }
  }
  if (!columns)
    throw new SiftError('invalid_input', 'Bookings CSV: the file is empty (no header row)');
}
