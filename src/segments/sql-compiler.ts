import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { consentStateCondition } from '../consent/index.js';
import { assertNever } from '../shared/assert-never.js';
import type { Dialect } from '../store/index.js';
import type {
  AggregateFunction,
  Bound,
  CoreAll,
  CoreAny,
  CoreCondition,
  CoreConsent,
  CoreEvent,
  CoreField,
  CoreList,
  CoreNot,
  CorePredicate,
  CoreReservation,
  CoreTag,
  CoreWhere,
  EventWindow,
  StoredKind,
  ValueSource,
} from './core.js';
import { compilePredicateSql, type SqlValue, testPredicate } from './value-forms.js';

export type SqlCondition = RawBuilder<SqlBool>;

/** Rows of a table that a behaviour node counts, before they are narrowed to the contact. */
export interface RowSource {
  table: RawBuilder<unknown>;
  /** The table's alias; its `contact_id` column links the rows to the contact. */
  alias: 'e' | 'r';
  filters: SqlCondition[];
}

/** The outer query's contacts alias: `SELECT c.id FROM contacts c WHERE … AND <condition>`. */
export const contactsAlias = 'c';

/**
 * The SQL engine: a visitor over the core tree with one short method per node, and dialect
 * hooks (JSON access, list membership, time zones) that `SqliteSegmentCompiler` and
 * `PostgresSegmentCompiler` implement. Every value is a bound parameter; identifiers are fixed
 * names from core.ts, and JSON keys travel as parameters too.
 *
 * Every compiled condition is true exactly when the interpreter says so; it may be NULL where
 * the interpreter says false (a missing value), which is why negation is `IS NOT TRUE`.
 */
export abstract class SegmentSqlCompiler {
  abstract readonly dialect: Dialect;

  constructor(protected readonly workspaceId: number) {}

  compile(node: CoreCondition): SqlCondition {
    switch (node.type) {
      case 'all':
        return this.compileAll(node);
      case 'any':
        return this.compileAny(node);
      case 'not':
        return this.compileNot(node);
      case 'field':
        return this.compileField(node);
      case 'tag':
        return this.compileTag(node);
      case 'list':
        return this.compileList(node);
      case 'consent':
        return this.compileConsent(node);
      case 'event':
        return this.compileEvent(node);
      case 'reservation':
        return this.compileReservation(node);
      default:
        return assertNever(node);
    }
  }

  protected compileAll(node: CoreAll): SqlCondition {
    if (node.conditions.length === 0) return sql<SqlBool>`1 = 1`;
    const parts = node.conditions.map((child) => this.compile(child));
    return sql<SqlBool>`(${sql.join(parts, sql` AND `)})`;
  }

  protected compileAny(node: CoreAny): SqlCondition {
    if (node.conditions.length === 0) return sql<SqlBool>`1 = 0`;
    const parts = node.conditions.map((child) => this.compile(child));
    return sql<SqlBool>`(${sql.join(parts, sql` OR `)})`;
  }

  /**
   * The complement must hold where the operand is NULL (a missing value): `IS NOT TRUE` then.
   * Over an operand that is never NULL, plain `NOT` keeps `NOT EXISTS` an anti-join.
   */
  protected compileNot(node: CoreNot): SqlCondition {
    const operand = this.compile(node.condition);
    return mayBeNull(node.condition)
      ? sql<SqlBool>`(${operand}) IS NOT TRUE`
      : sql<SqlBool>`NOT ${operand}`;
  }

  protected compileField(node: CoreField): SqlCondition {
    return this.compileTest(contactsAlias, node);
  }

  protected compileTag(node: CoreTag): SqlCondition {
    const matching = sql`FROM contact_tags t WHERE t.workspace_id = ${this.workspaceId}
      AND t.contact_id = c.id AND t.tag IN (${sql.join(node.tags)})`;
    if (node.op === 'has_any') return sql<SqlBool>`EXISTS (SELECT 1 ${matching})`;
    // (workspace_id, contact_id, tag) is the primary key: counting rows counts distinct tags.
    return sql<SqlBool>`(SELECT count(*) ${matching}) = ${node.tags.length}`;
  }

  protected compileList(node: CoreList): SqlCondition {
    return sql<SqlBool>`EXISTS (SELECT 1 FROM list_members m
      JOIN lists l ON l.workspace_id = m.workspace_id AND l.id = m.list_id
      WHERE m.workspace_id = ${this.workspaceId} AND m.contact_id = c.id
        AND l.key IN (${sql.join(node.lists)}))`;
  }

  protected compileConsent(node: CoreConsent): SqlCondition {
    return consentStateCondition({
      dialect: this.dialect,
      workspaceId: this.workspaceId,
      category: { key: node.category, timeBound: node.timeBound },
      state: node.state,
      now: node.now,
      timeZone: node.timeZone,
      contactIdColumn: `${contactsAlias}.id`,
    });
  }

