import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { type Dialect, sqliteDecimalSumFunction, writeJson } from '../store/index.js';
import type { StoredKind } from './core.js';
import {
  contactsAlias,
  type RowSource,
  SegmentSqlCompiler,
  type SqlCondition,
} from './sql-compiler.js';
import type { SqlValue } from './value-forms.js';

/** The name of the SQLite function that gives an instant's `MM-DD` in a time zone. */
export const sqliteMonthDayFunction = 'sift_month_day';

/** SQLite: JSON through `json_extract` with a quoted path, lists through `json_each`. */
export class SqliteSegmentCompiler extends SegmentSqlCompiler {
  readonly dialect = 'sqlite' as const;

  /** `$."key"` with JSON string escaping, so dots and quotes in a key stay part of it. */
  private path(key: string): string {
    return `$.${JSON.stringify(key)}`;
  }

  /**
   * JSON numbers are doubles, as JavaScript and PostgreSQL (`::float8`) read them: json_extract
   * alone reads an integer such as 4611686018427388000 exactly as a 64-bit integer, which then
   * compares unlike the double it stands for and overflows sum() (found by the differential test).
   */
  protected jsonScalar(
    column: RawBuilder<unknown>,
    key: string,
    stored: StoredKind,
  ): RawBuilder<unknown> {
    const value = sql`json_extract(${column}, ${this.path(key)})`;
    return stored === 'number' || stored === 'instant' ? sql`CAST(${value} AS REAL)` : value;
  }

  protected jsonValue(column: RawBuilder<unknown>, key: string, stored: StoredKind): SqlValue {
    const path = this.path(key);
    const base = this.scalarValue(this.jsonScalar(column, key, stored));
    const elements = sql`json_each(${column}, ${path}) AS j`;
    return {
      ...base,
      isBoolean: (value) =>
        sql<SqlBool>`json_type(${column}, ${path}) = ${value ? 'true' : 'false'}`,
      hasAny: (values) =>
        sql<SqlBool>`EXISTS (SELECT 1 FROM ${elements} WHERE j.value IN (${sql.join(values)}))`,
      hasAll: (values) =>
        sql<SqlBool>`(SELECT count(DISTINCT j.value) FROM ${elements}
          WHERE j.value IN (${sql.join(values)})) = ${values.length}`,
      isNonEmptyList: () =>
        stored === 'text_list'
          ? sql<SqlBool>`json_array_length(${column}, ${path}) > 0`
          : sql<SqlBool>`${base.scalar} IS NOT NULL`,
    };
  }

  /** SQLite has no time zones: a JavaScript function registered on the connection does it. */
  protected localMonthDay(instant: RawBuilder<unknown>, timeZone: string): RawBuilder<unknown> {
    return sql`${sql.raw(sqliteMonthDayFunction)}(${instant}, ${timeZone})`;
  }

  /** Without ICU, SQLite's lower() folds ASCII only, which is what `booking_id` needs. */
  protected asciiLowerCase(text: RawBuilder<unknown>): RawBuilder<unknown> {
    return sql`lower(${text})`;
  }

  /** SQLite has no decimal type: a JavaScript aggregate registered when the store opens. */
  protected exactSum(column: RawBuilder<unknown>, key: string): RawBuilder<unknown> {
    return sql`${sql.raw(sqliteDecimalSumFunction)}(${this.jsonScalar(column, key, 'number')})`;
  }
}

/** PostgreSQL: JSONB operators with the key as a parameter, `?|`/`?&` for lists. */
export class PostgresSegmentCompiler extends SegmentSqlCompiler {
  readonly dialect = 'postgres' as const;

  protected jsonScalar(
    column: RawBuilder<unknown>,
    key: string,
    stored: StoredKind,
  ): RawBuilder<unknown> {
    const text = sql`(${column} ->> ${key}::text)`;
    return stored === 'number' || stored === 'instant' ? sql`${text}::float8` : text;
  }

