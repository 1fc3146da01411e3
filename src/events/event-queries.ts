import { SiftError } from '../shared/errors.js';
import { type Executor, readJson } from '../store/index.js';

/** An event as read back for the API, the CLI and the contact page. */
export interface StoredEvent {
  /** Sift's own id (the row id), unique per workspace. */
  id: number;
  contactId: number;
  /** The client's idempotency id, when it sent one. */
  clientId: string | null;
  type: string;
  /** Epoch milliseconds. */
  occurredAt: number;
  receivedAt: number;
  properties: Record<string, unknown>;
}

export interface ListContactEventsInput {
  workspaceId: number;
  contactId: number;
  /** Only events of this type (exact, case-sensitive). */
  type?: string | undefined;
  /** Page size, 1–500 (default 50). */
  limit?: number | undefined;
  /** The `nextCursor` of the previous page. */
  cursor?: string | undefined;
}

export interface EventPage {
  events: StoredEvent[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export const defaultEventPageSize = 50;
export const maximumEventPageSize = 500;

interface EventCursor {
  occurredAt: number;
  id: number;
}

/** The cursor names the last event of a page; opaque to clients (base64url). */
export function encodeEventCursor(cursor: EventCursor): string {
  return Buffer.from(`${cursor.occurredAt}:${cursor.id}`).toString('base64url');
}

export function decodeEventCursor(text: string): EventCursor {
  const match = /^(-?\d+):(\d+)$/.exec(Buffer.from(text, 'base64url').toString());
  if (!match) throw new SiftError('invalid_input', 'Invalid cursor', { path: 'cursor' });
  return { occurredAt: Number(match[1]), id: Number(match[2]) };
}

function pageSize(limit: number | undefined): number {
  const size = limit ?? defaultEventPageSize;
  if (!Number.isInteger(size) || size < 1 || size > maximumEventPageSize) {
    throw new SiftError(
      'invalid_input',
      `limit must be an integer from 1 to ${maximumEventPageSize}`,
      {
        path: 'limit',
      },
    );
  }
  return size;
}

interface EventRow {
  id: number;
  contact_id: number;
  client_id: string | null;
  type: string;
  occurred_at: number;
  received_at: number;
  properties: unknown;
}

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    id: Number(row.id),
    contactId: Number(row.contact_id),
    clientId: row.client_id,
    type: row.type,
    occurredAt: Number(row.occurred_at),
    receivedAt: Number(row.received_at),
    properties: readJson<Record<string, unknown>>(row.properties),
  };
}

/**
 * A contact's events, newest first: ordered by `occurred_at` descending, ties by Sift id
 * descending, so that pages are stable while events keep arriving (keyset pagination).
 */
export async function listContactEvents(
  db: Executor,
  input: ListContactEventsInput,
): Promise<EventPage> {
  const size = pageSize(input.limit);
  const after = input.cursor === undefined ? undefined : decodeEventCursor(input.cursor);
  let query = db
    .selectFrom('events')
    .select(['id', 'contact_id', 'client_id', 'type', 'occurred_at', 'received_at', 'properties'])
    .where('workspace_id', '=', input.workspaceId)
    .where('contact_id', '=', input.contactId);
  if (input.type !== undefined) query = query.where('type', '=', input.type);
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('occurred_at', '<', after.occurredAt),
        eb.and([eb('occurred_at', '=', after.occurredAt), eb('id', '<', after.id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(size + 1)
    .execute();
  const events = rows.slice(0, size).map(toStoredEvent);
  const last = events.at(-1);
  return {
    events,
    nextCursor: rows.length > size && last ? encodeEventCursor(last) : null,
  };
}

export interface CountEventsInput {
  workspaceId: number;
  /** Only this contact's events. */
  contactId?: number | undefined;
  /** Only events of this type. */
  type?: string | undefined;
}

/** The number of stored events (duplicates were never stored), optionally per contact or type. */
export async function countEvents(db: Executor, input: CountEventsInput): Promise<number> {
  let query = db
    .selectFrom('events')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('workspace_id', '=', input.workspaceId);
  if (input.contactId !== undefined) query = query.where('contact_id', '=', input.contactId);
  if (input.type !== undefined) query = query.where('type', '=', input.type);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.count);
}

/** One event by Sift id, or undefined. */
export async function findEvent(
  db: Executor,
  input: { workspaceId: number; id: number },
): Promise<StoredEvent | undefined> {
  const row = await db
    .selectFrom('events')
    .select(['id', 'contact_id', 'client_id', 'type', 'occurred_at', 'received_at', 'properties'])
    .where('workspace_id', '=', input.workspaceId)
    .where('id', '=', input.id)
    .executeTakeFirst();
  return row ? toStoredEvent(row) : undefined;
}
