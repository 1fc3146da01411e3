import { describe, expect, it } from 'vitest';
import { type BookingColumn, parseBookingRow } from './booking-row.js';

const valid: Partial<Record<BookingColumn, string>> = {
  booking_id: 'B-1',
  email: 'Ann@Example.com',
  first_name: 'Ann',
  last_name: 'Peeters',
  phone: '',
  property: 'Dune Lodge',
  room_type: 'Suite',
  arrival: '2026-07-01',
  departure: '2026-07-05',
  status: 'Confirmed',
  confirmed_at: '2026-03-01T09:30:00Z',
  channel: 'Booking.com',
  guests: '2',
  amount: '840.50',
};

describe('parseBookingRow', () => {
  it('turns a valid row into a booking', () => {
    expect(parseBookingRow(valid, { timeZone: 'UTC' })).toEqual({
      ok: true,
      booking: {
        bookingId: 'B-1',
        email: 'Ann@Example.com',
        firstName: 'Ann',
        lastName: 'Peeters',
        phone: null,
        property: 'Dune Lodge',
        roomType: 'Suite',
        arrival: '2026-07-01',
        departure: '2026-07-05',
        status: 'confirmed',
        confirmedAt: Date.parse('2026-03-01T09:30:00Z'),
        channel: 'Booking.com',
        guests: 2,
        amount: 840.5,
      },
    });
  });

  it.each([
    {
      description: 'status folded',
      patch: { status: ' CANCELLED ' },
      field: 'status',
      expected: 'cancelled',
    },
    {
      description: 'US spelling',
      patch: { status: 'Canceled' },
      field: 'status',
      expected: 'cancelled',
    },
    {
      description: 'same-day stay',
      patch: { departure: '2026-07-01' },
      field: 'departure',
      expected: '2026-07-01',
    },
    { description: 'empty guests', patch: { guests: '' }, field: 'guests', expected: null },
    {
      description: 'negative amount (refund)',
      patch: { amount: '-20' },
      field: 'amount',
      expected: -20,
    },
    {
      description: 'phone only',
      patch: { email: '', phone: '+32470123456' },
      field: 'email',
      expected: null,
    },
    {
      description: 'empty confirmed_at',
      patch: { confirmed_at: '' },
      field: 'confirmedAt',
      expected: null,
    },
    {
      description: 'confirmed_at with offset',
      patch: { confirmed_at: '2026-03-01T11:30:00+02:00' },
      field: 'confirmedAt',
      expected: Date.parse('2026-03-01T09:30:00Z'),
    },
    {
      description: 'confirmed_at with a space and no offset (UTC)',
      patch: { confirmed_at: '2026-03-01 09:30:00' },
      field: 'confirmedAt',
      expected: Date.parse('2026-03-01T09:30:00Z'),
    },
    {
      description: 'confirmed_at as a date: start of day in the workspace zone',
      patch: { confirmed_at: '2026-03-01' },
      field: 'confirmedAt',
      expected: Date.parse('2026-02-28T23:00:00Z'),
    },
  ])('accepts $description', ({ patch, field, expected }) => {
    const result = parseBookingRow({ ...valid, ...patch }, { timeZone: 'Europe/Brussels' });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.booking[field as keyof typeof result.booking]).toBe(expected);
  });

  it.each([
    {
      description: 'missing booking id',
      patch: { booking_id: ' ' },
      reason: 'booking_id: booking_id is required',
    },
    {
      description: 'bad arrival',
      patch: { arrival: '2026-13-01' },
      reason: 'arrival: expected a date YYYY-MM-DD',
    },
    {
      description: 'arrival in another format',
      patch: { arrival: '01/07/2026' },
      reason: 'arrival: expected a date YYYY-MM-DD',
    },
    {
      description: 'empty departure',
      patch: { departure: '' },
      reason: 'departure: expected a date YYYY-MM-DD',
    },
    {
      description: 'departure before arrival',
      patch: { departure: '2026-06-30' },
      reason: 'departure: 2026-06-30 is before arrival 2026-07-01',
    },
    {
      description: 'unknown status',
      patch: { status: 'pending' },
      reason: 'status: expected confirmed or cancelled',
    },
    {
      description: 'prototype key as status',
      patch: { status: 'constructor' },
      reason: 'status: expected confirmed or cancelled',
    },
    {
      description: 'bad confirmed_at',
      patch: { confirmed_at: 'yesterday' },
      reason: 'confirmed_at: expected an ISO 8601 date-time (2026-01-31T10:00:00Z) or date',
    },
    {
      description: 'impossible confirmed_at',
      patch: { confirmed_at: '2026-02-30T10:00:00Z' },
      reason: 'confirmed_at: expected an ISO 8601 date-time (2026-01-31T10:00:00Z) or date',
    },
    {
      description: 'fractional guests',
      patch: { guests: '2.5' },
      reason: 'guests: expected a whole number',
    },
    {
      description: 'amount with comma',
      patch: { amount: '840,50' },
      reason: 'amount: expected a plain decimal such as 120.50',
    },
    {
      description: 'NUL in a cell',
      patch: { property: 'Dune\u0000' },
      reason: 'property: must not contain NUL (\\u0000)',
    },
    {
      description: 'no email nor phone',
      patch: { email: '', phone: '' },
      reason: "email: a booking needs the booker's email or phone",
    },
  ])('rejects $description', ({ patch, reason }) => {
    const result = parseBookingRow({ ...valid, ...patch }, { timeZone: 'UTC' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((problem) => problem.reason)).toContain(reason);
  });
});