  /** The events that the node counts: type, window and `where` (the contact is added later). */
  protected eventRows(node: CoreEvent): RowSource {
    const filters: SqlCondition[] = [
      sql<SqlBool>`e.workspace_id = ${this.workspaceId}`,
      sql<SqlBool>`e.type = ${node.eventType}`,
    ];
    if (node.window.from !== null) filters.push(sql<SqlBool>`e.occurred_at >= ${node.window.from}`);
    filters.push(sql<SqlBool>`e.occurred_at < ${node.window.to}`);
    filters.push(...node.where.map((filter) => this.compileTest('e', filter)));
    return { table: sql`events e`, alias: 'e', filters };
  }

  protected compileEvent(node: CoreEvent): SqlCondition {
    const rows = this.eventRows(node);
    const { measure } = node;
    switch (measure.kind) {
      case 'count':
        return this.compileCount(rows, measure.predicate);
      case 'aggregate': {
        // SQL aggregates skip NULLs (missing or non-numeric values) and are NULL over none,
        // which a positive comparison rejects; a negated one must reject it explicitly.
        const aggregate = this.aggregateOf(measure.fn, measure.property);
        const holds = compilePredicateSql(measure.predicate, this.scalarValue(aggregate), 'number');
        return this.hasGroup(
          rows,
          measure.predicate.negated ? sql<SqlBool>`${aggregate} IS NOT NULL AND ${holds}` : holds,
        );
      }
      case 'last':
        return this.compileLast(rows, node.window, measure.predicate);
      default:
        return assertNever(measure);
    }
  }

  /**
   * `sum` is the exact sum of the values' decimals rounded to a double, and `avg` that double
   * divided by the count (docs/segment-language.md, "Arithmetic of aggregates"): SQL's own sum()
   * rounds in an order of its choosing. NULL over no value, as SQL's aggregates are.
   */
  protected aggregateOf(fn: AggregateFunction, property: string): RawBuilder<unknown> {
    const column = sql.ref('e.property_number');
    const number = this.jsonScalar(column, property, 'number');
    switch (fn) {
      case 'sum':
        return this.exactSum(column, property);
      case 'avg':
        return sql`(${this.exactSum(column, property)} / count(${number}))`;
      case 'min':
      case 'max':
        return sql`${sql.raw(fn)}(${number})`;
      default:
        return assertNever(fn);
    }
  }

  /**
   * "The latest matching event" is compared per contact with max(). Where the predicate only
   * bounds it from below (`within_last`, `after`, or an upper bound no row of the window can
   * pass), max(t) ≥ L holds exactly when some t ≥ L does: one EXISTS over the rows from L on,
   * a semi-join on a narrow window, instead of grouping every matching row of every contact.
   * An upper bound keeps the grouped form: "none after U" as an anti-join measured no faster
   * than the grouping on PostgreSQL (docs/segment-language.md, "Performance").
   */
  protected compileLast(
    rows: RowSource,
    window: EventWindow,
    predicate: CorePredicate,
  ): SqlCondition {
    const time = sql.ref(`${rows.alias}.occurred_at`);
    const { form } = predicate;
    if (!predicate.negated && form.kind === 'range' && upperBoundIsVacuous(form.upper, window)) {
      const fromLower = compilePredicateSql(
        { ...predicate, form: { ...form, upper: null } },
        this.scalarValue(time),
        'instant',
      );
      return this.rowsExist({ ...rows, filters: [...rows.filters, fromLower] });
    }
    const last = this.scalarValue(sql`max(${time})`);
    return this.hasGroup(rows, compilePredicateSql(predicate, last, 'instant'));
  }

  protected compileReservation(node: CoreReservation): SqlCondition {
    const filters: SqlCondition[] = [
      sql<SqlBool>`r.workspace_id = ${this.workspaceId}`,
      ...node.where.map((filter) => this.compileTest('r', filter)),
    ];
    return this.compileCount({ table: sql`reservations r`, alias: 'r', filters }, node.count);
  }

  /**
   * A count of rows. "At least once" and "never" are plain (NOT) EXISTS; a count that holds for
   * zero rows is the complement of the groups where it fails, so a contact without any row is
   * included (SPEC §2: `count lt 2` matches contacts with no event).
   */
  protected compileCount(rows: RowSource, predicate: CorePredicate): SqlCondition {
    if (isAtLeastOnce(predicate)) return this.rowsExist(rows);
    if (isNever(predicate)) return sql<SqlBool>`NOT ${this.rowsExist(rows)}`;
    const holds = compilePredicateSql(predicate, this.scalarValue(sql`count(*)`), 'number');
    if (!testPredicate(predicate, 0)) return this.hasGroup(rows, holds);
    return sql<SqlBool>`NOT ${this.hasGroup(rows, sql<SqlBool>`(${holds}) IS NOT TRUE`)}`;
  }

  /** The outer contact's rows of a source, filtered. */
  protected contactRows(rows: RowSource): RawBuilder<unknown> {
    const contact = sql<SqlBool>`${sql.ref(`${rows.alias}.contact_id`)} = ${sql.ref(`${contactsAlias}.id`)}`;
    return sql`FROM ${rows.table} WHERE ${sql.join([...rows.filters, contact], sql` AND `)}`;
  }

