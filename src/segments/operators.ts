import { fold, textValue } from '../shared/fold.js';
import { addDays, anniversaryMonthDays } from '../shared/time.js';
import type { Bound, StoredKind, ValueForm } from './core.js';
import type { FieldOperator } from './schema.js';
import {
  type Clock,
  checkDuration,
  dayEnd,
  dayStart,
  durationDays,
  durationMs,
  parseDayValue,
  parseTimeValue,
  type TimeValue,
  today,
} from './time-values.js';
import { treeLimits, type ValueType } from './vocabulary.js';

/**
 * The operator table (SPEC §2): for each operator as written, the value types it applies to,
 * what its value must look like, and the value form it resolves to. What a value form means
 * is defined once, for both engines, in `value-forms.ts`. A negative operator has no entry of
 * its own: it is the exact complement of its positive twin, so it matches a missing value.
 */

export const complementOperators = {
  neq: 'eq',
  not_contains: 'contains',
  not_in: 'in',
  has_none: 'has_any',
  is_not_set: 'is_set',
} as const satisfies Partial<Record<FieldOperator, FieldOperator>>;

export type NegativeOperator = keyof typeof complementOperators;
export type PositiveOperator = Exclude<FieldOperator, NegativeOperator>;

export interface OperandInput {
  value: unknown;
  type: ValueType;
  /** The options of a select or multiselect field. */
  options?: readonly string[] | null | undefined;
}

export interface OperandProblem {
  code: 'invalid_value' | 'invalid_duration' | 'unknown_option';
  message: string;
}

export interface ResolvedOperand {
  stored: StoredKind;
  form: ValueForm;
}

interface OperatorDefinition {
  types: readonly ValueType[];
  /** A problem with the value, or undefined. Needs only the time zone, never `now`. */
  check(input: OperandInput, timeZone: string): OperandProblem | undefined;
  /** The form engines evaluate; only called on a checked value. */
  resolve(input: OperandInput, clock: Clock): ResolvedOperand;
}

export function storedKindOf(type: ValueType): StoredKind {
  switch (type) {
    case 'text':
    case 'select':
    case 'property':
      return 'text';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'day';
    case 'datetime':
      return 'instant';
    case 'multiselect':
      return 'text_list';
  }
}

const invalid = (message: string): OperandProblem => ({ code: 'invalid_value', message });

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isPropertyScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'boolean' || isFiniteNumber(value);
}

function checkNoValue({ value }: OperandInput): OperandProblem | undefined {
  return value === undefined || value === null
    ? undefined
    : invalid('this operator takes no value');
}

function checkText({ value }: OperandInput): OperandProblem | undefined {
  return typeof value === 'string' ? undefined : invalid('expected a text value');
}

function checkNumber({ value }: OperandInput): OperandProblem | undefined {
  return isFiniteNumber(value) ? undefined : invalid('expected a number');
}

function checkEquals(input: OperandInput): OperandProblem | undefined {
  if (input.type === 'number') return checkNumber(input);
  if (input.type === 'text') return checkText(input);
  return isPropertyScalar(input.value) ? undefined : invalid('expected a text, number or boolean');
}

function checkOptions(values: unknown[], options: OperandInput['options']) {
  if (!options) return undefined;
  const known = new Set(options.map(fold));
  const unknown = values.filter((value) => !known.has(fold(String(value))));
  if (unknown.length === 0) return undefined;
  return {
    code: 'unknown_option' as const,
    message: `not an option of this field: ${unknown.map((value) => JSON.stringify(value)).join(', ')} (options: ${options.join(', ')})`,
  };
}

function checkList(input: OperandInput): OperandProblem | undefined {
  const { value, type } = input;
  if (!Array.isArray(value) || value.length === 0) return invalid('expected a non-empty list');
  if (value.length > treeLimits.maxListValues) {
    return invalid(`a list may hold at most ${treeLimits.maxListValues} values`);
  }
  const fits = type === 'property' ? isPropertyScalar : (item: unknown) => typeof item === 'string';
  if (!value.every(fits)) {
    return invalid(
      type === 'property' ? 'expected a list of texts or numbers' : 'expected a list of texts',
    );
  }
  return type === 'select' || type === 'multiselect'
    ? checkOptions(value, input.options)
    : undefined;
}

