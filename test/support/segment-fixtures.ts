import { randomBytes } from 'node:crypto';
import type {
  ContactSnapshot,
  EventRecord,
  FieldDefinition,
  ReservationRecord,
} from '../../src/segments/index.js';
import type { ConsentState } from '../../src/segments/schema.js';
import { fold, foldOrNull, numericValue, textValue } from '../../src/shared/fold.js';
import { type Executor, type Store, writeJson } from '../../src/store/index.js';
import { createWorkspace } from '../../src/workspaces/index.js';

/**
 * Hand-built segment test data, written exactly as docs/architecture.md stores it (folded `_key`
 * twins, `custom`/`custom_key`, `property_text`/`property_number`, epoch ms, `YYYY-MM-DD`), with
 * plain Kysely inserts so that tests do not depend on the importers. The same conversion also
 * builds in-memory snapshots for the interpreter's unit tests.
 */

export interface FixtureEvent {
  type: string;
  /** Epoch ms. */
  at: number;
  properties?: Record<string, unknown>;
}

export interface FixtureReservation {
  booking_id?: string;
  property?: string | null;
  room_type?: string | null;
  arrival?: string | null;
  departure?: string | null;
  status?: string;
  confirmed_at?: number | null;
  channel?: string | null;
  guests?: number | null;
  amount?: number | null;
}

export interface FixtureConsent {
  category: string;
  action: 'grant' | 'withdraw';
  actor?: 'contact' | 'operator';
  at: number;
}

export interface FixtureContact {
  /** A name for the test to find the contact by. */
  name: string;
  email?: string | null;
  phone?: string | null;
  external_id?: string | null;
  first_name?: string | null;
  last_name?: string | null;
  language?: string | null;
  country?: string | null;
  city?: string | null;
  gender?: string | null;
  birthdate?: string | null;
  source?: string;
  created_at?: number;
  updated_at?: number;
  /** Typed custom values (datetime as epoch ms, multiselect as an array). */
  custom?: Record<string, unknown>;
  tags?: string[];
  lists?: string[];
  events?: FixtureEvent[];
  reservations?: FixtureReservation[];
  consent?: FixtureConsent[];
}

export interface SegmentFixture {
  timeZone?: string;
  /** Custom fields. */
  fields?: FieldDefinition[];
  /** List keys to create (the built-in `owners` list always exists). */
  lists?: string[];
  contacts: FixtureContact[];
}

export interface WrittenFixture {
  workspaceId: number;
  timeZone: string;
  /** Contact ids by fixture name. */
  ids: Map<string, number>;
  /** Fixture names by contact id. */
  names: Map<number, string>;
}

const foldedFieldTypes = new Set(['text', 'select', 'multiselect']);

/** `custom_key`: folded text, select and multiselect values only (architecture.md). */
export function customKeyOf(
  custom: Record<string, unknown>,
  fields: readonly FieldDefinition[],
): Record<string, unknown> {
  const keys: Record<string, unknown> = {};
  for (const field of fields) {
    const value = custom[field.key];
    if (value === undefined || value === null || !foldedFieldTypes.has(field.type)) continue;
    keys[field.key] = Array.isArray(value)
      ? value.map((item) => fold(String(item)))
      : fold(String(value));
  }
  return keys;
}

/** `property_text` and `property_number` of an event's properties, as the event writer computes them. */
export function eventPropertyColumns(properties: Record<string, unknown>) {
  const text: Record<string, string> = {};
  const numbers: Record<string, number> = {};
  for (const [key, value] of Object.entries(properties)) {
    const folded = textValue(value);
    if (folded !== null) text[key] = folded;
    const number = numericValue(value);
    if (number !== null) numbers[key] = number;
  }
  return { property_text: text, property_number: numbers };
}

export function contactColumnsOf(contact: FixtureContact, now: number) {
  return {
    email: foldOrNull(contact.email),
    phone: contact.phone ?? null,
    external_id: contact.external_id ?? null,
    external_id_key: foldOrNull(contact.external_id),
    first_name: contact.first_name ?? null,
    first_name_key: foldOrNull(contact.first_name),
    last_name: contact.last_name ?? null,
    last_name_key: foldOrNull(contact.last_name),
    language: contact.language ?? null,
    language_key: foldOrNull(contact.language),
    country: contact.country ?? null,
    country_key: foldOrNull(contact.country),
    city: contact.city ?? null,
    city_key: foldOrNull(contact.city),
    gender: contact.gender ?? null,
    gender_key: foldOrNull(contact.gender),
    birthdate: contact.birthdate ?? null,
    source: contact.source ?? 'import',
    created_at: contact.created_at ?? now,
    updated_at: contact.updated_at ?? contact.created_at ?? now,
  };
}

export function reservationColumnsOf(reservation: FixtureReservation, index: number) {
  return {
    booking_id: reservation.booking_id ?? `B-${index}-${randomBytes(4).toString('hex')}`,
    property: reservation.property ?? null,
    property_key: foldOrNull(reservation.property),
    room_type: reservation.room_type ?? null,
    room_type_key: foldOrNull(reservation.room_type),
    arrival: reservation.arrival ?? null,
    departure: reservation.departure ?? null,
    status: fold(reservation.status ?? 'confirmed'),
    confirmed_at: reservation.confirmed_at ?? null,
    channel: reservation.channel ?? null,
    channel_key: foldOrNull(reservation.channel),
    guests: reservation.guests ?? null,
    amount: reservation.amount ?? null,
  };
}

