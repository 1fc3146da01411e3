/**
 * The one place that turns an input value into a custom field's typed value, from a CSV cell
 * (always a string) or from a JSON value (the API). Used by the importers and the API alike.
 *
 * Stored forms (architecture.md): text/select as given (select: the option's own spelling),
 * number, boolean, date `YYYY-MM-DD`, datetime epoch ms, multiselect an array of options.
 */
import { assertNever } from '../shared/assert-never.js';
import { fold } from '../shared/fold.js';
import { isoInstant, parseInstant } from '../shared/time.js';
import { isCalendarDay, type ValueResult } from './contact-values.js';
import type { FieldType } from './standard-fields.js';

export type CustomValue = string | number | boolean | string[];

/** What coercion needs of a field definition. */
export interface FieldShape {
  key: string;
  type: FieldType;
  options?: readonly string[] | null;
}

/** A value, `undefined` for "no value" (an empty cell, null), or the reason it was refused. */
export type CoercedValue = ValueResult<CustomValue | undefined>;

export interface FieldCoercer {
  readonly field: FieldShape;
  fromCsv(cell: string): CoercedValue;
  fromJson(value: unknown): CoercedValue;
  /** The folded comparison key stored in `custom_key` (text, select, multiselect only). */
  keyOf(value: CustomValue): string | string[] | undefined;
  /** The value as it appears in JSON output: datetimes as ISO strings. */
  toJson(value: CustomValue): CustomValue;
}

const plainDecimal = /^-?\d+(\.\d+)?$/;
const none: CoercedValue = { ok: true, value: undefined };
const accept = (value: CustomValue): CoercedValue => ({ ok: true, value });
const expected = (what: string, got: unknown): CoercedValue => ({
  ok: false,
  message: `expected ${what}, got ${JSON.stringify(got)}`,
});

export const multiselectSeparator = ';';

const descriptions: Record<FieldType, string> = {
  text: 'text',
  number: 'a number (plain decimal such as 12.5)',
  boolean: 'a boolean (true or false)',
  date: 'a date (YYYY-MM-DD)',
  datetime: 'a date-time (ISO 8601, e.g. 2026-01-31T10:00:00Z)',
  select: 'one of the options',
  multiselect: 'options',
};

function describeOptions(field: FieldShape): string {
  const options = (field.options ?? []).join(', ');
  return field.type === 'select'
    ? `one of the options (${options})`
    : `options separated by ";" (${options})`;
}

/** Builds the coercer of one field once, so an import does not redo it for every cell. */
export function compileField(field: FieldShape): FieldCoercer {
  const optionsByKey = new Map((field.options ?? []).map((option) => [fold(option), option]));
  const what =
    field.type === 'select' || field.type === 'multiselect'
      ? describeOptions(field)
      : descriptions[field.type];
  const option = (text: string): string | undefined => optionsByKey.get(fold(text));

  const fromText = (raw: string, original: unknown): CoercedValue => {
    const text = raw.trim();
    if (text === '') return none;
    switch (field.type) {
      case 'text':
        return accept(text);
      case 'number':
        return plainDecimal.test(text) ? accept(Number(text)) : expected(what, original);
      case 'boolean': {
        const folded = text.toLowerCase();
        if (folded === 'true' || folded === 'false') return accept(folded === 'true');
        return expected(what, original);
      }
      case 'date':
        return isCalendarDay(text) ? accept(text) : expected(what, original);
      case 'datetime': {
        const instant = parseInstant(text);
        return instant === null ? expected(what, original) : accept(instant);
      }
      case 'select': {
        const chosen = option(text);
        return chosen === undefined ? expected(what, original) : accept(chosen);
      }
      case 'multiselect':
        return multiselectOf(text.split(multiselectSeparator), original);
      default:
        return assertNever(field.type);
    }
  };

  const multiselectOf = (items: unknown[], original: unknown): CoercedValue => {
    const chosen = new Set<string>();
    for (const item of items) {
      if (typeof item !== 'string') return expected(what, original);
      if (item.trim() === '') continue;
      const found = option(item);
      if (found === undefined) return expected(what, original);
      chosen.add(found);
    }
    return chosen.size === 0 ? none : accept([...chosen]);
  };

  const fromJson = (value: unknown): CoercedValue => {
    if (value === null || value === undefined) return none;
    if (field.type === 'multiselect') {
      return Array.isArray(value) ? multiselectOf(value, value) : expected(what, value);
    }
    if (typeof value === 'string') return fromText(value, value);
    if (field.type === 'number' && typeof value === 'number' && Number.isFinite(value)) {
      return accept(value);
    }
    if (field.type === 'boolean' && typeof value === 'boolean') return accept(value);
    return expected(what, value);
  };

  return {
    field,
    fromCsv: (cell) => fromText(cell, cell),
    fromJson,
    keyOf: (value) => {
      if (field.type === 'text' || field.type === 'select') return fold(String(value));
      if (field.type === 'multiselect' && Array.isArray(value)) return value.map(fold);
      return undefined;
    },
    toJson: (value) =>
      field.type === 'datetime' && typeof value === 'number' ? isoInstant(value) : value,
  };
}

/** The `custom_key` entries of typed custom values. */
export function customKeysOf(
  values: Readonly<Record<string, CustomValue>>,
  coercers: ReadonlyMap<string, FieldCoercer>,
): Record<string, string | string[]> {
  const keys: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(values)) {
    const folded = coercers.get(key)?.keyOf(value);
    if (folded !== undefined) keys[key] = folded;
  }
  return keys;
}