function checkPair(value: unknown): value is [unknown, unknown] {
  return Array.isArray(value) && value.length === 2;
}

function checkBetween(input: OperandInput, timeZone: string): OperandProblem | undefined {
  const { value, type } = input;
  if (type === 'number' || type === 'property') {
    if (!checkPair(value) || !isFiniteNumber(value[0]) || !isFiniteNumber(value[1])) {
      return invalid('expected [low, high] numbers');
    }
    return value[0] <= value[1] ? undefined : invalid('low must not be greater than high');
  }
  if (type === 'date') {
    const days = checkPair(value) ? value.map(parseDayValue) : [];
    if (days.length !== 2 || days.some((day) => day === null)) {
      return invalid('expected [from, to] ISO dates such as ["2026-01-01", "2026-01-31"]');
    }
    return days[0]! <= days[1]! ? undefined : invalid('from must not be after to');
  }
  const times = checkPair(value) ? value.map((item) => parseTimeValue(item, timeZone)) : [];
  if (times.length !== 2 || times.some((time) => time === null)) {
    return invalid('expected [from, to] ISO dates or date-times');
  }
  const lower = lowerInstant(times[0]!, timeZone);
  const upper = upperInstant(times[1]!, timeZone);
  return lower.value <= upper.value ? undefined : invalid('from must not be after to');
}

function checkTimePoint(input: OperandInput, timeZone: string): OperandProblem | undefined {
  if (input.type === 'date') {
    return parseDayValue(input.value)
      ? undefined
      : invalid('expected an ISO date such as "2026-01-31"');
  }
  return parseTimeValue(input.value, timeZone)
    ? undefined
    : invalid('expected an ISO date or date-time such as "2026-01-31" or "2026-01-31T10:00:00Z"');
}

function checkRelative(input: OperandInput): OperandProblem | undefined {
  const result = checkDuration(input.value, { wholeDays: input.type === 'date' });
  return result.ok ? undefined : { code: result.code, message: result.message };
}

function checkAnniversary(input: OperandInput): OperandProblem | undefined {
  const result = checkDuration(input.value, { wholeDays: true });
  return result.ok ? undefined : { code: result.code, message: result.message };
}

/** An inclusive lower bound for a time value: a day starts at its first instant. */
function lowerInstant(time: TimeValue, timeZone: string): Bound {
  return time.kind === 'day'
    ? { value: dayStart(time.day, timeZone), inclusive: true }
    : { value: time.instant, inclusive: true };
}

/** An upper bound for a time value: a day includes all of its instants. */
function upperInstant(time: TimeValue, timeZone: string): Bound {
  return time.kind === 'day'
    ? { value: dayEnd(time.day, timeZone), inclusive: false }
    : { value: time.instant, inclusive: true };
}

function range(lower: Bound | null, upper: Bound | null): ValueForm {
  return { kind: 'range', lower, upper };
}

function resolveEquals({ value, type }: OperandInput): ResolvedOperand {
  if (typeof value === 'number') return { stored: 'number', form: { kind: 'equals', value } };
  return { stored: storedKindOf(type), form: { kind: 'equals', value: textValue(value)! } };
}

function resolveList({ value, type }: OperandInput): ResolvedOperand {
  const values = [...new Set((value as unknown[]).map((item) => textValue(item)!))];
  return { stored: storedKindOf(type), form: { kind: 'one_of', values } };
}

function resolveText(kind: 'contains' | 'starts_with' | 'ends_with') {
  return ({ value }: OperandInput): ResolvedOperand => ({
    stored: 'text',
    form: { kind, value: fold(value as string) },
  });
}

function resolveNumberBound(toForm: (value: number) => ValueForm) {
  return ({ value }: OperandInput): ResolvedOperand => ({
    stored: 'number',
    form: toForm(value as number),
  });
}

function resolveBetween(input: OperandInput, clock: Clock): ResolvedOperand {
  const [low, high] = input.value as [unknown, unknown];
  if (input.type === 'number' || input.type === 'property') {
    return {
      stored: 'number',
      form: range(
        { value: low as number, inclusive: true },
        { value: high as number, inclusive: true },
      ),
    };
  }
  if (input.type === 'date') {
    return {
      stored: 'day',
      form: range(
        { value: parseDayValue(low)!, inclusive: true },
        { value: parseDayValue(high)!, inclusive: true },
      ),
    };
  }
  return {
    stored: 'instant',
    form: range(
      lowerInstant(parseTimeValue(low, clock.timeZone)!, clock.timeZone),
      upperInstant(parseTimeValue(high, clock.timeZone)!, clock.timeZone),
    ),
  };
}

