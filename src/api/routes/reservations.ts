import { createRoute, z } from '@hono/zod-openapi';
import {
  type BookingColumn,
  type BookingInput,
  bookingColumns,
  findReservation,
  listContactReservations,
  parseBookingRow,
  type Reservation as ReservationRecord,
  reservationStatuses,
  writeBookingBatch,
} from '../../bookings/index.js';
import { SiftError } from '../../shared/errors.js';
import type { ApiApp } from '../api-env.js';
import {
  dataList,
  errorResponses,
  isoInstant,
  isoInstantOrNull,
  jsonBody,
  jsonContent,
} from '../openapi.js';
import { ContactIdParams, requireContact } from './contact-lookup.js';

const cell = z.union([z.string(), z.number(), z.null()]).optional();

/**
 * One booking as JSON, with the columns of the bookings CSV (SPEC §7). Values go through the
 * same row parser as the CSV import, so both paths accept and reject exactly the same bookings.
 */
const ReservationInput = z
  .strictObject({
    booking_id: z.union([z.string(), z.number()]),
    email: cell,
    first_name: cell,
    last_name: cell,
    phone: cell,
    property: cell,
    room_type: cell,
    arrival: z.string().openapi({ example: '2026-07-01' }),
    departure: z.string().openapi({ example: '2026-07-05' }),
    status: z.string().openapi({ example: 'confirmed', description: 'confirmed or cancelled' }),
    confirmed_at: cell.openapi({
      description: 'ISO 8601 instant, or a date (start of day in the workspace time zone)',
    }),
    channel: cell,
    guests: cell,
    amount: cell,
  })
  .openapi('ReservationInput', {
    description:
      'The booker (matched by email, then phone) is created or updated; a new booking grants booking_marketing',
  });

export const Reservation = z
  .object({
    id: z.number().int(),
    booking_id: z.string(),
    contact_id: z.number().int(),
    property: z.string().nullable(),
    room_type: z.string().nullable(),
    arrival: z.string().nullable(),
    departure: z.string().nullable(),
    status: z.enum(reservationStatuses),
    confirmed_at: z.string().nullable(),
    channel: z.string().nullable(),
    guests: z.number().nullable(),
    amount: z.number().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Reservation');

function toReservationJson(reservation: ReservationRecord): z.infer<typeof Reservation> {
  return {
    id: reservation.id,
    booking_id: reservation.bookingId,
    contact_id: reservation.contactId,
    property: reservation.property,
    room_type: reservation.roomType,
    arrival: reservation.arrival,
    departure: reservation.departure,
    status: reservation.status,
    confirmed_at: isoInstantOrNull(reservation.confirmedAt),
    channel: reservation.channel,
    guests: reservation.guests,
    amount: reservation.amount,
    created_at: isoInstant(reservation.createdAt),
    updated_at: isoInstant(reservation.updatedAt),
  };
}

function toCells(input: z.infer<typeof ReservationInput>): Partial<Record<BookingColumn, string>> {
  const cells: Partial<Record<BookingColumn, string>> = {};
  for (const column of bookingColumns) {
    const value = input[column];
    cells[column] = value === null || value === undefined ? '' : String(value);
  }
  return cells;
}

/** The booking the JSON describes, or every problem as one `validation_failed` error. */
function parseReservation(input: z.infer<typeof ReservationInput>, timeZone: string): BookingInput {
  const parsed = parseBookingRow(toCells(input), { timeZone });
  if (parsed.ok) return parsed.booking;
  const details = parsed.problems.map((problem) => ({
    code: 'invalid_booking',
    message: problem.reason,
    ...(problem.path === undefined ? {} : { path: problem.path }),
  }));
  throw new SiftError('validation_failed', details[0]?.message ?? 'Invalid booking', {
    ...(details[0]?.path === undefined ? {} : { path: details[0].path }),
    details,
  });
}

const UpsertResult = z
  .object({
    change: z.enum(['created', 'updated', 'unchanged']),
    reservation: Reservation,
  })
  .openapi('ReservationUpsert');

const upsertRoute = createRoute({
  method: 'post',
  path: '/v1/reservations',
  tags: ['reservations'],
  summary: 'Create or update one booking by booking_id (a confirmation can become a cancellation)',
  request: { body: jsonBody(ReservationInput) },
  responses: {
    200: jsonContent(UpsertResult, 'An existing booking was updated (or was already the same)'),
    201: jsonContent(UpsertResult, 'A new booking'),
    ...errorResponses(400),
  },
});

const contactReservationsRoute = createRoute({
  method: 'get',
  path: '/v1/contacts/{id}/reservations',
  tags: ['reservations'],
  summary: "A contact's reservations, latest arrival first",
  request: { params: ContactIdParams },
  responses: {
    200: jsonContent(dataList(Reservation), 'Reservations'),
    ...errorResponses(400, 404),
  },
});

export function registerReservationRoutes(app: ApiApp): void {
  app.openapi(upsertRoute, async (c) => {
    const workspace = c.var.workspace;
    const booking = parseReservation(c.req.valid('json'), workspace.timeZone);
    const result = await c.var.store.db.transaction().execute((db) =>
      writeBookingBatch({
        db,
        workspaceId: workspace.id,
        now: c.var.now,
        rows: [{ line: 1, value: booking }],
      }),
    );
    const rejected = result.rejected[0];
    if (rejected) {
      // The booker could not be written (e.g. its email belongs to another contact's phone).
      throw new SiftError('validation_failed', rejected.reason, {
        ...(rejected.path === undefined ? {} : { path: rejected.path }),
      });
    }
    const stored = await findReservation(c.var.store.db, {
      workspaceId: workspace.id,
      bookingId: booking.bookingId,
    });
    if (!stored) throw new SiftError('internal', `Booking ${booking.bookingId} was not stored`);
    const change = result.created > 0 ? 'created' : result.updated > 0 ? 'updated' : 'unchanged';
    const body = { change, reservation: toReservationJson(stored) } as const;
    return change === 'created' ? c.json(body, 201) : c.json(body, 200);
  });
  app.openapi(contactReservationsRoute, async (c) => {
    const { id } = c.req.valid('param');
    await requireContact(c, id);
    const reservations = await listContactReservations(c.var.store.db, {
      workspaceId: c.var.workspace.id,
      contactId: id,
    });
    return c.json({ data: reservations.map(toReservationJson) }, 200);
  });
}
