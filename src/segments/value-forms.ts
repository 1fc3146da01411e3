import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { dayOf } from '../shared/time.js';
import type { Bound, CorePredicate, StoredKind, ValueForm, ValueFormKind } from './core.js';

/**
 * What each value form means, once, for both engines: the JavaScript test the interpreter runs
 * and the SQL the compiler emits. A missing value (NULL, absent JSON key) never matches a form;
 * `negated` predicates are the exact complement (`NOT` in JavaScript, `IS NOT TRUE` in SQL,
 * which is true for a NULL as well), so a negative operator matches contacts without the value.
 */

/** A stored value as the interpreter sees it, already read as its stored kind. */
export type StoredValue = string | number | boolean | string[] | null;

/** Reads a raw stored value as a kind; anything of another type counts as missing. */
export function readStored(raw: unknown, kind: StoredKind): StoredValue {
  switch (kind) {
    case 'text':
    case 'day':
      return typeof raw === 'string' ? raw : null;
    case 'number':
    case 'instant':
      return typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
    case 'boolean':
      return typeof raw === 'boolean' ? raw : null;
    case 'text_list':
      return Array.isArray(raw)
        ? raw.filter((item): item is string => typeof item === 'string')
        : null;
  }
}

/** The stored value as the SQL compiler sees it: an expression and dialect-specific tests. */
export interface SqlValue {
  /** The value as a scalar of its stored kind; NULL when missing. */
  readonly scalar: RawBuilder<unknown>;
  isBoolean(value: boolean): RawBuilder<SqlBool>;
  hasAny(values: readonly string[]): RawBuilder<SqlBool>;
  hasAll(values: readonly string[]): RawBuilder<SqlBool>;
  isNonEmptyList(): RawBuilder<SqlBool>;
  /** `MM-DD` of a day, or of an instant in a time zone. */
  monthDay(timeZone: string | null): RawBuilder<unknown>;
  /**
   * The value is a text equal to one of `texts`, where a dialect has a form its planner
   * estimates better than `scalar IN (…)` (PostgreSQL: JSONB containment).
   */
  isOneOfTexts?: ((texts: readonly string[]) => RawBuilder<SqlBool>) | undefined;
}

/** The texts of an `equals` / `one_of` operand when every value is a text, else undefined. */
function textsOf(values: readonly (string | number)[]): string[] | undefined {
  return values.every((value) => typeof value === 'string') ? (values as string[]) : undefined;
}

/** `scalar = v` or `scalar IN (…)`, unless the dialect has a better form for texts. */
function oneOfSql(
  value: SqlValue,
  values: readonly (string | number)[],
  plain: () => RawBuilder<SqlBool>,
): RawBuilder<SqlBool> {
  const texts = textsOf(values);
  return value.isOneOfTexts && texts ? value.isOneOfTexts(texts) : plain();
}

type FormOf<K extends ValueFormKind> = Extract<ValueForm, { kind: K }>;

