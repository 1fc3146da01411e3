import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { FieldOperator } from '../../../src/segments/index.js';
import { isIsoDate, startOfDay } from '../../../src/shared/time.js';
import { dayDurations, durations, type TimeProfile, timeValueArbitrary } from './time-pools.js';

/**
 * An operator with a value that fits it, per value type (SPEC §2 table): what a valid condition
 * may put in `op` and `value`. The value pools come from the caller, so that they hit stored data.
 */

export interface Operand {
  op: FieldOperator;
  value?: unknown;
}

export const textOperators = [
  'eq',
  'neq',
  'contains',
  'not_contains',
  'starts_with',
  'ends_with',
  'in',
  'not_in',
  'is_set',
  'is_not_set',
] as const satisfies readonly FieldOperator[];
export const numberOperators = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'is_set',
  'is_not_set',
] as const satisfies readonly FieldOperator[];
const booleanOperators = ['is_true', 'is_false', 'is_set', 'is_not_set'] as const;
export const timeOperators = [
  'on',
  'before',
  'after',
  'between',
  'within_last',
  'within_next',
  'more_than_ago',
  'anniversary_within_next',
  'is_set',
  'is_not_set',
] as const satisfies readonly FieldOperator[];
const selectOperators = ['in', 'not_in', 'is_set', 'is_not_set'] as const;
const multiselectOperators = ['has_any', 'has_all', 'has_none', 'is_set', 'is_not_set'] as const;

/** An operator without a value: `value` omitted, or null (which validation accepts too). */
function withoutValue(op: FieldOperator): fc.Arbitrary<Operand> {
  return fc.constantFrom<Operand>({ op }, { op }, { op, value: null });
}

function sortedPair<T>(arbitrary: fc.Arbitrary<T>, key: (value: T) => number | string) {
  return fc
    .tuple(arbitrary, arbitrary)
    .map(([left, right]) => (key(left) <= key(right) ? [left, right] : [right, left]));
}

export function textOperand(texts: fc.Arbitrary<string>): fc.Arbitrary<Operand> {
  return fc.constantFrom(...textOperators).chain((op): fc.Arbitrary<Operand> => {
    if (op === 'is_set' || op === 'is_not_set') return withoutValue(op);
    if (op === 'in' || op === 'not_in') {
      return fc.array(texts, { minLength: 1, maxLength: 3 }).map((value) => ({ op, value }));
    }
    return texts.map((value) => ({ op, value }));
  });
}

export function numberOperand(numbers: fc.Arbitrary<number>): fc.Arbitrary<Operand> {
  return fc.constantFrom(...numberOperators).chain((op): fc.Arbitrary<Operand> => {
    if (op === 'is_set' || op === 'is_not_set') return withoutValue(op);
    if (op === 'between')
      return sortedPair(numbers, (value) => value).map((value) => ({ op, value }));
    return numbers.map((value) => ({ op, value }));
  });
}

export function booleanOperand(): fc.Arbitrary<Operand> {
  return fc.constantFrom(...booleanOperators).chain(withoutValue);
}

/** Where a time value starts, read as the language reads it (a day: its first local instant). */
export function timeStart(text: string, timeZone: string): number {
  const trimmed = text.trim();
  if (isIsoDate(trimmed)) return startOfDay(trimmed, timeZone);
  return DateTime.fromISO(trimmed, { zone: timeZone }).toMillis();
}

/** Occasionally padded: durations and time values are trimmed before they are read. */
function padded(arbitrary: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary, weight: 9 },
    { arbitrary: arbitrary.map((text) => ` ${text} `), weight: 1 },
  );
}

export function durationArbitrary(wholeDays: boolean): fc.Arbitrary<string> {
  return padded(fc.constantFrom(...(wholeDays ? dayDurations : durations)));
}

/**
 * Operands of the date and datetime operators. On a `date` value points are days and durations
 * whole days; on a `datetime` value points are days or instants in any ISO spelling.
 */
export function timeOperand(
  type: 'date' | 'datetime',
  profile: TimeProfile,
  days: fc.Arbitrary<string>,
): fc.Arbitrary<Operand> {
  const points = type === 'date' ? days : timeValueArbitrary(profile);
  return fc.constantFrom(...timeOperators).chain((op): fc.Arbitrary<Operand> => {
    switch (op) {
      case 'is_set':
      case 'is_not_set':
        return withoutValue(op);
      case 'on':
      case 'before':
      case 'after':
        return padded(points).map((value) => ({ op, value }));
      case 'between':
        return sortedPair(points, (text) =>
          type === 'date' ? text : timeStart(text, profile.timeZone),
        ).map((value) => ({ op, value }));
      case 'anniversary_within_next':
        return fc
          .oneof(durationArbitrary(true), fc.constantFrom('P400D', 'P366D'))
          .map((value) => ({ op, value }));
      default:
        return durationArbitrary(type === 'date').map((value) => ({ op, value }));
    }
  });
}

export function selectOperand(options: fc.Arbitrary<string>): fc.Arbitrary<Operand> {
  return fc.constantFrom(...selectOperators).chain((op): fc.Arbitrary<Operand> => {
    if (op === 'is_set' || op === 'is_not_set') return withoutValue(op);
    return fc.array(options, { minLength: 1, maxLength: 3 }).map((value) => ({ op, value }));
  });
}

export function multiselectOperand(options: fc.Arbitrary<string>): fc.Arbitrary<Operand> {
  return fc.constantFrom(...multiselectOperators).chain((op): fc.Arbitrary<Operand> => {
    if (op === 'is_set' || op === 'is_not_set') return withoutValue(op);
    return fc.array(options, { minLength: 1, maxLength: 3 }).map((value) => ({ op, value }));
  });
}

/** A spelling of a select option that still names it: another case, padded. */
export function optionSpelling(options: readonly string[]): fc.Arbitrary<string> {
  return fc
    .constantFrom(...options)
    .chain((option) =>
      fc.constantFrom(option, option.toUpperCase(), option.toLowerCase(), ` ${option} `),
    );
}

/**
 * An operand of an event property (no declared type, SPEC §2): text operators with texts, number
 * operators with numbers, `eq`/`neq`/`in` with either, `is_true`/`is_false`, `is_set`.
 */
export function propertyOperand(
  texts: fc.Arbitrary<string>,
  numbers: fc.Arbitrary<number>,
): fc.Arbitrary<Operand> {
  const scalars = fc.oneof(texts, numbers, fc.boolean());
  return fc.oneof(
    { arbitrary: textOperand(texts), weight: 4 },
    { arbitrary: numberOperand(numbers), weight: 4 },
    {
      arbitrary: fc
        .tuple(fc.constantFrom<FieldOperator>('eq', 'neq'), scalars)
        .map(([op, value]) => ({ op, value })),
      weight: 2,
    },
    {
      arbitrary: fc
        .tuple(
          fc.constantFrom<FieldOperator>('in', 'not_in'),
          fc.array(fc.oneof(texts, numbers), { minLength: 1, maxLength: 3 }),
        )
        .map(([op, value]) => ({ op, value })),
      weight: 1,
    },
    { arbitrary: booleanOperand(), weight: 1 },
  );
}
