import { readConsentStates } from '../consent/index.js';
import { type Executor, readJson } from '../store/index.js';
import type { ContactColumn, ReservationColumn } from './core.js';
import type { ContactRecord, ContactSnapshot, EventRecord, ReservationRecord } from './snapshot.js';

/**
 * Reads contacts as the interpreter sees them (snapshot.ts). I/O lives here and only here;
 * consent states come from the consent rules (src/consent), never from a copy of them.
 */

const contactColumns = [
  'email',
  'phone',
  'external_id_key',
  'first_name_key',
  'last_name_key',
  'language_key',
  'country_key',
  'city_key',
  'gender_key',
  'birthdate',
  'created_at',
  'updated_at',
  'source',
] as const satisfies readonly ContactColumn[];

const reservationColumns = [
  'booking_id',
  'property_key',
  'room_type_key',
  'channel_key',
  'status',
  'arrival',
  'departure',
  'confirmed_at',
  'guests',
  'amount',
] as const satisfies readonly ReservationColumn[];

export interface SnapshotScope {
  workspaceId: number;
  now: number;
  timeZone: string;
}

type Row = Record<string, unknown>;

function toNumberOrText(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'bigint' ? Number(value) : (value as string | number);
}

function toContact(row: Row): ContactRecord {
  const record: Row = { id: Number(row.id) };
  for (const column of contactColumns) record[column] = toNumberOrText(row[column]);
  record.custom = readJson<Record<string, unknown>>(row.custom) ?? {};
  record.custom_key = readJson<Record<string, unknown>>(row.custom_key) ?? {};
  return record as ContactRecord;
}

function toEvent(row: Row): EventRecord {
  return {
    type: String(row.type),
    occurred_at: Number(row.occurred_at),
    property_text: readJson<Record<string, unknown>>(row.property_text) ?? {},
    property_number: readJson<Record<string, unknown>>(row.property_number) ?? {},
  };
}

function toReservation(row: Row): ReservationRecord {
  const record: Row = {};
  for (const column of reservationColumns) record[column] = toNumberOrText(row[column]);
  return record as ReservationRecord;
}

function groupBy<T>(rows: readonly object[], map: (row: Row) => T): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const object of rows) {
    const row = object as Row;
    const contactId = Number(row.contact_id);
    const group = groups.get(contactId);
    if (group) group.push(map(row));
    else groups.set(contactId, [map(row)]);
  }
  return groups;
}

interface Selection {
  workspaceId: number;
  /** Undefined: every contact of the workspace. */
  ids: number[] | undefined;
}

function readContacts(db: Executor, selection: Selection) {
  return db
    .selectFrom('contacts')
    .select(['id', ...contactColumns, 'custom', 'custom_key'])
    .where('workspace_id', '=', selection.workspaceId)
    .$if(selection.ids !== undefined, (query) => query.where('id', 'in', selection.ids!))
    .orderBy('id')
    .execute();
}

/** Tags, list keys, events (in time order) and reservations of the selected contacts. */
async function readBehaviour(db: Executor, selection: Selection) {
  const some = selection.ids !== undefined;
  const ids = selection.ids ?? [];
  const tags = await db
    .selectFrom('contact_tags')
    .select(['contact_id', 'tag'])
    .where('workspace_id', '=', selection.workspaceId)
    .$if(some, (query) => query.where('contact_id', 'in', ids))
    .execute();
  const lists = await db
    .selectFrom('list_members as m')
    .innerJoin('lists as l', (join) =>
      join.onRef('l.workspace_id', '=', 'm.workspace_id').onRef('l.id', '=', 'm.list_id'),
    )
    .select(['m.contact_id as contact_id', 'l.key as key'])
    .where('m.workspace_id', '=', selection.workspaceId)
    .$if(some, (query) => query.where('m.contact_id', 'in', ids))
    .execute();
  const events = await db
    .selectFrom('events')
    .select(['contact_id', 'type', 'occurred_at', 'property_text', 'property_number'])
    .where('workspace_id', '=', selection.workspaceId)
    .$if(some, (query) => query.where('contact_id', 'in', ids))
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
  const reservations = await db
    .selectFrom('reservations')
    .select(['contact_id', ...reservationColumns])
    .where('workspace_id', '=', selection.workspaceId)
    .$if(some, (query) => query.where('contact_id', 'in', ids))
    .orderBy('id')
    .execute();
  return {
    tags: groupBy(tags, (row) => String(row.tag)),
    lists: groupBy(lists, (row) => String(row.key)),
    events: groupBy(events, toEvent),
    reservations: groupBy(reservations, toReservation),
  };
}

/** Loads the snapshots of some contacts (all of the workspace when `contactIds` is omitted), by id. */
export async function loadContactSnapshots(
  db: Executor,
  scope: SnapshotScope & { contactIds?: readonly number[] | undefined },
): Promise<ContactSnapshot[]> {
  if (scope.contactIds !== undefined && scope.contactIds.length === 0) return [];
  const selection: Selection = {
    workspaceId: scope.workspaceId,
    ids: scope.contactIds === undefined ? undefined : [...scope.contactIds],
  };
  const contacts = await readContacts(db, selection);
  const behaviour = await readBehaviour(db, selection);
  const consent = await readConsentStates(db, {
    workspaceId: scope.workspaceId,
    timeZone: scope.timeZone,
    now: scope.now,
    contactIds: contacts.map((row) => Number(row.id)),
  });
  return contacts.map((row) => {
    const id = Number(row.id);
    return {
      contact: toContact(row as Row),
      tags: behaviour.tags.get(id) ?? [],
      lists: behaviour.lists.get(id) ?? [],
      events: behaviour.events.get(id) ?? [],
      reservations: behaviour.reservations.get(id) ?? [],
      consent: consent.get(id) ?? {},
    };
  });
}

/** One contact as the interpreter sees it at `now`; undefined when it does not exist. */
export async function loadContactSnapshot(
  db: Executor,
  scope: SnapshotScope & { contactId: number },
): Promise<ContactSnapshot | undefined> {
  const [snapshot] = await loadContactSnapshots(db, { ...scope, contactIds: [scope.contactId] });
  return snapshot;
}

/** Every contact of a workspace, ordered by id: for differential tests against the SQL engine. */
export function loadWorkspaceSnapshots(
  db: Executor,
  scope: SnapshotScope,
): Promise<ContactSnapshot[]> {
  return loadContactSnapshots(db, scope);
}