type PointOperator = 'on' | 'before' | 'after';

/** `on`, `before` and `after` on a day compare days; on an instant, a day means all its instants. */
function resolvePoint(op: PointOperator) {
  return (input: OperandInput, clock: Clock): ResolvedOperand => {
    if (input.type === 'date') {
      const day = parseDayValue(input.value)!;
      const form =
        op === 'on'
          ? ({ kind: 'equals', value: day } as const)
          : op === 'before'
            ? range(null, { value: day, inclusive: false })
            : range({ value: day, inclusive: false }, null);
      return { stored: 'day', form };
    }
    const time = parseTimeValue(input.value, clock.timeZone)!;
    return { stored: 'instant', form: instantPointForm(op, time, clock.timeZone) };
  };
}

function instantPointForm(op: PointOperator, time: TimeValue, timeZone: string): ValueForm {
  if (op === 'on') {
    const day = time.kind === 'day' ? time.day : dayOfInstant(time.instant, timeZone);
    return range(
      lowerInstant({ kind: 'day', day }, timeZone),
      upperInstant({ kind: 'day', day }, timeZone),
    );
  }
  if (op === 'before') {
    const lower = lowerInstant(time, timeZone);
    return range(null, { value: lower.value, inclusive: false });
  }
  if (time.kind === 'day')
    return range({ value: dayEnd(time.day, timeZone), inclusive: true }, null);
  return range({ value: time.instant, inclusive: false }, null);
}

function dayOfInstant(instant: number, timeZone: string): string {
  return today({ now: instant, timeZone });
}

type RelativeOperator = 'within_last' | 'within_next' | 'more_than_ago';

/**
 * On a day (SPEC §2): within_last D is today − D < d ≤ today, within_next D is
 * today ≤ d < today + D, more_than_ago D is d < today − D. On an instant the same with
 * `now`: (now − D, now], [now, now + D), < now − D.
 */
function resolveRelative(op: RelativeOperator) {
  return (input: OperandInput, clock: Clock): ResolvedOperand => {
    if (input.type === 'date') {
      const days = durationDays(input.value);
      const day = today(clock);
      return {
        stored: 'day',
        form: relativeForm(op, day, addDays(day, -days), addDays(day, days)),
      };
    }
    const milliseconds = durationMs(input.value);
    return {
      stored: 'instant',
      form: relativeForm(op, clock.now, clock.now - milliseconds, clock.now + milliseconds),
    };
  };
}

function relativeForm<T extends string | number>(op: RelativeOperator, now: T, past: T, future: T) {
  if (op === 'within_last') {
    return range({ value: past, inclusive: false }, { value: now, inclusive: true });
  }
  if (op === 'within_next') {
    return range({ value: now, inclusive: true }, { value: future, inclusive: false });
  }
  return range(null, { value: past, inclusive: false });
}

function resolveAnniversary(input: OperandInput, clock: Clock): ResolvedOperand {
  const monthDays = [...anniversaryMonthDays(today(clock), durationDays(input.value))].sort();
  const timeZone = input.type === 'date' ? null : clock.timeZone;
  return {
    stored: input.type === 'date' ? 'day' : 'instant',
    form: { kind: 'month_day_in', monthDays, timeZone },
  };
}

const textTypes = ['text', 'property'] as const;
const numberTypes = ['number', 'property'] as const;
const timeTypes = ['date', 'datetime'] as const;

