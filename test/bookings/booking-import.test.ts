import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import {
  findReservation,
  importBookings,
  listContactReservations,
} from '../../src/bookings/index.js';
import { findContact, upsertContacts } from '../../src/contacts/index.js';
import { createWorkspace, type Workspace } from '../../src/workspaces/index.js';
import { describeEachStore } from '../support/stores.js';

const now = Date.parse('2026-04-01T12:00:00Z');
const later = Date.parse('2026-04-10T08:00:00Z');
const header =
  'booking_id,email,first_name,last_name,phone,property,room_type,arrival,departure,status,confirmed_at,channel,guests,amount';
let workspaceCounter = 0;

function csv(...rows: string[]): Readable {
  return Readable.from([Buffer.from(`\uFEFF${[header, ...rows].join('\r\n')}\r\n`)]);
}

describeEachStore('bookings import', (context) => {
  async function freshWorkspace(timeZone = 'Europe/Brussels'): Promise<Workspace> {
    workspaceCounter += 1;
    return createWorkspace(context().store.db, {
      key: `bookings-${workspaceCounter}`,
      timeZone,
      now,
    });
  }

  async function consentLog(workspaceId: number) {
    const rows = await context()
      .store.db.selectFrom('consent_log')
      .select(['contact_id', 'category', 'action', 'actor', 'source', 'recorded_at'])
      .where('workspace_id', '=', workspaceId)
      .orderBy('id')
      .execute();
    return rows.map((row) => ({
      ...row,
      contact_id: Number(row.contact_id),
      recorded_at: Number(row.recorded_at),
    }));
  }

  it('creates the booker with source booking and a booking_marketing grant', async () => {
    const workspace = await freshWorkspace();
    const { store } = context();
    const summary = await importBookings({
      store,
      workspace,
      now,
      input: csv(
        'B-1,Ann@Example.com,Ann,Peeters,,Dune Lodge,Suite,2026-07-01,2026-07-05,Confirmed,2026-03-01T09:30:00Z,Booking.com,2,840.50',
      ),
    });
    expect(summary).toMatchObject({
      rows: 1,
      created: 1,
      updated: 0,
      skipped: 0,
      rejectedCount: 0,
    });
    const ann = await findContact(store.db, {
      workspaceId: workspace.id,
      reference: { email: 'ann@example.com' },
    });
    expect(ann).toMatchObject({ first_name: 'Ann', last_name: 'Peeters', source: 'booking' });
    expect(await consentLog(workspace.id)).toEqual([
      {
        contact_id: ann!.id,
        category: 'booking_marketing',
        action: 'grant',
        actor: 'operator',
        source: 'booking',
        recorded_at: now,
      },
    ]);
    expect(
      await findReservation(store.db, { workspaceId: workspace.id, bookingId: 'B-1' }),
    ).toMatchObject({
      contactId: ann!.id,
      property: 'Dune Lodge',
      roomType: 'Suite',
      arrival: '2026-07-01',
      departure: '2026-07-05',
      status: 'confirmed',
      confirmedAt: Date.parse('2026-03-01T09:30:00Z'),
      channel: 'Booking.com',
      guests: 2,
      amount: 840.5,
      createdAt: now,
      updatedAt: now,
    });
    const keys = await store.db
      .selectFrom('reservations')
      .select(['property_key', 'room_type_key', 'channel_key', 'status'])
      .where('workspace_id', '=', workspace.id)
      .executeTakeFirstOrThrow();
    expect(keys).toEqual({
      property_key: 'dune lodge',
      room_type_key: 'suite',
      channel_key: 'booking.com',
      status: 'confirmed',
    });
  });

  it('turns a confirmation into a cancellation on re-import, without new consent rows', async () => {
    const workspace = await freshWorkspace();
    const { store } = context();
    const row = (status: string, confirmedAt: string) =>
      `B-7,bob@example.com,Bob,,,Villa,,2026-08-01,2026-08-03,${status},${confirmedAt},,,`;
    await importBookings({ store, workspace, now, input: csv(row('confirmed', '')) });
    const again = await importBookings({
      store,
      workspace,
      now: later,
      input: csv(row('confirmed', '')),
    });
    expect(again).toMatchObject({ created: 0, updated: 0, skipped: 1 });
    const cancelled = await importBookings({
      store,
      workspace,
      now: later,
      input: csv(row('cancelled', '')),
    });
    expect(cancelled).toMatchObject({ created: 0, updated: 1, skipped: 0 });
    const reservation = await findReservation(store.db, {
      workspaceId: workspace.id,
      bookingId: 'B-7',
    });
    // confirmed_at was empty: the first import's instant is kept through the cancellation.
    expect(reservation).toMatchObject({
      status: 'cancelled',
      confirmedAt: now,
      createdAt: now,
      updatedAt: later,
    });
    expect((await consentLog(workspace.id)).length).toBe(1);
  });

  it('grants booking_marketing to an existing contact for each new booking only', async () => {
    const workspace = await freshWorkspace();
    const { store } = context();
    const [existing] = await upsertContacts(store.db, {
      workspaceId: workspace.id,
      now,
      source: 'import',
      consent: ['marketing'],
      contacts: [{ email: 'carl@example.com', phone: '+32470123456', first_name: 'Carl' }],
    });
    const contactId = existing?.ok ? existing.id : Number.NaN;
    const summary = await importBookings({
      store,
      workspace,
      now: later,
      input: csv(
        'B-10,,,Janssens,+32 470 12 34 56,Villa,,2026-08-01,2026-08-03,confirmed,2026-04-01,,4,',
        'B-11,CARL@example.com,,,,Villa,,2026-09-01,2026-09-03,confirmed,2026-04-02T10:00:00+02:00,,,',
      ),
    });
    expect(summary).toMatchObject({ created: 2, rejectedCount: 0 });
    const reservations = await listContactReservations(store.db, {
      workspaceId: workspace.id,
      contactId,
    });
    expect(
      reservations.map((reservation) => [reservation.bookingId, reservation.confirmedAt]),
    ).toEqual([
      ['B-11', Date.parse('2026-04-02T08:00:00Z')],
      // A bare date is the start of that day in the workspace time zone (Brussels, UTC+2 in April).
      ['B-10', Date.parse('2026-03-31T22:00:00Z')],
    ]);
    const contact = await findContact(store.db, {
      workspaceId: workspace.id,
      reference: { id: contactId },
    });
    expect(contact).toMatchObject({ first_name: 'Carl', last_name: 'Janssens', source: 'import' });
    const log = await consentLog(workspace.id);
    expect(log.map((entry) => [entry.category, entry.source])).toEqual([
      ['marketing', 'import'],
      ['booking_marketing', 'booking'],
    ]);
  });

  it('reports bad rows by line and keeps the good ones', async () => {
    const workspace = await freshWorkspace();
    const { store } = context();
    const summary = await importBookings({
      store,
      workspace,
      now,
      input: csv(
        'B-1,a@example.com,,,,,,2026-07-01,2026-07-05,confirmed,,,,',
        'B-2,b@example.com,,,,,,2026-07-32,2026-08-05,confirmed,,,,',
        'B-3,c@example.com,,,,,,2026-07-05,2026-07-01,confirmed,,,,',
        'B-4,d@example.com,,,,,,2026-07-01,2026-07-05,pending,,,,',
        '',
        'B-5,not-an-email,,,,,,2026-07-01,2026-07-05,confirmed,,,,',
        'B-6,e@example.com,,,,,,2026-07-01,2026-07-05,confirmed,,,two,',
        'B-7,f@example.com',
        '"B-8","g@example.com",,,,"Dune, Lodge",,2026-07-01,2026-07-05,cancelled,,,,',
      ),
    });
    expect(summary).toMatchObject({ rows: 8, created: 2, rejectedCount: 6 });
    expect(summary.rejected.map((row) => [row.line, row.reason])).toEqual([
      [3, 'arrival: expected a date YYYY-MM-DD'],
      [4, 'departure: 2026-07-01 is before arrival 2026-07-05'],
      [5, 'status: expected confirmed or cancelled'],
      [7, expect.stringContaining('not an email address')],
      [8, 'guests: expected a whole number'],
      [9, 'expected 14 cells, found 2'],
    ]);
    const cancelled = await findReservation(store.db, {
      workspaceId: workspace.id,
      bookingId: 'B-8',
    });
    expect(cancelled).toMatchObject({
      property: 'Dune, Lodge',
      status: 'cancelled',
      confirmedAt: null,
    });
    expect(
      await findReservation(store.db, { workspaceId: workspace.id, bookingId: 'B-5' }),
    ).toBeUndefined();
  });

  it('applies the same booking twice in one file in order', async () => {
    const workspace = await freshWorkspace();
    const { store } = context();
    const summary = await importBookings({
      store,
      workspace,
      now,
      input: csv(
        'B-9,h@example.com,,,,Villa,Double,2026-07-01,2026-07-05,confirmed,2026-03-01T00:00:00Z,,,100',
        'B-9,h@example.com,,,,,,2026-07-01,2026-07-05,cancelled,,,,',
      ),
    });
    expect(summary).toMatchObject({ created: 1, updated: 1 });
    expect(
      await findReservation(store.db, { workspaceId: workspace.id, bookingId: 'B-9' }),
    ).toMatchObject({
      status: 'cancelled',
      roomType: 'Double',
      amount: 100,
      confirmedAt: Date.parse('2026-03-01T00:00:00Z'),
    });
    expect((await consentLog(workspace.id)).length).toBe(1);
  });

  it('moves a re-imported booking to a new booker, who gets booking_marketing', async () => {
    const workspace = await freshWorkspace();
    const { store } = context();
    const row = (email: string) => `B-20,${email},,,,,,2026-07-01,2026-07-05,confirmed,,,,`;
    await importBookings({ store, workspace, now, input: csv(row('first@example.com')) });
    const summary = await importBookings({
      store,
      workspace,
      now: later,
      input: csv(row('second@example.com')),
    });
    expect(summary).toMatchObject({ updated: 1, rejectedCount: 0 });
    const second = await findContact(store.db, {
      workspaceId: workspace.id,
      reference: { email: 'second@example.com' },
    });
    expect(second).toMatchObject({ source: 'booking' });
    expect(
      await findReservation(store.db, { workspaceId: workspace.id, bookingId: 'B-20' }),
    ).toMatchObject({
      contactId: second!.id,
      confirmedAt: now,
    });
    const log = await consentLog(workspace.id);
    expect(log.filter((entry) => entry.contact_id === second!.id)).toEqual([
      expect.objectContaining({ category: 'booking_marketing', recorded_at: later }),
    ]);
    expect(log).toHaveLength(2);
  });

  it('refuses a file with an unknown column before writing anything', async () => {
    const workspace = await freshWorkspace();
    const input = Readable.from([
      Buffer.from('booking_id,email,arival,departure,status\nB-1,a@x.nl,,,\n'),
    ]);
    await expect(importBookings({ store: context().store, workspace, now, input })).rejects.toThrow(
      'unknown column "arival"; missing column "arrival"',
    );
  });
});
