import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { assertNever } from '../shared/assert-never.js';
import { dayOf } from '../shared/time.js';
import type { Dialect } from '../store/index.js';
import type { ConsentState } from './consent-types.js';

/**
 * The consent rules of SPEC §3 (see `consent-state.ts`) as one SQL boolean for the segment
 * engine's pushdown. Values are bound parameters; only identifiers are written into the text.
 *
 * Booking windows end at the start of the day after departure in the workspace time zone.
 * SQLite cannot convert time zones, but it does not need to: for an instant `now`,
 * `now < start of (departure + 1 day)` holds exactly when `departure >= the day of now` in that
 * zone (days are `YYYY-MM-DD` text, which compares as dates). So the day of `now` is computed here,
 * in JavaScript, and bound as a parameter; no stored window end is needed.
 */
export interface ConsentStateConditionInput {
  /** The last action of a log is written per dialect (`lastActionIs`); the rest is the same SQL. */
  dialect: Dialect;
  /** Every subquery is narrowed to the workspace: tenancy, and the indexes lead with it. */
  workspaceId: number;
  category: { key: string; timeBound: boolean };
  state: ConsentState;
  now: number;
  timeZone: string;
  /** The outer query's contact id, qualified (`contacts.id`, `c.id`) so that subqueries cannot capture it. */
  contactIdColumn: string;
}

type Condition = RawBuilder<SqlBool>;

interface Scope {
  workspaceId: number;
  categoryKey: string;
  now: number;
  contactId: RawBuilder<unknown>;
}

function column(alias: string, name: string): RawBuilder<unknown> {
  return sql.ref(`${alias}.${name}`);
}

/** The log rows of the outer contact and this category, recorded at or before `now`. */
function logRows(alias: string, scope: Scope): Condition {
  return sql<SqlBool>`${column(alias, 'workspace_id')} = ${scope.workspaceId}
    AND ${column(alias, 'contact_id')} = ${scope.contactId}
    AND ${column(alias, 'category')} = ${scope.categoryKey}
    AND ${column(alias, 'recorded_at')} <= ${scope.now}`;
}

/** `later` comes after `earlier` in log order: (recorded_at, id). */
function isLater(later: string, earlier: string): Condition {
  return sql<SqlBool>`(${column(later, 'recorded_at')} > ${column(earlier, 'recorded_at')}
    OR (${column(later, 'recorded_at')} = ${column(earlier, 'recorded_at')}
      AND ${column(later, 'id')} > ${column(earlier, 'id')}))`;
}

function isEntry(alias: string, actor: string, action: string): Condition {
  return sql<SqlBool>`${column(alias, 'actor')} = ${actor} AND ${column(alias, 'action')} = ${action}`;
}

/** No grant by the contact after the entry `alias`: the contact has not overridden it. */
function noLaterContactGrant(alias: string, scope: Scope): Condition {
  const grant = `${alias}_grant`;
  return sql<SqlBool>`NOT EXISTS (SELECT 1 FROM consent_log AS ${sql.id(grant)}
    WHERE ${logRows(grant, scope)} AND ${isEntry(grant, 'contact', 'grant')}
      AND ${isLater(grant, alias)})`;
}

/**
 * The scope of a subquery nested under the row `alias`: the same contact, named by that row.
 * A subquery two levels down that named the outer contact instead would be a correlated
 * SubPlan to PostgreSQL, run per row; naming its parent row makes it a plain (anti-)join the
 * planner can hash or merge (docs/segment-language.md, "Performance").
 */
function sameContactAs(alias: string, scope: Scope): Scope {
  return { ...scope, contactId: column(alias, 'contact_id') };
}

/** SPEC §3 rule 3: a withdrawal by the contact with no later grant by the contact. */
function contactLocked(scope: Scope): Condition {
  const alias = 'consent_lock';
  return sql<SqlBool>`EXISTS (SELECT 1 FROM consent_log AS ${sql.id(alias)}
    WHERE ${logRows(alias, scope)} AND ${isEntry(alias, 'contact', 'withdraw')}
      AND ${noLaterContactGrant(alias, sameContactAs(alias, scope))})`;
}

/**
 * The last entry in log order has this action (false when there is no entry).
 *
 * SQLite: the newest entry, one index probe. PostgreSQL: "an entry with this action and no later
 * entry", the same set written as EXISTS / NOT EXISTS, which the planner turns into a semi- and
 * an anti-join it can estimate and place. A scalar subquery is a filter it can do neither with:
 * it charges its cost to every row it might filter and guesses 0.5% of them pass, so segment
 * queries with a consent condition were driven from the wrong table (docs/segment-language.md).
 */
function lastActionIs(action: string, scope: Scope, dialect: Dialect): Condition {
  const alias = 'consent_last';
  if (dialect === 'postgres') {
    const later = 'consent_later';
    return sql<SqlBool>`EXISTS (SELECT 1 FROM consent_log AS ${sql.id(alias)}
      WHERE ${logRows(alias, scope)} AND ${column(alias, 'action')} = ${action}
        AND NOT EXISTS (SELECT 1 FROM consent_log AS ${sql.id(later)}
          WHERE ${logRows(later, sameContactAs(alias, scope))} AND ${isLater(later, alias)}))`;
  }
  return sql<SqlBool>`COALESCE((SELECT ${column(alias, 'action')} FROM consent_log AS ${sql.id(alias)}
    WHERE ${logRows(alias, scope)}
    ORDER BY ${column(alias, 'recorded_at')} DESC, ${column(alias, 'id')} DESC LIMIT 1), ${''}) = ${action}`;
}

