import type BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { type Executor, type Store, writeJson } from '../store/index.js';
import type { NormalisedEvent } from './event-normalise.js';

/** An event whose contact has been resolved, ready to insert. */
export interface ResolvedEvent {
  contactId: number;
  event: NormalisedEvent;
}

export interface InsertEventsInput {
  store: Store;
  /** The executor of the caller's transaction (the whole batch is one transaction). */
  db: Executor;
  workspaceId: number;
  events: readonly ResolvedEvent[];
  /** The instant of the write, stored as `received_at`. */
  receivedAt: number;
}

/**
 * Inserts events idempotently and returns, per event, whether it was stored (`true`) or was a
 * duplicate (`false`). An event whose client id was seen before — stored earlier, or earlier in
 * this same call — is ignored even when its content differs: the first delivery counts
 * (SPEC §2). Events without a client id always count.
 */
export async function insertEvents(input: InsertEventsInput): Promise<boolean[]> {
  const firstOccurrence = markFirstOccurrences(input.events);
  const candidates = input.events.filter((_, index) => firstOccurrence[index]);
  const stored =
    input.store.dialect === 'sqlite'
      ? insertIntoSqlite(input.store.sqlite!, { ...input, events: candidates })
      : await insertIntoPostgres({ ...input, events: candidates });
  let candidateIndex = 0;
  return firstOccurrence.map((first) => (first ? stored[candidateIndex++]! : false));
}

/** False for every event whose client id already appeared earlier in the list. */
function markFirstOccurrences(events: readonly ResolvedEvent[]): boolean[] {
  const seen = new Set<string>();
  return events.map(({ event }) => {
    if (event.clientId === null) return true;
    if (seen.has(event.clientId)) return false;
    seen.add(event.clientId);
    return true;
  });
}

const insertColumns =
  'workspace_id, contact_id, type, occurred_at, properties, property_text, property_number, client_id, received_at';

const sqliteStatements = new WeakMap<BetterSqlite3.Database, BetterSqlite3.Statement>();

function sqliteInsertStatement(handle: BetterSqlite3.Database): BetterSqlite3.Statement {
  let statement = sqliteStatements.get(handle);
  if (!statement) {
    statement = handle.prepare(
      `INSERT INTO events (${insertColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (workspace_id, client_id) DO NOTHING`,
    );
    sqliteStatements.set(handle, statement);
  }
  return statement;
}

/**
 * SQLite: one prepared statement run per event. better-sqlite3 is synchronous and Kysely uses
 * the same single connection, so these rows join the caller's open transaction; without one,
 * the call opens its own so that the batch still commits once.
 */
function insertIntoSqlite(
  handle: BetterSqlite3.Database,
  input: Omit<InsertEventsInput, 'store' | 'db'>,
): boolean[] {
  const statement = sqliteInsertStatement(handle);
  const run = (): boolean[] =>
    input.events.map(({ contactId, event }) => {
      const result = statement.run(
        input.workspaceId,
        contactId,
        event.type,
        event.occurredAt,
        writeJson(event.properties),
        writeJson(event.propertyText),
        writeJson(event.propertyNumber),
        event.clientId,
        input.receivedAt,
      );
      return result.changes > 0;
    });
  return handle.inTransaction ? run() : handle.transaction(run)();
}

/**
 * PostgreSQL: one INSERT … SELECT FROM unnest(arrays) per call, so a batch of thousands of rows
 * is one statement with a fixed number of parameters (no 65,535-parameter limit, one plan).
 * RETURNING lists only the rows inserted, so the client ids missing from it were duplicates.
 */
async function insertIntoPostgres(input: Omit<InsertEventsInput, 'store'>): Promise<boolean[]> {
  if (input.events.length === 0) return [];
  const column = <T>(pick: (resolved: ResolvedEvent) => T): T[] => input.events.map(pick);
  const result = await sql<{ client_id: string | null }>`
    INSERT INTO events (${sql.raw(insertColumns)})
    SELECT ${input.workspaceId}::bigint, u.contact_id, u.type, u.occurred_at, u.properties::jsonb,
           u.property_text::jsonb, u.property_number::jsonb, u.client_id, ${input.receivedAt}::bigint
    FROM unnest(
      ${column((e) => e.contactId)}::bigint[],
      ${column((e) => e.event.type)}::text[],
      ${column((e) => e.event.occurredAt)}::bigint[],
      ${column((e) => writeJson(e.event.properties))}::text[],
      ${column((e) => writeJson(e.event.propertyText))}::text[],
      ${column((e) => writeJson(e.event.propertyNumber))}::text[],
      ${column((e) => e.event.clientId)}::text[]
    ) AS u(contact_id, type, occurred_at, properties, property_text, property_number, client_id)
    ON CONFLICT (workspace_id, client_id) DO NOTHING
    RETURNING client_id`.execute(input.db);
  const inserted = new Set(result.rows.map((row) => row.client_id));
  return input.events.map(({ event }) => event.clientId === null || inserted.has(event.clientId));
}