  /**
   * Equality inside a JSONB object as containment, `column @> '{"key": value}'`: the planner
   * estimates it from the column's statistics (most common values, histogram), where
   * `column ->> key = value` always gets a fixed 0.5% and so misorders joins. It holds exactly
   * when the key holds that JSON value: a text only for a JSON string (as the interpreter reads
   * text), a boolean only for a JSON boolean; containment never looks inside a nested array.
   */
  private jsonObject(key: string, value: string | boolean): RawBuilder<unknown> {
    return sql`${writeJson({ [key]: value })}::jsonb`;
  }

  protected jsonValue(column: RawBuilder<unknown>, key: string, stored: StoredKind): SqlValue {
    const json = sql`(${column} -> ${key}::text)`;
    const base = this.scalarValue(this.jsonScalar(column, key, stored));
    const object = (value: string | boolean) => this.jsonObject(key, value);
    const isOneOfTexts =
      stored === 'text' || stored === 'day'
        ? (texts: readonly string[]) =>
            texts.length === 1
              ? sql<SqlBool>`${column} @> ${object(texts[0]!)}`
              : sql<SqlBool>`${column} @> ANY (ARRAY[${sql.join(texts.map(object))}])`
        : undefined;
    return {
      ...base,
      isOneOfTexts,
      isBoolean: (value) => sql<SqlBool>`${column} @> ${object(value)}`,
      hasAny: (values) => sql<SqlBool>`${json} ?| ${[...values]}::text[]`,
      hasAll: (values) => sql<SqlBool>`${json} ?& ${[...values]}::text[]`,
      isNonEmptyList: () =>
        sql<SqlBool>`jsonb_array_length(CASE WHEN jsonb_typeof(${json}) = 'array' THEN ${json} END) > 0`,
    };
  }

  /**
   * The groups as a derived table joined on the contact: at the top level PostgreSQL turns it
   * into a hash semi- or anti-join over one aggregation of the events (as hand-written
   * `IN (… GROUP BY … HAVING …)` would), and under OR or NOT into a hashed or, when too big to
   * hash, a per-contact index probe with the contact pushed into the grouping; never the
   * quadratic re-scan that a too-big `IN (subquery)` falls back to.
   */
  protected override hasGroup(rows: RowSource, having: SqlCondition): SqlCondition {
    const contact = sql.ref(`${rows.alias}.contact_id`);
    return sql<SqlBool>`EXISTS (SELECT 1 FROM (SELECT ${contact} AS contact_id FROM ${rows.table}
      WHERE ${sql.join(rows.filters, sql` AND `)} GROUP BY ${contact} HAVING ${having}) AS g
      WHERE g.contact_id = ${sql.ref(`${contactsAlias}.id`)})`;
  }

  protected localMonthDay(instant: RawBuilder<unknown>, timeZone: string): RawBuilder<unknown> {
    return sql`to_char(to_timestamp((${instant})::float8 / 1000) AT TIME ZONE ${timeZone}::text, 'MM-DD')`;
  }

  /** lower() under the "C" collation folds ASCII only, as SQLite's does. */
  protected asciiLowerCase(text: RawBuilder<unknown>): RawBuilder<unknown> {
    return sql`lower(${text} COLLATE "C")`;
  }

  /**
   * A jsonb number is stored as the decimal JavaScript wrote, `numeric` adds it exactly, and
   * numeric → float8 rounds once, correctly (it reads the decimal text with strtod). The jsonb
   * value is cast to numeric directly (`->`, not `->>` and a text parse): `property_number`
   * holds only numbers (events/event-normalise.ts), and the cast skips printing and reparsing.
   */
  protected exactSum(column: RawBuilder<unknown>, key: string): RawBuilder<unknown> {
    return sql`sum((${column} -> ${key}::text)::numeric)::float8`;
  }
}

export function createSegmentCompiler(dialect: Dialect, workspaceId: number): SegmentSqlCompiler {
  return dialect === 'sqlite'
    ? new SqliteSegmentCompiler(workspaceId)
    : new PostgresSegmentCompiler(workspaceId);
}
