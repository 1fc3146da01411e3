import { describe, expect, it } from 'vitest';
import type { BookingInput } from './booking-row.js';
import { mergeBooking, type ReservationFields } from './reservation-merge.js';

const now = Date.parse('2026-04-01T12:00:00Z');
const confirmedAt = Date.parse('2026-03-01T09:30:00Z');

const booking: BookingInput = {
  bookingId: 'B-1',
  email: 'ann@example.com',
  firstName: null,
  lastName: null,
  phone: null,
  property: 'Dune Lodge',
  roomType: 'Suite',
  arrival: '2026-07-01',
  departure: '2026-07-05',
  status: 'confirmed',
  confirmedAt,
  channel: 'direct',
  guests: 2,
  amount: 100,
};

const stored: ReservationFields = {
  bookingId: 'B-1',
  contactId: 1,
  property: 'Dune Lodge',
  roomType: 'Suite',
  arrival: '2026-07-01',
  departure: '2026-07-05',
  status: 'confirmed',
  confirmedAt,
  channel: 'direct',
  guests: 2,
  amount: 100,
};

describe('mergeBooking', () => {
  it.each([
    {
      description: 'a new booking is created',
      existing: undefined,
      patch: {},
      expected: { change: 'created', fields: stored },
    },
    {
      description: 'the same row again changes nothing',
      existing: stored,
      patch: {},
      expected: { change: 'unchanged', fields: stored },
    },
    {
      description: 'a confirmation becomes a cancellation',
      existing: stored,
      patch: { status: 'cancelled' as const, confirmedAt: null },
      expected: { change: 'updated', fields: { ...stored, status: 'cancelled' } },
    },
    {
      description: 'empty optional cells keep stored values',
      existing: stored,
      patch: { property: null, roomType: null, channel: null, guests: null, amount: null },
      expected: { change: 'unchanged', fields: stored },
    },
    {
      description: 'a new confirmed_at replaces the stored one',
      existing: stored,
      patch: { confirmedAt: now - 1000 },
      expected: { change: 'updated', fields: { ...stored, confirmedAt: now - 1000 } },
    },
    {
      description: 'confirmed without confirmed_at is confirmed now',
      existing: undefined,
      patch: { confirmedAt: null },
      expected: { change: 'created', fields: { ...stored, confirmedAt: now } },
    },
    {
      description: 'the first import’s instant is kept on re-import without confirmed_at',
      existing: { ...stored, confirmedAt: now - 5000 },
      patch: { confirmedAt: null },
      expected: { change: 'unchanged', fields: { ...stored, confirmedAt: now - 5000 } },
    },
    {
      description: 'first seen cancelled without confirmed_at has none',
      existing: undefined,
      patch: { status: 'cancelled' as const, confirmedAt: null },
      expected: {
        change: 'created',
        fields: { ...stored, status: 'cancelled', confirmedAt: null },
      },
    },
    {
      description: 'cancelled then confirmed without confirmed_at is confirmed now',
      existing: { ...stored, status: 'cancelled' as const, confirmedAt: null },
      patch: { confirmedAt: null },
      expected: { change: 'updated', fields: { ...stored, confirmedAt: now } },
    },
    {
      description: 'new dates replace old ones',
      existing: stored,
      patch: { arrival: '2026-08-01', departure: '2026-08-03' },
      expected: {
        change: 'updated',
        fields: { ...stored, arrival: '2026-08-01', departure: '2026-08-03' },
      },
    },
  ])('$description', ({ existing, patch, expected }) => {
    const result = mergeBooking({ existing, booking: { ...booking, ...patch }, contactId: 1, now });
    expect(result).toEqual(expected);
  });

  it('moves the booking to the row’s booker', () => {
    const result = mergeBooking({ existing: stored, booking, contactId: 2, now });
    expect(result).toEqual({ change: 'updated', fields: { ...stored, contactId: 2 } });
  });
});