function anyEntry(scope: Scope): Condition {
  const alias = 'consent_any';
  return sql<SqlBool>`EXISTS (SELECT 1 FROM consent_log AS ${sql.id(alias)} WHERE ${logRows(alias, scope)})`;
}

/** Reservations of the outer contact that opened a window by `now`. */
function windowRows(alias: string, scope: Scope): Condition {
  return sql<SqlBool>`${column(alias, 'workspace_id')} = ${scope.workspaceId}
    AND ${column(alias, 'contact_id')} = ${scope.contactId}
    AND ${column(alias, 'confirmed_at')} <= ${scope.now}
    AND ${column(alias, 'departure')} IS NOT NULL`;
}

/** Operator withdrawals that the contact has not overridden with a later grant of their own. */
function operatorWithdrawalRows(alias: string, scope: Scope): Condition {
  return sql<SqlBool>`${logRows(alias, scope)} AND ${isEntry(alias, 'operator', 'withdraw')}
    AND ${noLaterContactGrant(alias, sameContactAs(alias, scope))}`;
}

/** SPEC §3 rule 2: an operator's withdrawal stands while no reservation was confirmed after it. */
function operatorWithdrawalStands(scope: Scope): Condition {
  const withdrawal = 'consent_operator_withdrawal';
  const reservation = 'consent_later_reservation';
  return sql<SqlBool>`EXISTS (SELECT 1 FROM consent_log AS ${sql.id(withdrawal)}
    WHERE ${operatorWithdrawalRows(withdrawal, scope)}
      AND NOT EXISTS (SELECT 1 FROM reservations AS ${sql.id(reservation)}
        WHERE ${windowRows(reservation, sameContactAs(withdrawal, scope))}
          AND ${column(reservation, 'confirmed_at')} > ${column(withdrawal, 'recorded_at')}))`;
}

/** `now` lies in [confirmed_at, start of the day after departure) of a window no operator withdrawal closed. */
function insideWindow(scope: Scope, today: string): Condition {
  const reservation = 'consent_window';
  const closing = 'consent_closing';
  return sql<SqlBool>`EXISTS (SELECT 1 FROM reservations AS ${sql.id(reservation)}
    WHERE ${windowRows(reservation, scope)} AND ${column(reservation, 'departure')} >= ${today}
      AND NOT EXISTS (SELECT 1 FROM consent_log AS ${sql.id(closing)}
        WHERE ${operatorWithdrawalRows(closing, sameContactAs(reservation, scope))}
          AND ${column(closing, 'recorded_at')} >= ${column(reservation, 'confirmed_at')}))`;
}

function hadWindow(scope: Scope): Condition {
  const alias = 'consent_any_window';
  return sql<SqlBool>`EXISTS (SELECT 1 FROM reservations AS ${sql.id(alias)} WHERE ${windowRows(alias, scope)})`;
}

function not(condition: Condition): Condition {
  return sql<SqlBool>`NOT (${condition})`;
}

function and(...conditions: Condition[]): Condition {
  return sql<SqlBool>`(${sql.join(conditions, sql` AND `)})`;
}

function or(...conditions: Condition[]): Condition {
  return sql<SqlBool>`(${sql.join(conditions, sql` OR `)})`;
}

const never: Condition = sql<SqlBool>`(1 = 0)`;

function untimedCondition(state: ConsentState, scope: Scope, dialect: Dialect): Condition {
  switch (state) {
    case 'withdrawn':
      return or(contactLocked(scope), lastActionIs('withdraw', scope, dialect));
    case 'valid':
      return and(not(contactLocked(scope)), lastActionIs('grant', scope, dialect));
    case 'never_given':
      return not(anyEntry(scope));
    case 'expired':
      return never;
    default:
      return assertNever(state);
  }
}

function timeBoundCondition(state: ConsentState, scope: Scope, today: string): Condition {
  const withdrawn = or(contactLocked(scope), operatorWithdrawalStands(scope));
  switch (state) {
    case 'withdrawn':
      return withdrawn;
    case 'valid':
      return and(not(withdrawn), insideWindow(scope, today));
    case 'expired':
      return and(not(withdrawn), not(insideWindow(scope, today)), hadWindow(scope));
    case 'never_given':
      return and(not(withdrawn), not(hadWindow(scope)));
    default:
      return assertNever(state);
  }
}

/**
 * True exactly when the outer contact's derived state of `category` at `now` is `state` (the same
 * answer as `deriveConsentState`). Never NULL, so `NOT (…)` around it is its exact complement.
 */
export function consentStateCondition(input: ConsentStateConditionInput): RawBuilder<SqlBool> {
  if (!/^[A-Za-z_][\w]*\.[A-Za-z_][\w]*$/.test(input.contactIdColumn)) {
    // A bare `id` would bind to the subqueries' own tables; this is a programming error.
    throw new Error(
      `contactIdColumn must be qualified (table.column), got "${input.contactIdColumn}"`,
    );
  }
  const scope: Scope = {
    workspaceId: input.workspaceId,
    categoryKey: input.category.key,
    now: input.now,
    contactId: sql.ref(input.contactIdColumn),
  };
  return input.category.timeBound
    ? timeBoundCondition(input.state, scope, dayOf(input.now, input.timeZone))
    : untimedCondition(input.state, scope, input.dialect);
}
