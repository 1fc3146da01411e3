import { Readable } from 'node:stream';
import { importBookings } from '../../../src/bookings/index.js';
import { appendConsentRecords, unsubscribeContact } from '../../../src/consent/index.js';
import {
  addListMembers,
  createField,
  createList,
  upsertContacts,
} from '../../../src/contacts/index.js';
import { ingestEvents } from '../../../src/events/index.js';
import { createSegment } from '../../../src/segments/index.js';
import type { Store } from '../../../src/store/index.js';
import { createWorkspace, type Workspace } from '../../../src/workspaces/index.js';
import { instantText } from './time-pools.js';
import { customFields, emailOf } from './value-pools.js';
import type { BookingSpec, ContactSpec, WorkspaceSpec } from './workspace-arbitrary.js';

/**
 * Writes a generated workspace through the domain modules, as production writes it: contacts by
 * `upsertContacts` (the API and import path), events by `ingestEvents`, bookings by
 * `importBookings` from CSV, consent by the consent log and `unsubscribeContact`, segments by
 * `createSegment`. Every write must succeed: a rejection means the generator is wrong.
 */

export interface WrittenWorkspace {
  workspace: Workspace;
  /** Contact ids of the generated contacts, by index. */
  contactIds: number[];
}

function fail(what: string, detail: unknown): never {
  throw new Error(`generated ${what} was rejected: ${JSON.stringify(detail)}`);
}

async function writeContacts(store: Store, workspace: Workspace, spec: WorkspaceSpec) {
  const ids: number[] = new Array(spec.contacts.length);
  const groups = new Map<string, number[]>();
  spec.contacts.forEach((contact, index) => {
    const key = JSON.stringify([contact.batch, contact.source, contact.consent]);
    groups.set(key, [...(groups.get(key) ?? []), index]);
  });
  const ordered = [...groups.entries()].sort(([left], [right]) => (left < right ? -1 : 1));
  for (const [key, indexes] of ordered) {
    const [batch, source, consent] = JSON.parse(key) as [number, ContactSpec['source'], string[]];
    const results = await upsertContacts(store.db, {
      workspaceId: workspace.id,
      now: spec.time.writeInstants[batch]!,
      source,
      consent,
      contacts: indexes.map((index) => spec.contacts[index]!.input),
    });
    results.forEach((result, position) => {
      if (!result.ok) fail('contact', { input: spec.contacts[indexes[position]!]!.input, result });
      ids[indexes[position]!] = result.id;
    });
  }
  return ids;
}

/** A later upsert of some contacts, matched by the identifiers they were created with. */
async function writeUpdates(store: Store, workspace: Workspace, spec: WorkspaceSpec) {
  const updates = spec.contacts
    .filter((contact) => contact.update !== null)
    .map((contact) => {
      const { email, phone, external_id } = contact.input;
      return { ...contact.update, email, phone, external_id };
    });
  if (updates.length === 0) return;
  const results = await upsertContacts(store.db, {
    workspaceId: workspace.id,
    now: spec.time.writeInstants.at(-1)! - 1,
    source: 'api',
    consent: [],
    contacts: updates,
  });
  for (const result of results) if (!result.ok || result.created) fail('update', result);
}

async function writeLists(store: Store, workspace: Workspace, spec: WorkspaceSpec, ids: number[]) {
  const now = spec.time.writeInstants[0]!;
  for (const key of ['newsletter', 'vip-list']) {
    await createList(store.db, {
      workspaceId: workspace.id,
      list: { key, source: 'imported' },
      now,
    });
  }
  for (const key of ['newsletter', 'vip-list', 'owners']) {
    const members = ids.filter((_, index) => spec.contacts[index]!.lists.includes(key));
    if (members.length === 0) continue;
    await addListMembers(store.db, {
      workspaceId: workspace.id,
      listKey: key,
      contactIds: members,
      now,
    });
  }
}

/** Events in two deliveries, so that duplicate client ids occur within and across calls. */
async function writeEvents(store: Store, workspace: Workspace, spec: WorkspaceSpec, ids: number[]) {
  const events = spec.events.map((event) => ({
    ...(event.clientId === null ? {} : { id: event.clientId }),
    contact: { id: ids[event.contact % ids.length]! },
    type: event.type,
    timestamp: instantText(event.instant, spec.time.timeZone, event.format),
    properties: event.properties,
  }));
  const half = Math.floor(events.length / 2);
  for (const part of [events.slice(0, half), events.slice(half)]) {
    if (part.length === 0) continue;
    const result = await ingestEvents({
      store,
      workspaceId: workspace.id,
      events: part,
      now: spec.time.anchor,
    });
    if (result.rejected > 0)
      fail(
        'event',
        result.results.filter((item) => item.status === 'rejected'),
      );
  }
}

