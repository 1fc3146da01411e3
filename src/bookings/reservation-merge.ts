import type { BookingInput, ReservationStatus } from './booking-row.js';

/** A reservation as stored (SPEC §1), in the shape other folders read. */
export interface Reservation {
  id: number;
  bookingId: string;
  contactId: number;
  property: string | null;
  roomType: string | null;
  /** Calendar day YYYY-MM-DD. */
  arrival: string | null;
  departure: string | null;
  status: ReservationStatus;
  /** Epoch ms of the confirmation; opens the booking_marketing window (SPEC §3 rule 2). */
  confirmedAt: number | null;
  channel: string | null;
  guests: number | null;
  amount: number | null;
  createdAt: number;
  updatedAt: number;
}

export type ReservationFields = Omit<Reservation, 'id' | 'createdAt' | 'updatedAt'>;

export type ReservationChange = 'created' | 'updated' | 'unchanged';

export interface MergeBookingInput {
  /** The stored reservation with this booking_id (or the state an earlier row of the file left). */
  existing: ReservationFields | undefined;
  booking: BookingInput;
  contactId: number;
  /** The import's write instant (`--now`). */
  now: number;
}

/**
 * The reservation a booking row leaves behind (docs/events-and-bookings.md):
 * - arrival, departure and status always come from the row (they are required);
 * - an empty optional cell keeps the stored value, as in the contacts CSV;
 * - `confirmed_at`: a non-empty cell replaces the stored instant (the PMS knows best); an
 *   empty one keeps it; a confirmed booking with none at all is taken as confirmed at `now`,
 *   so that re-importing the same file keeps the first import's instant. A booking first seen
 *   cancelled without confirmed_at has none: it opened no consent window.
 * - the booker is the row's contact.
 */
export function mergeBooking(input: MergeBookingInput): {
  fields: ReservationFields;
  change: ReservationChange;
} {
  const { existing, booking } = input;
  const confirmedAt =
    booking.confirmedAt ??
    existing?.confirmedAt ??
    (booking.status === 'confirmed' ? input.now : null);
  const fields: ReservationFields = {
    bookingId: booking.bookingId,
    contactId: input.contactId,
    property: booking.property ?? existing?.property ?? null,
    roomType: booking.roomType ?? existing?.roomType ?? null,
    arrival: booking.arrival,
    departure: booking.departure,
    status: booking.status,
    confirmedAt,
    channel: booking.channel ?? existing?.channel ?? null,
    guests: booking.guests ?? existing?.guests ?? null,
    amount: booking.amount ?? existing?.amount ?? null,
  };
  if (!existing) return { fields, change: 'created' };
  return { fields, change: sameFields(existing, fields) ? 'unchanged' : 'updated' };
}

const comparedFields: readonly (keyof ReservationFields)[] = [
  'bookingId',
  'contactId',
  'property',
  'roomType',
  'arrival',
  'departure',
  'status',
  'confirmedAt',
  'channel',
  'guests',
  'amount',
];

export function sameFields(left: ReservationFields, right: ReservationFields): boolean {
  return comparedFields.every((field) => left[field] === right[field]);
}
