/** SPEC §3 rule 2: booking_marketing windows, operator and contact withdrawals, time zones. */
import { describe, expect, it } from 'vitest';
import type { ConsentAction, ConsentActor, ConsentSource } from './consent-log.js';
import { bookingWindowEnd, deriveConsentState } from './consent-state.js';
import type {
  ConsentCategoryRule,
  ConsentLogEntry,
  ConsentState,
  ReservationWindowSource,
} from './consent-types.js';

const bookingMarketing: ConsentCategoryRule = {
  key: 'booking_marketing',
  kind: 'marketing',
  timeBound: true,
};

const at = (iso: string) => Date.parse(iso);

let nextId = 1;
function entry(
  iso: string,
  actor: ConsentActor,
  action: ConsentAction,
  source: ConsentSource = actor === 'contact' ? 'preference_center' : 'import',
  id = nextId++,
): ConsentLogEntry {
  return { id, action, actor, source, reason: null, recordedAt: at(iso) };
}

function reservation(
  confirmedIso: string | null,
  departure: string | null,
  status = 'confirmed',
): ReservationWindowSource {
  return { confirmedAt: confirmedIso === null ? null : at(confirmedIso), departure, status };
}

interface Case {
  description: string;
  log: ConsentLogEntry[];
  reservations?: ReservationWindowSource[];
  now: string;
  expected: ConsentState;
}

describe('deriveConsentState, booking_marketing (SPEC §3 rule 2)', () => {
  const amsterdam = 'Europe/Amsterdam';
  const stay = reservation('2024-10-01T10:00Z', '2024-10-26');
  // The day after departure, 27 October, starts at 00:00+02:00 (DST ends later that night).
  const stayEnd = '2024-10-26T22:00:00.000Z';
  const cases: Case[] = [
    {
      description: 'no reservation and no log: never given',
      log: [],
      now: '2024-10-10T00:00Z',
      expected: 'never_given',
    },
    {
      description: 'an import grant without a reservation gives no window',
      log: [entry('2024-01-01T00:00Z', 'operator', 'grant', 'import')],
      now: '2024-10-10T00:00Z',
      expected: 'never_given',
    },
    {
      description: 'before the reservation is confirmed',
      log: [],
      reservations: [stay],
      now: '2024-10-01T09:59:59.999Z',
      expected: 'never_given',
    },
    {
      description: 'from confirmed_at on',
      log: [],
      reservations: [stay],
      now: '2024-10-01T10:00Z',
      expected: 'valid',
    },
    {
      description: 'up to the last millisecond of the departure day (local time)',
      log: [],
      reservations: [stay],
      now: '2024-10-26T21:59:59.999Z',
      expected: 'valid',
    },
    {
      description: 'expired at local midnight after departure',
      log: [],
      reservations: [stay],
      now: stayEnd,
      expected: 'expired',
    },
    {
      description: 'a cancelled reservation does not rescind the consent',
      log: [],
      reservations: [reservation('2024-10-01T10:00Z', '2024-10-26', 'cancelled')],
      now: '2024-10-20T00:00Z',
      expected: 'valid',
    },
    {
      description: 'a new reservation makes it valid again',
      log: [],
      reservations: [stay, reservation('2024-11-10T08:00Z', '2024-12-01')],
      now: '2024-11-10T08:00Z',
      expected: 'valid',
    },
    {
      description: 'between two windows it is expired',
      log: [],
      reservations: [stay, reservation('2024-11-10T08:00Z', '2024-12-01')],
      now: '2024-11-01T00:00Z',
      expected: 'expired',
    },
    {
      description: 'a reservation confirmed after its departure day: expired at once',
      log: [],
      reservations: [reservation('2024-10-30T00:00Z', '2024-10-26')],
      now: '2024-10-30T00:00Z',
      expected: 'expired',
    },
    {
      description: 'reservations without confirmed_at or departure open no window',
      log: [],
      reservations: [reservation(null, '2024-12-01'), reservation('2024-10-01T10:00Z', null)],
      now: '2024-10-10T00:00Z',
      expected: 'never_given',
    },
    {
      description: 'rule 3: a booker who opted out stays out at the next booking',
      log: [entry('2024-10-05T00:00Z', 'contact', 'withdraw', 'unsubscribe')],
      reservations: [stay, reservation('2024-11-10T08:00Z', '2024-12-01')],
      now: '2024-11-15T00:00Z',
      expected: 'withdrawn',
    },
    {
      description: 'the contact withdrawal stands after every window closed',
      log: [entry('2024-10-05T00:00Z', 'contact', 'withdraw', 'unsubscribe')],
      reservations: [stay],
      now: '2025-01-01T00:00Z',
      expected: 'withdrawn',
    },
    {
      description: 'the contact grants again inside a window: valid',
      log: [
        entry('2024-10-05T00:00Z', 'contact', 'withdraw'),
        entry('2024-10-07T00:00Z', 'contact', 'grant'),
      ],
      reservations: [stay],
      now: '2024-10-08T00:00Z',
      expected: 'valid',
    },
    {
      description: 'the contact grants again outside every window: expired, not valid',
      log: [
        entry('2024-10-05T00:00Z', 'contact', 'withdraw'),
        entry('2024-11-01T00:00Z', 'contact', 'grant'),
      ],
      reservations: [stay],
      now: '2024-11-02T00:00Z',
      expected: 'expired',
    },
    {
      description: 'a contact grant without any reservation: never given',
      log: [entry('2024-10-07T00:00Z', 'contact', 'grant', 'preference_center')],
      now: '2024-10-08T00:00Z',
      expected: 'never_given',
    },
    {
      description: 'an operator withdrawal inside a window: withdrawn',
      log: [entry('2024-10-10T00:00Z', 'operator', 'withdraw', 'cli')],
      reservations: [stay],
      now: '2024-10-11T00:00Z',
      expected: 'withdrawn',
    },
    {
      description: 'an operator withdrawal stands after the closed window would have ended',
      log: [entry('2024-10-10T00:00Z', 'operator', 'withdraw', 'cli')],
      reservations: [stay],
      now: '2024-12-01T00:00Z',
      expected: 'withdrawn',
    },
    {
      description: 'a reservation confirmed after an operator withdrawal opens a new window',
      log: [entry('2024-10-10T00:00Z', 'operator', 'withdraw', 'cli')],
      reservations: [stay, reservation('2024-10-12T00:00Z', '2024-10-14')],
      now: '2024-10-13T00:00Z',
      expected: 'valid',
    },
    {
      description: 'the window closed by the operator stays closed after the new one ends',
      log: [entry('2024-10-10T00:00Z', 'operator', 'withdraw', 'cli')],
      reservations: [stay, reservation('2024-10-12T00:00Z', '2024-10-14')],
      now: '2024-10-20T00:00Z',
      expected: 'expired',
    },
    {
      description: 'a reservation confirmed at the very instant of the withdrawal is closed by it',
      log: [entry('2024-10-10T00:00Z', 'operator', 'withdraw', 'cli')],
      reservations: [
        reservation('2024-10-10T00:00Z', '2024-10-20'),
        reservation('2024-10-11T00:00Z', '2024-10-09'),
      ],
      now: '2024-10-12T00:00Z',
      expected: 'expired',
    },
    {
      description: 'an import grant after an operator withdrawal does not reopen the window',
      log: [
        entry('2024-10-10T00:00Z', 'operator', 'withdraw', 'cli'),
        entry('2024-10-11T00:00Z', 'operator', 'grant', 'import'),
      ],
      reservations: [stay],
      now: '2024-10-12T00:00Z',
      expected: 'withdrawn',
    },
    {
      description: 'the contact granting after an operator withdrawal reopens the window',
      log: [
        entry('2024-10-10T00:00Z', 'operator', 'withdraw', 'cli'),
        entry('2024-10-11T00:00Z', 'contact', 'grant', 'preference_center'),
      ],
      reservations: [stay],
      now: '2024-10-12T00:00Z',
      expected: 'valid',
    },
    {
      description: 'a withdrawal recorded after now is not seen yet',
      log: [entry('2024-10-10T00:00Z', 'contact', 'withdraw')],
      reservations: [stay],
      now: '2024-10-09T00:00Z',
      expected: 'valid',
    },
  ];

  it.each(cases)('$description', ({ log, reservations = [], now, expected }) => {
    expect(
      deriveConsentState({
        category: bookingMarketing,
        log,
        reservations,
        now: at(now),
        timeZone: amsterdam,
      }),
    ).toBe(expected);
  });
});