interface FormDefinition<K extends ValueFormKind> {
  test(value: NonNullable<StoredValue>, form: FormOf<K>): boolean;
  sql(value: SqlValue, form: FormOf<K>, stored: StoredKind): RawBuilder<SqlBool>;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

function like(value: SqlValue, pattern: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${value.scalar} LIKE ${pattern} ESCAPE '\\'`;
}

function lowerHolds(value: string | number, bound: Bound | null): boolean {
  if (!bound) return true;
  return bound.inclusive ? value >= bound.value : value > bound.value;
}

function upperHolds(value: string | number, bound: Bound | null): boolean {
  if (!bound) return true;
  return bound.inclusive ? value <= bound.value : value < bound.value;
}

function rangeSql(scalar: RawBuilder<unknown>, form: FormOf<'range'>): RawBuilder<SqlBool> {
  const parts: RawBuilder<SqlBool>[] = [];
  if (form.lower) {
    parts.push(
      form.lower.inclusive
        ? sql<SqlBool>`${scalar} >= ${form.lower.value}`
        : sql<SqlBool>`${scalar} > ${form.lower.value}`,
    );
  }
  if (form.upper) {
    parts.push(
      form.upper.inclusive
        ? sql<SqlBool>`${scalar} <= ${form.upper.value}`
        : sql<SqlBool>`${scalar} < ${form.upper.value}`,
    );
  }
  if (parts.length === 0) return sql<SqlBool>`${scalar} IS NOT NULL`;
  if (parts.length === 1) return parts[0]!;
  return sql<SqlBool>`(${sql.join(parts, sql` AND `)})`;
}

function monthDayOf(value: NonNullable<StoredValue>, timeZone: string | null): string {
  const day = typeof value === 'number' && timeZone ? dayOf(value, timeZone) : String(value);
  return day.slice(5, 10);
}

const forms: { [K in ValueFormKind]: FormDefinition<K> } = {
  equals: {
    test: (value, form) => value === form.value,
    sql: (value, form) =>
      oneOfSql(value, [form.value], () => sql<SqlBool>`${value.scalar} = ${form.value}`),
  },
  one_of: {
    test: (value, form) => form.values.includes(value as string | number),
    sql: (value, form) =>
      form.values.length === 0
        ? sql<SqlBool>`1 = 0`
        : oneOfSql(
            value,
            form.values,
            () => sql<SqlBool>`${value.scalar} IN (${sql.join(form.values)})`,
          ),
  },
  contains: {
    test: (value, form) => (value as string).includes(form.value),
    sql: (value, form) => like(value, `%${escapeLike(form.value)}%`),
  },
  starts_with: {
    test: (value, form) => (value as string).startsWith(form.value),
    sql: (value, form) => like(value, `${escapeLike(form.value)}%`),
  },
  ends_with: {
    test: (value, form) => (value as string).endsWith(form.value),
    sql: (value, form) => like(value, `%${escapeLike(form.value)}`),
  },
  range: {
    test: (value, form) =>
      lowerHolds(value as string | number, form.lower) &&
      upperHolds(value as string | number, form.upper),
    sql: (value, form) => rangeSql(value.scalar, form),
  },
  is_true: {
    test: (value) => value === true,
    sql: (value) => value.isBoolean(true),
  },
  is_false: {
    test: (value) => value === false,
    sql: (value) => value.isBoolean(false),
  },
  has_any: {
    test: (value, form) => form.values.some((item) => (value as string[]).includes(item)),
    sql: (value, form) =>
      form.values.length === 0 ? sql<SqlBool>`1 = 0` : value.hasAny(form.values),
  },
  has_all: {
    test: (value, form) => form.values.every((item) => (value as string[]).includes(item)),
    sql: (value, form) =>
      form.values.length === 0
        ? sql<SqlBool>`${value.scalar} IS NOT NULL`
        : value.hasAll(form.values),
  },
  month_day_in: {
    test: (value, form) => form.monthDays.includes(monthDayOf(value, form.timeZone)),
    sql: (value, form) =>
      form.monthDays.length === 0
        ? sql<SqlBool>`1 = 0`
        : sql<SqlBool>`${value.monthDay(form.timeZone)} IN (${sql.join(form.monthDays)})`,
  },
  is_set: {
    // An empty multiselect counts as not set, like an empty text.
    test: (value) => !Array.isArray(value) || value.length > 0,
    sql: (value, _form, stored) =>
      stored === 'text_list' ? value.isNonEmptyList() : sql<SqlBool>`${value.scalar} IS NOT NULL`,
  },
};

function formDefinition<K extends ValueFormKind>(kind: K): FormDefinition<K> {
  return forms[kind] as FormDefinition<K>;
}

/** Whether a stored value satisfies the predicate (the interpreter's side of the table). */
export function testPredicate(predicate: CorePredicate, value: StoredValue): boolean {
  const holds =
    value !== null && formDefinition(predicate.form.kind).test(value, predicate.form as never);
  return predicate.negated ? !holds : holds;
}

/** The SQL of a predicate, true exactly when `testPredicate` is (the compiler's side). */
export function compilePredicateSql(
  predicate: CorePredicate,
  value: SqlValue,
  stored: StoredKind,
): RawBuilder<SqlBool> {
  const holds = formDefinition(predicate.form.kind).sql(value, predicate.form as never, stored);
  return predicate.negated ? sql<SqlBool>`(${holds}) IS NOT TRUE` : holds;
}