const bookingHeader = [
  'booking_id',
  'email',
  'first_name',
  'last_name',
  'phone',
  'property',
  'room_type',
  'arrival',
  'departure',
  'status',
  'confirmed_at',
  'channel',
  'guests',
  'amount',
];

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

function bookerEmail(booking: BookingSpec, spec: WorkspaceSpec): string {
  if ('contact' in booking.booker) {
    const index = booking.booker.contact % spec.contacts.length;
    if (spec.contacts[index]!.input.email !== undefined)
      return emailOf(index, booking.emailSpelling);
    return `booker-of-${index}@example.org`;
  }
  return `booker${booking.booker.booker}@Example.org`;
}

function bookingsCsv(bookings: readonly BookingSpec[], spec: WorkspaceSpec): string {
  const lines = bookings.map((booking) => {
    const cells: Record<string, string> = { ...booking.cells, email: bookerEmail(booking, spec) };
    return bookingHeader.map((column) => csvCell(cells[column] ?? '')).join(',');
  });
  return `${[bookingHeader.join(','), ...lines].join('\n')}\n`;
}

async function writeBookings(store: Store, workspace: Workspace, spec: WorkspaceSpec) {
  const importInstants = [spec.time.writeInstants[1]!, spec.time.anchor - 3_600_000];
  for (const [index, bookings] of spec.bookingImports.entries()) {
    if (bookings.length === 0) continue;
    const summary = await importBookings({
      store,
      workspace: { id: workspace.id, timeZone: workspace.timeZone },
      input: Readable.from([bookingsCsv(bookings, spec)]),
      now: importInstants[index]!,
    });
    if (summary.rejectedCount > 0) fail('booking', summary.rejected);
  }
}

async function writeConsent(
  store: Store,
  workspace: Workspace,
  spec: WorkspaceSpec,
  ids: number[],
) {
  // Appended in generation order, not time order: log order is (recorded_at, id).
  await appendConsentRecords(
    store.db,
    spec.consent.map((entry) => ({
      workspaceId: workspace.id,
      contactId: ids[entry.contact % ids.length]!,
      category: entry.category,
      action: entry.action,
      actor: entry.actor,
      source: entry.source,
      recordedAt: entry.recordedAt,
    })),
  );
  for (const unsubscribe of spec.unsubscribes) {
    await unsubscribeContact(store.db, {
      workspace: { id: workspace.id, timeZone: workspace.timeZone },
      contactId: ids[unsubscribe.contact % ids.length]!,
      recordedAt: unsubscribe.recordedAt,
    });
  }
}

async function writeSegments(store: Store, workspace: Workspace, spec: WorkspaceSpec) {
  for (const segment of spec.segments) {
    try {
      await createSegment(store.db, {
        workspace,
        now: spec.time.writeInstants[0]!,
        definition: {
          key: segment.key,
          name: segment.key,
          parent: segment.parent,
          condition: segment.condition,
        },
      });
    } catch (error) {
      fail('segment', {
        segment,
        error: String(error),
        details: (error as { details?: unknown }).details,
      });
    }
  }
}

export async function writeWorkspace(
  store: Store,
  spec: WorkspaceSpec,
  key: string,
): Promise<WrittenWorkspace> {
  const created = spec.time.writeInstants[0]! - 1;
  const workspace = await store.db
    .transaction()
    .execute((db) => createWorkspace(db, { key, timeZone: spec.time.timeZone, now: created }));
  for (const field of customFields) {
    await createField(store.db, { workspaceId: workspace.id, field, now: created });
  }
  const contactIds = await writeContacts(store, workspace, spec);
  await writeUpdates(store, workspace, spec);
  await writeLists(store, workspace, spec, contactIds);
  await writeEvents(store, workspace, spec, contactIds);
  await writeBookings(store, workspace, spec);
  await writeConsent(store, workspace, spec, contactIds);
  await writeSegments(store, workspace, spec);
  return { workspace, contactIds };
}