describe('bookingWindowEnd: the start of the day after departure in the workspace zone', () => {
  it.each([
    {
      description: 'summer time in Amsterdam',
      departure: '2024-10-26',
      zone: 'Europe/Amsterdam',
      end: '2024-10-26T22:00:00.000Z',
    },
    {
      description: 'departure on the 25-hour day (DST ends)',
      departure: '2024-10-27',
      zone: 'Europe/Amsterdam',
      end: '2024-10-27T23:00:00.000Z',
    },
    {
      description: 'departure the day before DST starts',
      departure: '2024-03-30',
      zone: 'Europe/Amsterdam',
      end: '2024-03-30T23:00:00.000Z',
    },
    {
      description: 'departure on the 23-hour day (DST starts)',
      departure: '2024-03-31',
      zone: 'Europe/Amsterdam',
      end: '2024-03-31T22:00:00.000Z',
    },
    {
      description: 'a day that starts at 01:00 (Santiago, DST at midnight)',
      departure: '2024-09-07',
      zone: 'America/Santiago',
      end: '2024-09-08T04:00:00.000Z',
    },
    {
      description: 'the day after is a day that never happened (Apia 2011)',
      departure: '2011-12-29',
      zone: 'Pacific/Apia',
      end: '2011-12-30T10:00:00.000Z',
    },
    { description: 'UTC', departure: '2024-02-28', zone: 'UTC', end: '2024-02-29T00:00:00.000Z' },
    {
      description: 'a quarter-hour offset',
      departure: '2024-05-01',
      zone: 'Asia/Kathmandu',
      end: '2024-05-01T18:15:00.000Z',
    },
  ])('$description', ({ departure, zone, end }) => {
    expect(new Date(bookingWindowEnd(departure, zone)).toISOString()).toBe(end);
  });

  it.each([
    { now: '2024-10-27T22:59:59.999Z', expected: 'valid' },
    { now: '2024-10-27T23:00:00.000Z', expected: 'expired' },
  ] as const)(
    'a stay departing on the DST change day is $expected at $now',
    ({ now, expected }) => {
      const reservations = [reservation('2024-10-20T00:00Z', '2024-10-27')];
      expect(
        deriveConsentState({
          category: bookingMarketing,
          log: [],
          reservations,
          now: at(now),
          timeZone: 'Europe/Amsterdam',
        }),
      ).toBe(expected);
    },
  );
});
