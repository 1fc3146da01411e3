/**
 * The contacts CSV header and rows (SPEC §7): column keys are field keys compared
 * case-insensitively, `tags` holds `;`-separated tags, an empty cell is no value.
 */
import type { ImportItem } from '../shared/batch-import.js';
import { SiftError } from '../shared/errors.js';
import { type ContactPatch, emptyPatch } from './contact-input.js';
import { normaliseStandardValue } from './contact-values.js';
import type { FieldCoercer } from './field-values.js';
import {
  identifierKeys,
  isStandardFieldKey,
  isWritableStandardKey,
  type WritableStandardKey,
} from './standard-fields.js';

type Column =
  | { kind: 'standard'; index: number; key: WritableStandardKey }
  | { kind: 'custom'; index: number; key: string; coercer: FieldCoercer }
  | { kind: 'tags'; index: number };

export interface ContactCsvColumns {
  /** In processing order: `country` first, the default country of national phone numbers. */
  columns: Column[];
  width: number;
}

const tagSeparator = ';';

function headerProblems(names: string[], coercers: ReadonlyMap<string, FieldCoercer>) {
  const unknown: string[] = [];
  const problems: string[] = [];
  names.forEach((name, index) => {
    if (name === '') problems.push(`column ${index + 1} has no name`);
    else if (names.indexOf(name) !== index) problems.push(`column "${name}" appears twice`);
    else if (isStandardFieldKey(name) && !isWritableStandardKey(name)) {
      problems.push(`column "${name}" is set by Sift and cannot be imported`);
    } else if (!isWritableStandardKey(name) && name !== 'tags' && !coercers.has(name)) {
      unknown.push(name);
    }
  });
  if (unknown.length > 0) {
    const quoted = unknown.map((name) => `"${name}"`).join(', ');
    problems.push(
      `unknown column${unknown.length === 1 ? '' : 's'} ${quoted}: create custom fields first ` +
        `(sift field create ${unknown[0]} --type text) or remove ${unknown.length === 1 ? 'it' : 'them'}`,
    );
  }
  if (!identifierKeys.some((key) => names.includes(key))) {
    problems.push('no identifier column: the header needs email, phone or external_id');
  }
  return problems;
}

/**
 * Reads the header row. Any unknown or misplaced column refuses the whole file before
 * anything is written: a misspelt column would otherwise drop its data silently.
 */
export function readContactCsvHeader(
  cells: readonly string[],
  coercers: ReadonlyMap<string, FieldCoercer>,
): ContactCsvColumns {
  const names = cells.map((cell) => cell.trim().toLowerCase());
  const problems = headerProblems(names, coercers);
  if (problems.length > 0) {
    throw new SiftError('invalid_input', `Contacts CSV header: ${problems.join('; ')}`, {
      path: 'header',
      details: problems.map((message) => ({ code: 'invalid_header', message, path: 'header' })),
    });
  }
  const columns: Column[] = names.map((name, index): Column => {
    if (name === 'tags') return { kind: 'tags', index };
    if (isWritableStandardKey(name)) return { kind: 'standard', index, key: name };
    return { kind: 'custom', index, key: name, coercer: coercers.get(name)! };
  });
  const isCountry = (column: Column) => column.kind === 'standard' && column.key === 'country';
  return {
    columns: [...columns.filter(isCountry), ...columns.filter((column) => !isCountry(column))],
    width: names.length,
  };
}

/** One data row → a patch, or the first problem found (naming its column). */
export function parseContactCsvRow(
  header: ContactCsvColumns,
  line: number,
  cells: readonly string[],
): ImportItem<ContactPatch> {
  if (cells.length > header.width) {
    return {
      line,
      rejected: { reason: `the row has ${cells.length} cells but the header has ${header.width}` },
    };
  }
  const patch = emptyPatch();
  for (const column of header.columns) {
    const cell = cells[column.index] ?? '';
    if (cell === '') continue;
    if (column.kind === 'tags') {
      for (const tag of cell.split(tagSeparator))
        if (tag.trim() !== '') patch.tags.push(tag.trim());
      continue;
    }
    if (cell.trim() === '') continue;
    if (column.kind === 'standard') {
      const result = normaliseStandardValue(column.key, cell, patch.values.country);
      if (!result.ok) return rejected(line, column.key, result.message);
      patch.values[column.key] = result.value;
    } else {
      const result = column.coercer.fromCsv(cell);
      if (!result.ok) return rejected(line, column.key, result.message);
      if (result.value !== undefined) patch.custom[column.key] = result.value;
    }
  }
  return { line, value: patch };
}

function rejected(line: number, key: string, message: string): ImportItem<ContactPatch> {
  return { line, rejected: { path: key, reason: `${key}: ${message}` } };
}
