import type BetterSqlite3 from 'better-sqlite3';
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { dayOf } from '../shared/time.js';
import type { Dialect, Store } from '../store/index.js';
import type { CoreCondition } from './core.js';
import { createSegmentCompiler, sqliteMonthDayFunction } from './sql-dialects.js';

export interface CompileSegmentOptions {
  dialect: Dialect;
  workspaceId: number;
}

/**
 * The SQL condition of a core tree over the contacts alias `c`, to be used as
 * `SELECT c.id FROM contacts c WHERE c.workspace_id = ? AND <condition>`.
 * On SQLite, conditions with instant anniversaries need `registerSqliteFunctions` on the
 * connection (the helpers below do it).
 */
export function compileSegmentQuery(
  condition: CoreCondition,
  options: CompileSegmentOptions,
): RawBuilder<SqlBool> {
  return createSegmentCompiler(options.dialect, options.workspaceId).compile(condition);
}

export interface MembersQueryOptions extends CompileSegmentOptions {
  /** Keyset pagination: only contacts with a greater id. */
  afterId?: number | undefined;
  limit?: number | undefined;
}

/** `SELECT c.id … ORDER BY c.id`: the members of a segment, one page at a time. */
export function segmentMembersQuery(
  condition: CoreCondition,
  options: MembersQueryOptions,
): RawBuilder<{ id: number }> {
  const after = options.afterId === undefined ? sql`` : sql` AND c.id > ${options.afterId}`;
  const limit = options.limit === undefined ? sql`` : sql` LIMIT ${options.limit}`;
  return sql<{ id: number }>`SELECT c.id FROM contacts c
    WHERE c.workspace_id = ${options.workspaceId} AND ${compileSegmentQuery(condition, options)}${after}
    ORDER BY c.id${limit}`;
}

const prepared = new WeakSet<BetterSqlite3.Database>();

/**
 * Registers the JavaScript functions that compiled SQLite conditions may call (SQLite has no
 * time zones). Idempotent per connection.
 */
export function registerSqliteFunctions(handle: BetterSqlite3.Database): void {
  if (prepared.has(handle)) return;
  handle.function(
    sqliteMonthDayFunction,
    { deterministic: true },
    (instant: unknown, timeZone: unknown) =>
      typeof instant === 'number' || typeof instant === 'bigint'
        ? dayOf(Number(instant), String(timeZone)).slice(5)
        : null,
  );
  prepared.add(handle);
}

function prepareStore(store: Store): void {
  if (store.sqlite) registerSqliteFunctions(store.sqlite);
}

export interface SegmentScope {
  workspaceId: number;
}

export async function countSegmentMembers(
  store: Store,
  condition: CoreCondition,
  scope: SegmentScope,
): Promise<number> {
  prepareStore(store);
  const where = compileSegmentQuery(condition, { dialect: store.dialect, ...scope });
  const result = await sql<{ count: number | string }>`SELECT count(*) AS count FROM contacts c
    WHERE c.workspace_id = ${scope.workspaceId} AND ${where}`.execute(store.db);
  return Number(result.rows[0]?.count ?? 0);
}

export async function listSegmentMemberIds(
  store: Store,
  condition: CoreCondition,
  scope: SegmentScope & { afterId?: number | undefined; limit?: number | undefined },
): Promise<number[]> {
  prepareStore(store);
  const query = segmentMembersQuery(condition, { dialect: store.dialect, ...scope });
  const result = await query.execute(store.db);
  return result.rows.map((row) => Number(row.id));
}

/** Whether one contact is a member: the same condition narrowed to one id. */
export async function segmentContainsContact(
  store: Store,
  condition: CoreCondition,
  scope: SegmentScope & { contactId: number },
): Promise<boolean> {
  prepareStore(store);
  const where = compileSegmentQuery(condition, { dialect: store.dialect, ...scope });
  const result = await sql<{ id: number }>`SELECT c.id FROM contacts c
    WHERE c.workspace_id = ${scope.workspaceId} AND c.id = ${scope.contactId} AND ${where}`.execute(
    store.db,
  );
  return result.rows.length > 0;
}
