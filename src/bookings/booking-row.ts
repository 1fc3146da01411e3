import { z } from 'zod';
import { fold } from '../shared/fold.js';
import { isIsoDate, parseInstant, startOfDay } from '../shared/time.js';

/**
 * One row of the bookings CSV (SPEC §7), from the cells as read to a `BookingInput`.
 * Empty cell = no value. Problems are values: `{ path: column, reason }`.
 */

export const bookingColumns = [
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
] as const;
export type BookingColumn = (typeof bookingColumns)[number];

export const requiredBookingColumns: readonly BookingColumn[] = [
  'booking_id',
  'arrival',
  'departure',
  'status',
];

export const reservationStatuses = ['confirmed', 'cancelled'] as const;
export type ReservationStatus = (typeof reservationStatuses)[number];

/** Spellings accepted for a status, after folding; PMS exports often write "canceled". */
const statusSpellings: ReadonlyMap<string, ReservationStatus> = new Map([
  ['confirmed', 'confirmed'],
  ['cancelled', 'cancelled'],
  ['canceled', 'cancelled'],
]);

const maximumTextLength = 1000;

// PostgreSQL text cannot hold NUL; refused on both back ends so that they behave the same.
const text = z
  .string()
  .trim()
  .max(maximumTextLength, { error: 'longer than 1000 characters' })
  .refine((value) => !value.includes('\u0000'), { error: 'must not contain NUL (\\u0000)' });
const optionalText = text.transform((value) => (value === '' ? null : value));

const isoDate = text.refine(isIsoDate, { error: 'expected a date YYYY-MM-DD' });

const plainDecimal = /^-?\d+(\.\d+)?$/;

/** The CSV row as cells by column; a missing column reads as an empty cell. */
export const BookingRow = z.object({
  booking_id: text.min(1, { error: 'booking_id is required' }),
  email: optionalText,
  first_name: optionalText,
  last_name: optionalText,
  phone: optionalText,
  property: optionalText,
  room_type: optionalText,
  arrival: isoDate,
  departure: isoDate,
  status: text.refine((value) => statusSpellings.has(fold(value)), {
    error: 'expected confirmed or cancelled',
  }),
  confirmed_at: text.refine((value) => value === '' || parseConfirmedAtShape(value), {
    error: 'expected an ISO 8601 date-time (2026-01-31T10:00:00Z) or date',
  }),
  channel: optionalText,
  guests: text.refine((value) => value === '' || /^\d+$/.test(value), {
    error: 'expected a whole number',
  }),
  amount: text.refine((value) => value === '' || plainDecimal.test(value), {
    error: 'expected a plain decimal such as 120.50',
  }),
});
export type BookingRow = z.infer<typeof BookingRow>;

/** A validated booking, as the reservation store and the contacts module need it. */
export interface BookingInput {
  bookingId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  property: string | null;
  roomType: string | null;
  arrival: string;
  departure: string;
  status: ReservationStatus;
  /** Epoch ms; null when the cell was empty (the merge decides, see reservation-merge.ts). */
  confirmedAt: number | null;
  channel: string | null;
  guests: number | null;
  amount: number | null;
}

export interface BookingProblem {
  reason: string;
  path?: string;
}

export type ParseBookingResult =
  | { ok: true; booking: BookingInput }
  | { ok: false; problems: BookingProblem[] };

const dateTimePattern =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function parseConfirmedAtShape(value: string): boolean {
  return (
    isIsoDate(value) ||
    (dateTimePattern.test(value) && parseInstant(value.replace(' ', 'T')) !== null)
  );
}

/**
 * `confirmed_at`: a date-time is an instant (no offset = UTC, like every instant in Sift);
 * a bare date, as many PMS exports write it, is the start of that day in the workspace time zone.
 */
export function parseConfirmedAt(value: string, timeZone: string): number | null {
  if (value === '') return null;
  if (isIsoDate(value)) return startOfDay(value, timeZone);
  return parseInstant(value.replace(' ', 'T'));
}

function checkRow(row: BookingRow): BookingProblem[] {
  const problems: BookingProblem[] = [];
  if (row.email === null && row.phone === null) {
    problems.push({ path: 'email', reason: "email: a booking needs the booker's email or phone" });
  }
  if (row.departure < row.arrival) {
    problems.push({
      path: 'departure',
      reason: `departure: ${row.departure} is before arrival ${row.arrival}`,
    });
  }
  if (row.guests !== '' && !Number.isSafeInteger(Number(row.guests))) {
    problems.push({ path: 'guests', reason: 'guests: expected a whole number' });
  }
  return problems;
}

/** Validates one row given as cells by column name. */
export function parseBookingRow(
  cells: Partial<Record<BookingColumn, string>>,
  options: { timeZone: string },
): ParseBookingResult {
  const withEmpties = Object.fromEntries(
    bookingColumns.map((column) => [column, cells[column] ?? '']),
  );
  const parsed = BookingRow.safeParse(withEmpties);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        reason: `${issue.path.join('.')}: ${issue.message}`,
        path: issue.path.join('.'),
      })),
    };
  }
  const row = parsed.data;
  const problems = checkRow(row);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    booking: {
      bookingId: row.booking_id,
      email: row.email,
      firstName: row.first_name,
      lastName: row.last_name,
      phone: row.phone,
      property: row.property,
      roomType: row.room_type,
      arrival: row.arrival,
      departure: row.departure,
      status: statusSpellings.get(fold(row.status))!,
      confirmedAt: parseConfirmedAt(row.confirmed_at, options.timeZone),
      channel: row.channel,
      guests: row.guests === '' ? null : Number(row.guests),
      amount: row.amount === '' ? null : Number(row.amount),
    },
  };
}
