import type { Selectable } from 'kysely';
import { foldOrNull } from '../shared/fold.js';
import type { Executor, ReservationTable } from '../store/index.js';
import type { ReservationStatus } from './booking-row.js';
import type { Reservation, ReservationFields } from './reservation-merge.js';

/** Rows per statement: keeps every dialect well under its bound-parameter limit. */
const chunkSize = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += chunkSize) {
    result.push(items.slice(start, start + chunkSize));
  }
  return result;
}

function toReservation(row: Selectable<ReservationTable>): Reservation {
  const numberOrNull = (value: number | null): number | null =>
    value === null ? null : Number(value);
  return {
    id: Number(row.id),
    bookingId: row.booking_id,
    contactId: Number(row.contact_id),
    property: row.property,
    roomType: row.room_type,
    arrival: row.arrival,
    departure: row.departure,
    status: row.status as ReservationStatus,
    confirmedAt: numberOrNull(row.confirmed_at),
    channel: row.channel,
    guests: numberOrNull(row.guests),
    amount: numberOrNull(row.amount),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

/** The stored reservations with these booking ids, by booking id. */
export async function findReservationsByBookingIds(
  db: Executor,
  input: { workspaceId: number; bookingIds: readonly string[] },
): Promise<Map<string, Reservation>> {
  const found = new Map<string, Reservation>();
  for (const part of chunks([...new Set(input.bookingIds)])) {
    const rows = await db
      .selectFrom('reservations')
      .selectAll()
      .where('workspace_id', '=', input.workspaceId)
      .where('booking_id', 'in', part)
      .execute();
    for (const row of rows) found.set(row.booking_id, toReservation(row));
  }
  return found;
}

export async function findReservation(
  db: Executor,
  input: { workspaceId: number; bookingId: string },
): Promise<Reservation | undefined> {
  const row = await db
    .selectFrom('reservations')
    .selectAll()
    .where('workspace_id', '=', input.workspaceId)
    .where('booking_id', '=', input.bookingId)
    .executeTakeFirst();
  return row ? toReservation(row) : undefined;
}

/** A contact's reservations, latest arrival first (ties: latest stored first). */
export async function listContactReservations(
  db: Executor,
  input: { workspaceId: number; contactId: number },
): Promise<Reservation[]> {
  const rows = await db
    .selectFrom('reservations')
    .selectAll()
    .where('workspace_id', '=', input.workspaceId)
    .where('contact_id', '=', input.contactId)
    .orderBy('arrival', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toReservation);
}

export async function countReservations(
  db: Executor,
  input: { workspaceId: number; contactId?: number | undefined },
): Promise<number> {
  let query = db
    .selectFrom('reservations')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('workspace_id', '=', input.workspaceId);
  if (input.contactId !== undefined) query = query.where('contact_id', '=', input.contactId);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Inserts or replaces reservations by booking id. Each booking id must appear once: the
 * caller merges repeated rows first (reservation-merge.ts). The `_key` twins and the folded
 * status are written here, by the same code that writes the values (docs/architecture.md).
 */
export async function saveReservations(
  db: Executor,
  input: { workspaceId: number; reservations: readonly ReservationFields[]; now: number },
): Promise<void> {
  for (const part of chunks(input.reservations)) {
    await db
      .insertInto('reservations')
      .values(
        part.map((reservation) => ({
          workspace_id: input.workspaceId,
          booking_id: reservation.bookingId,
          contact_id: reservation.contactId,
          property: reservation.property,
          property_key: foldOrNull(reservation.property),
          room_type: reservation.roomType,
          room_type_key: foldOrNull(reservation.roomType),
          arrival: reservation.arrival,
          departure: reservation.departure,
          status: reservation.status,
          confirmed_at: reservation.confirmedAt,
          channel: reservation.channel,
          channel_key: foldOrNull(reservation.channel),
          guests: reservation.guests,
          amount: reservation.amount,
          created_at: input.now,
          updated_at: input.now,
        })),
      )
      .onConflict((conflict) =>
        conflict.columns(['workspace_id', 'booking_id']).doUpdateSet((eb) => ({
          contact_id: eb.ref('excluded.contact_id'),
          property: eb.ref('excluded.property'),
          property_key: eb.ref('excluded.property_key'),
          room_type: eb.ref('excluded.room_type'),
          room_type_key: eb.ref('excluded.room_type_key'),
          arrival: eb.ref('excluded.arrival'),
          departure: eb.ref('excluded.departure'),
          status: eb.ref('excluded.status'),
          confirmed_at: eb.ref('excluded.confirmed_at'),
          channel: eb.ref('excluded.channel'),
          channel_key: eb.ref('excluded.channel_key'),
          guests: eb.ref('excluded.guests'),
          amount: eb.ref('excluded.amount'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}
