import { type ContactReference, findContactIds } from '../contacts/index.js';
import type { ProblemDetail } from '../shared/errors.js';
import type { Executor, Store } from '../store/index.js';
import { type NormalisedEvent, parseEvent } from './event-normalise.js';
import { insertEvents, type ResolvedEvent } from './event-writer.js';

/** What became of one event of a batch. */
export type EventOutcome =
  | { status: 'created'; contactId: number }
  | { status: 'duplicate'; contactId: number }
  | { status: 'rejected'; problems: ProblemDetail[] };

function describeReference(reference: ContactReference): string {
  const [key, value] = Object.entries(reference)[0]!;
  return `${key} ${JSON.stringify(value)}`;
}

function referenceKey(reference: ContactReference): string {
  const [key, value] = Object.entries(reference)[0]!;
  return `${key}\u0000${String(value)}`;
}

/**
 * Resolves each event's contact with one batch lookup (not one query per event): the same
 * contact named many times in a batch is looked up once.
 */
async function resolveContacts({
  db,
  workspaceId,
  events,
}: Pick<WriteEventBatchInput, 'db' | 'workspaceId' | 'events'>): Promise<(number | undefined)[]> {
  const unique = new Map<string, ContactReference>();
  for (const event of events) unique.set(referenceKey(event.contact), event.contact);
  const references = [...unique.values()];
  const ids = await findContactIds(db, workspaceId, references);
  const byKey = new Map<string, number | undefined>();
  references.forEach((reference, index) => {
    const id = ids[index];
    byKey.set(referenceKey(reference), id);
  });
  return events.map((event) => byKey.get(referenceKey(event.contact)));
}

export interface WriteEventBatchInput {
  store: Store;
  /** The executor of the batch's transaction. */
  db: Executor;
  workspaceId: number;
  events: readonly NormalisedEvent[];
  /** Stored as `received_at`. */
  now: number;
}

/**
 * Writes validated events: resolves contacts (an unknown contact rejects the event), then
 * inserts idempotently. Run it inside one transaction per batch.
 */
export async function writeEventBatch(input: WriteEventBatchInput): Promise<EventOutcome[]> {
  const contactIds = await resolveContacts(input);
  const resolved: ResolvedEvent[] = [];
  const positions: number[] = [];
  const outcomes: EventOutcome[] = input.events.map((event, index) => {
    const contactId = contactIds[index];
    if (contactId === undefined) {
      return {
        status: 'rejected',
        problems: [
          {
            code: 'unknown_contact',
            path: 'contact',
            message: `no contact with ${describeReference(event.contact)}`,
          },
        ],
      };
    }
    resolved.push({ contactId, event });
    positions.push(index);
    return { status: 'created', contactId };
  });
  const stored = await insertEvents({
    store: input.store,
    db: input.db,
    workspaceId: input.workspaceId,
    events: resolved,
    receivedAt: input.now,
  });
  stored.forEach((created, index) => {
    if (!created)
      outcomes[positions[index]!] = { status: 'duplicate', contactId: resolved[index]!.contactId };
  });
  return outcomes;
}

export type EventIngestResult = { index: number } & EventOutcome;

export interface IngestEventsResult {
  /** One result per input event, in input order. */
  results: EventIngestResult[];
  created: number;
  duplicates: number;
  rejected: number;
  /** Contacts that received at least one new event: the segments to refresh follow from them. */
  contactIds: number[];
}

export interface IngestEventsInput {
  store: Store;
  workspaceId: number;
  /** Events as received (any JSON values); each is validated. */
  events: readonly unknown[];
  /** The write instant, stored as `received_at`. */
  now: number;
}

/**
 * `POST /v1/events`: validates every event, writes the valid ones in one transaction and
 * reports each item. Invalid or unknown-contact items are rejected without failing the
 * others; duplicates are acknowledged (idempotent retries).
 */
export async function ingestEvents(input: IngestEventsInput): Promise<IngestEventsResult> {
  const results: EventIngestResult[] = new Array(input.events.length);
  const valid: NormalisedEvent[] = [];
  const validIndexes: number[] = [];
  input.events.forEach((value, index) => {
    const parsed = parseEvent(value);
    if (parsed.ok) {
      valid.push(parsed.event);
      validIndexes.push(index);
    } else {
      results[index] = { index, status: 'rejected', problems: parsed.problems };
    }
  });
  const outcomes =
    valid.length === 0
      ? []
      : await input.store.db.transaction().execute((db) =>
          writeEventBatch({
            store: input.store,
            db,
            workspaceId: input.workspaceId,
            events: valid,
            now: input.now,
          }),
        );
  outcomes.forEach((outcome, position) => {
    const index = validIndexes[position]!;
    results[index] = { index, ...outcome };
  });
  return summarise(results);
}

function summarise(results: EventIngestResult[]): IngestEventsResult {
  const contactIds = new Set<number>();
  let created = 0;
  let duplicates = 0;
  let rejected = 0;
  for (const result of results) {
    if (result.status === 'created') {
      created += 1;
      contactIds.add(result.contactId);
    } else if (result.status === 'duplicate') duplicates += 1;
    else rejected += 1;
  }
  return {
    results,
    created,
    duplicates,
    rejected,
    contactIds: [...contactIds].sort((a, b) => a - b),
  };
}