export const operatorTable: Record<PositiveOperator, OperatorDefinition> = {
  eq: { types: ['text', 'number', 'property'], check: checkEquals, resolve: resolveEquals },
  contains: { types: textTypes, check: checkText, resolve: resolveText('contains') },
  starts_with: { types: textTypes, check: checkText, resolve: resolveText('starts_with') },
  ends_with: { types: textTypes, check: checkText, resolve: resolveText('ends_with') },
  in: { types: ['text', 'select', 'property'], check: checkList, resolve: resolveList },
  is_set: {
    types: ['text', 'number', 'boolean', 'date', 'datetime', 'select', 'multiselect', 'property'],
    check: checkNoValue,
    resolve: ({ type }) => ({ stored: storedKindOf(type), form: { kind: 'is_set' } }),
  },
  gt: {
    types: numberTypes,
    check: checkNumber,
    resolve: resolveNumberBound((value) => range({ value, inclusive: false }, null)),
  },
  gte: {
    types: numberTypes,
    check: checkNumber,
    resolve: resolveNumberBound((value) => range({ value, inclusive: true }, null)),
  },
  lt: {
    types: numberTypes,
    check: checkNumber,
    resolve: resolveNumberBound((value) => range(null, { value, inclusive: false })),
  },
  lte: {
    types: numberTypes,
    check: checkNumber,
    resolve: resolveNumberBound((value) => range(null, { value, inclusive: true })),
  },
  between: {
    types: ['number', 'date', 'datetime', 'property'],
    check: checkBetween,
    resolve: resolveBetween,
  },
  is_true: {
    types: ['boolean', 'property'],
    check: checkNoValue,
    resolve: ({ type }) =>
      type === 'boolean'
        ? { stored: 'boolean', form: { kind: 'is_true' } }
        : { stored: 'text', form: { kind: 'equals', value: 'true' } },
  },
  is_false: {
    types: ['boolean', 'property'],
    check: checkNoValue,
    resolve: ({ type }) =>
      type === 'boolean'
        ? { stored: 'boolean', form: { kind: 'is_false' } }
        : { stored: 'text', form: { kind: 'equals', value: 'false' } },
  },
  on: { types: timeTypes, check: checkTimePoint, resolve: resolvePoint('on') },
  before: { types: timeTypes, check: checkTimePoint, resolve: resolvePoint('before') },
  after: { types: timeTypes, check: checkTimePoint, resolve: resolvePoint('after') },
  within_last: { types: timeTypes, check: checkRelative, resolve: resolveRelative('within_last') },
  within_next: { types: timeTypes, check: checkRelative, resolve: resolveRelative('within_next') },
  more_than_ago: {
    types: timeTypes,
    check: checkRelative,
    resolve: resolveRelative('more_than_ago'),
  },
  anniversary_within_next: {
    types: timeTypes,
    check: checkAnniversary,
    resolve: resolveAnniversary,
  },
  has_any: {
    types: ['multiselect'],
    check: checkList,
    resolve: ({ value }) => ({
      stored: 'text_list',
      form: { kind: 'has_any', values: [...new Set((value as string[]).map(fold))] },
    }),
  },
  has_all: {
    types: ['multiselect'],
    check: checkList,
    resolve: ({ value }) => ({
      stored: 'text_list',
      form: { kind: 'has_all', values: [...new Set((value as string[]).map(fold))] },
    }),
  },
};

export function isNegativeOperator(op: FieldOperator): op is NegativeOperator {
  return op in complementOperators;
}

/** The positive twin of an operator (itself when positive) and whether it is complemented. */
export function positiveTwin(op: FieldOperator): { op: PositiveOperator; negated: boolean } {
  return isNegativeOperator(op)
    ? { op: complementOperators[op], negated: true }
    : { op, negated: false };
}

export function operatorFits(op: FieldOperator, type: ValueType): boolean {
  return operatorTable[positiveTwin(op).op].types.includes(type);
}

/** The operators that apply to a value type, for messages ("expected one of …"). */
export function operatorsFor(type: ValueType): FieldOperator[] {
  const all = Object.keys(operatorTable) as PositiveOperator[];
  const negatives = Object.entries(complementOperators) as [NegativeOperator, PositiveOperator][];
  return [
    ...all.filter((op) => operatorTable[op].types.includes(type)),
    ...negatives.filter(([, twin]) => operatorTable[twin].types.includes(type)).map(([op]) => op),
  ];
}

export function checkOperand(
  op: FieldOperator,
  input: OperandInput,
  timeZone: string,
): OperandProblem | undefined {
  return operatorTable[positiveTwin(op).op].check(input, timeZone);
}

/** Resolves a checked operator and value into the predicate engines evaluate. */
export function resolveOperand(op: FieldOperator, input: OperandInput, clock: Clock) {
  const twin = positiveTwin(op);
  const resolved = operatorTable[twin.op].resolve(input, clock);
  return { op, negated: twin.negated, stored: resolved.stored, form: resolved.form };
}