async function createLists(
  db: Executor,
  workspaceId: number,
  keys: readonly string[],
  now: number,
) {
  const listIds = new Map<string, number>();
  for (const key of keys) {
    if (key !== 'owners') {
      await db
        .insertInto('lists')
        .values({ workspace_id: workspaceId, key, name: key, source: 'manual', created_at: now })
        .execute();
    }
    const row = await db
      .selectFrom('lists')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    listIds.set(key, Number(row.id));
  }
  return listIds;
}

async function writeContact(
  db: Executor,
  input: {
    workspaceId: number;
    contact: FixtureContact;
    fields: readonly FieldDefinition[];
    now: number;
  },
): Promise<number> {
  const { workspaceId, contact, fields, now } = input;
  const custom = contact.custom ?? {};
  const row = await db
    .insertInto('contacts')
    .values({
      workspace_id: workspaceId,
      ...contactColumnsOf(contact, now),
      custom: writeJson(custom),
      custom_key: writeJson(customKeyOf(custom, fields)),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

async function writeBehaviour(
  db: Executor,
  input: {
    workspaceId: number;
    contactId: number;
    contact: FixtureContact;
    lists: Map<string, number>;
    now: number;
  },
): Promise<void> {
  const { workspaceId, contactId, contact, lists, now } = input;
  for (const tag of new Set((contact.tags ?? []).map(fold))) {
    await db
      .insertInto('contact_tags')
      .values({ workspace_id: workspaceId, contact_id: contactId, tag })
      .execute();
  }
  for (const key of contact.lists ?? []) {
    await db
      .insertInto('list_members')
      .values({
        workspace_id: workspaceId,
        list_id: lists.get(key)!,
        contact_id: contactId,
        added_at: now,
      })
      .execute();
  }
  for (const event of contact.events ?? []) {
    const properties = event.properties ?? {};
    const columns = eventPropertyColumns(properties);
    await db
      .insertInto('events')
      .values({
        workspace_id: workspaceId,
        contact_id: contactId,
        type: event.type,
        occurred_at: event.at,
        properties: writeJson(properties),
        property_text: writeJson(columns.property_text),
        property_number: writeJson(columns.property_number),
        client_id: null,
        received_at: now,
      })
      .execute();
  }
  for (const [index, reservation] of (contact.reservations ?? []).entries()) {
    await db
      .insertInto('reservations')
      .values({
        workspace_id: workspaceId,
        contact_id: contactId,
        ...reservationColumnsOf(reservation, index),
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  for (const entry of contact.consent ?? []) {
    await db
      .insertInto('consent_log')
      .values({
        workspace_id: workspaceId,
        contact_id: contactId,
        category: entry.category,
        action: entry.action,
        actor: entry.actor ?? 'operator',
        source: 'import',
        reason: null,
        recorded_at: entry.at,
      })
      .execute();
  }
}

/** Writes a fresh workspace with the fixture's fields, lists and contacts. */
export async function writeSegmentFixture(
  store: Store,
  fixture: SegmentFixture,
  now: number,
): Promise<WrittenFixture> {
  return store.db.transaction().execute(async (db) => {
    const workspace = await createWorkspace(db, {
      key: `segments-${randomBytes(6).toString('hex')}`,
      timeZone: fixture.timeZone ?? 'UTC',
      now,
    });
    for (const field of fixture.fields ?? []) {
      await db
        .insertInto('fields')
        .values({
          workspace_id: workspace.id,
          key: field.key,
          label: field.key,
          type: field.type,
          options: field.options ? writeJson(field.options) : null,
          created_at: now,
        })
        .execute();
    }
    const listKeys = new Set([
      ...(fixture.lists ?? []),
      ...fixture.contacts.flatMap((c) => c.lists ?? []),
    ]);
    const lists = await createLists(db, workspace.id, [...listKeys], now);
    const ids = new Map<string, number>();
    const names = new Map<number, string>();
    for (const contact of fixture.contacts) {
      const contactId = await writeContact(db, {
        workspaceId: workspace.id,
        contact,
        fields: fixture.fields ?? [],
        now,
      });
      await writeBehaviour(db, { workspaceId: workspace.id, contactId, contact, lists, now });
      ids.set(contact.name, contactId);
      names.set(contactId, contact.name);
    }
    return { workspaceId: workspace.id, timeZone: workspace.timeZone, ids, names };
  });
}

/**
 * The interpreter's view of a fixture contact without a database: for pure unit tests.
 * Consent states are given directly (the loader derives them from the log).
 */
export function snapshotOf(
  contact: FixtureContact,
  options: {
    fields?: readonly FieldDefinition[];
    now?: number;
    id?: number;
    consent?: Record<string, ConsentState>;
  } = {},
): ContactSnapshot {
  const now = options.now ?? 0;
  const custom = contact.custom ?? {};
  const events: EventRecord[] = (contact.events ?? []).map((event) => ({
    type: event.type,
    occurred_at: event.at,
    ...eventPropertyColumns(event.properties ?? {}),
  }));
  const reservations: ReservationRecord[] = (contact.reservations ?? []).map((reservation, index) =>
    reservationColumnsOf({ booking_id: `B-${index}`, ...reservation }, index),
  );
  return {
    contact: {
      id: options.id ?? 1,
      ...contactColumnsOf(contact, now),
      custom,
      custom_key: customKeyOf(custom, options.fields ?? []),
    },
    tags: [...new Set((contact.tags ?? []).map(fold))],
    lists: contact.lists ?? [],
    events,
    reservations,
    consent: options.consent ?? {},
  };
}