  /** The outer contact has at least one row. */
  protected rowsExist(rows: RowSource): SqlCondition {
    return sql<SqlBool>`EXISTS (SELECT 1 ${this.contactRows(rows)})`;
  }

  /**
   * The outer contact has rows and, taken together, they satisfy `having`. Grouping by the
   * contact makes "no rows" mean "no group", so an aggregate over nothing is never seen.
   * This correlated form probes the index per contact; PostgreSQL overrides it.
   */
  protected hasGroup(rows: RowSource, having: SqlCondition): SqlCondition {
    const contact = sql.ref(`${rows.alias}.contact_id`);
    return sql<SqlBool>`EXISTS (SELECT 1 ${this.contactRows(rows)} GROUP BY ${contact} HAVING ${having})`;
  }

  protected compileTest(alias: string, test: CoreField | CoreWhere): SqlCondition {
    return compilePredicateSql(test, this.valueOf(alias, test.source, test.stored), test.stored);
  }

  protected valueOf(alias: string, source: ValueSource, stored: StoredKind): SqlValue {
    const column = sql.ref(`${alias}.${source.column}`);
    if (source.kind === 'column') {
      return this.scalarValue(source.asciiLowerCase ? this.asciiLowerCase(column) : column);
    }
    return this.jsonValue(column, source.key, stored);
  }

  /** A value that is one SQL scalar: columns, counts and aggregates. */
  protected scalarValue(scalar: RawBuilder<unknown>): SqlValue {
    const notAList = (): never => {
      throw new Error('list operators apply to JSON lists only');
    };
    return {
      scalar,
      isBoolean: (value) => sql<SqlBool>`${scalar} = ${value ? 1 : 0}`,
      hasAny: notAList,
      hasAll: notAList,
      isNonEmptyList: notAList,
      monthDay: (timeZone) =>
        timeZone === null ? sql`substr(${scalar}, 6, 5)` : this.localMonthDay(scalar, timeZone),
    };
  }

  /** A value inside a JSON object column (custom fields, event properties). */
  protected abstract jsonValue(
    column: RawBuilder<unknown>,
    key: string,
    stored: StoredKind,
  ): SqlValue;

  /** A scalar inside a JSON object column, as the stored kind (text or number). */
  protected abstract jsonScalar(
    column: RawBuilder<unknown>,
    key: string,
    stored: StoredKind,
  ): RawBuilder<unknown>;

  /** `MM-DD` of an instant (epoch ms) in a time zone. */
  protected abstract localMonthDay(
    instant: RawBuilder<unknown>,
    timeZone: string,
  ): RawBuilder<unknown>;

  protected abstract asciiLowerCase(text: RawBuilder<unknown>): RawBuilder<unknown>;

  /** The exact sum of a number inside a JSON object column, rounded to a double (float8). */
  protected abstract exactSum(column: RawBuilder<unknown>, key: string): RawBuilder<unknown>;
}

/** `gte 1`, `gt 0`, `neq 0` (and the default): the same as "has at least one". */
function isAtLeastOnce(predicate: CorePredicate): boolean {
  if (predicate.negated) {
    return predicate.form.kind === 'equals' && predicate.form.value === 0;
  }
  const { form } = predicate;
  return (
    form.kind === 'range' &&
    form.upper === null &&
    testPredicate(predicate, 1) &&
    !testPredicate(predicate, 0)
  );
}

/** `eq 0`, `lt 1`, `lte 0`: the same as "has none". */
function isNever(predicate: CorePredicate): boolean {
  const { form } = predicate;
  if (predicate.negated) return false;
  if (form.kind === 'equals') return form.value === 0;
  return (
    form.kind === 'range' &&
    form.lower === null &&
    form.upper !== null &&
    testPredicate(predicate, 0) &&
    !testPredicate(predicate, 1)
  );
}

/**
 * Whether the compiled condition can be NULL. Only field tests on a missing value can; the
 * EXISTS-based nodes, consent and negations (`IS NOT TRUE`) are always true or false.
 */
function mayBeNull(node: CoreCondition): boolean {
  switch (node.type) {
    case 'all':
    case 'any':
      return node.conditions.some(mayBeNull);
    case 'field':
      return !node.negated;
    case 'not':
    case 'tag':
    case 'list':
    case 'consent':
    case 'event':
    case 'reservation':
      return false;
    default:
      return assertNever(node);
  }
}

/** Whether no event of the window (`occurred_at < window.to`) can fail this upper bound. */
function upperBoundIsVacuous(upper: Bound | null, window: EventWindow): boolean {
  if (upper === null) return true;
  if (typeof upper.value !== 'number') return false;
  // Instants are whole milliseconds: every row is at most `to - 1`.
  return upper.inclusive ? upper.value >= window.to - 1 : upper.value >= window.to;
}
