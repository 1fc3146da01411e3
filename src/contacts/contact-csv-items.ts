/**
 * CSV bytes → import items: the header is checked first (a bad header throws before any row
 * is read), then each data row becomes a validated patch or a rejection. Pure of any store:
 * it runs in the import's thread or in the parsing worker (`contact-csv-worker.ts`).
 */
import type { Readable } from 'node:stream';
import type { ImportItem } from '../shared/batch-import.js';
import { type CsvRecord, isBlankRecord, readCsvRecords } from '../shared/csv-records.js';
import { SiftError } from '../shared/errors.js';
import { parseContactCsvRow, readContactCsvHeader } from './contact-csv-columns.js';
import type { ContactPatch } from './contact-input.js';
import { compileField, type FieldShape } from './field-values.js';

async function readHeader(records: AsyncGenerator<CsvRecord>): Promise<string[]> {
  const first = await records.next();
  if (first.done) {
    throw new SiftError(
      'invalid_input',
      'The file is empty: a header row of field keys is needed',
      {
        path: 'header',
      },
    );
  }
  if (first.value.syntaxError !== undefined) {
    throw new SiftError('invalid_input', `Contacts CSV header: ${first.value.syntaxError}`, {
      path: 'header',
    });
  }
  return first.value.cells;
}

/**
 * Resolves when the header is accepted (throws a SiftError when not), then yields the rows.
 * Blank rows (only commas) are no rows; a CSV syntax error ends the file as a rejected row.
 */
export async function contactCsvItems(
  input: Readable,
  fields: readonly FieldShape[],
): Promise<AsyncGenerator<ImportItem<ContactPatch>>> {
  const coercers = new Map(fields.map((field) => [field.key, compileField(field)]));
  const records = readCsvRecords(input);
  let header: ReturnType<typeof readContactCsvHeader>;
  try {
    header = readContactCsvHeader(await readHeader(records), coercers);
  } catch (error) {
    await records.return(undefined);
    throw error;
  }
  return (async function* rows() {
    try {
      for await (const record of records) {
        if (record.syntaxError !== undefined) {
          const reason = `${record.syntaxError}; the rest of the file was not read`;
          yield { line: record.line, rejected: { reason } };
        } else if (!isBlankRecord(record.cells)) {
          yield parseContactCsvRow(header, record.line, record.cells);
        }
      }
    } finally {
      await records.return(undefined);
    }
  })();
}
