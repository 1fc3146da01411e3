import { describe, expect, it } from 'vitest';
import type { ConsentAction, ConsentActor, ConsentSource } from './consent-log.js';
import {
  deriveConsentDecision,
  deriveConsentState,
  deriveContactConsentStates,
} from './consent-state.js';
import type {
  ConsentCategoryRule,
  ConsentLogEntry,
  ConsentState,
  ReservationWindowSource,
} from './consent-types.js';

const marketing: ConsentCategoryRule = { key: 'marketing', kind: 'marketing', timeBound: false };
const ownersService: ConsentCategoryRule = {
  key: 'owners_service',
  kind: 'service',
  timeBound: false,
};
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

describe('deriveConsentState, categories that are not time-bound (SPEC §3 rules 3 and 4)', () => {
  const cases: Case[] = [
    {
      description: 'no entry: never given',
      log: [],
      now: '2024-05-01T00:00Z',
      expected: 'never_given',
    },
    {
      description: 'an import grant makes it valid',
      log: [entry('2024-01-01T00:00Z', 'operator', 'grant')],
      now: '2024-05-01T00:00Z',
      expected: 'valid',
    },
    {
      description: 'entries recorded after now are not seen yet',
      log: [entry('2024-06-01T00:00Z', 'operator', 'grant')],
      now: '2024-05-01T00:00Z',
      expected: 'never_given',
    },
    {
      description: 'an entry recorded exactly at now counts',
      log: [entry('2024-05-01T00:00Z', 'operator', 'grant')],
      now: '2024-05-01T00:00Z',
      expected: 'valid',
    },
    {
      description: 'the contact withdraws after an import grant',
      log: [
        entry('2024-01-01T00:00Z', 'operator', 'grant'),
        entry('2024-02-01T00:00Z', 'contact', 'withdraw', 'unsubscribe'),
      ],
      now: '2024-05-01T00:00Z',
      expected: 'withdrawn',
    },
    {
      description: 'rule 3: an import after the contact withdrew does not re-grant',
      log: [
        entry('2024-02-01T00:00Z', 'contact', 'withdraw', 'unsubscribe'),
        entry('2024-03-01T00:00Z', 'operator', 'grant', 'import'),
      ],
      now: '2024-05-01T00:00Z',
      expected: 'withdrawn',
    },
    {
      description: 'rule 3: neither does a booking, an API call or an operator',
      log: [
        entry('2024-02-01T00:00Z', 'contact', 'withdraw'),
        entry('2024-03-01T00:00Z', 'operator', 'grant', 'booking'),
        entry('2024-03-02T00:00Z', 'operator', 'grant', 'api'),
        entry('2024-03-03T00:00Z', 'operator', 'grant', 'cli'),
        entry('2024-03-04T00:00Z', 'operator', 'grant', 'form'),
      ],
      now: '2024-05-01T00:00Z',
      expected: 'withdrawn',
    },
    {
      description: 'rule 3: the contact grants again themselves (a form they submit)',
      log: [
        entry('2024-02-01T00:00Z', 'contact', 'withdraw'),
        entry('2024-03-01T00:00Z', 'operator', 'grant'),
        entry('2024-04-01T00:00Z', 'contact', 'grant', 'form'),
      ],
      now: '2024-05-01T00:00Z',
      expected: 'valid',
    },
    {
      description: 'after the contact granted again, an operator withdrawal counts',
      log: [
        entry('2024-02-01T00:00Z', 'contact', 'withdraw'),
        entry('2024-03-01T00:00Z', 'contact', 'grant'),
        entry('2024-04-01T00:00Z', 'operator', 'withdraw', 'cli'),
      ],
      now: '2024-05-01T00:00Z',
      expected: 'withdrawn',
    },
    {
      description: 'rule 4: an operator withdrawal is not final, a later import grants again',
      log: [
        entry('2024-01-01T00:00Z', 'operator', 'grant'),
        entry('2024-02-01T00:00Z', 'operator', 'withdraw', 'cli'),
        entry('2024-03-01T00:00Z', 'operator', 'grant', 'import'),
      ],
      now: '2024-05-01T00:00Z',
      expected: 'valid',
    },
    {
      description: 'rule 4: between the operator withdrawal and the import it is withdrawn',
      log: [
        entry('2024-01-01T00:00Z', 'operator', 'grant'),
        entry('2024-02-01T00:00Z', 'operator', 'withdraw', 'cli'),
        entry('2024-03-01T00:00Z', 'operator', 'grant', 'import'),
      ],
      now: '2024-02-15T00:00Z',
      expected: 'withdrawn',
    },
    {
      description: 'the log is applied in time order, not in the order given',
      log: [
        entry('2024-03-01T00:00Z', 'operator', 'withdraw'),
        entry('2024-01-01T00:00Z', 'operator', 'grant'),
      ],
      now: '2024-05-01T00:00Z',
      expected: 'withdrawn',
    },
    {
      description: 'entries at the same instant are applied by id (grant last)',
      log: [
        entry('2024-03-01T00:00Z', 'operator', 'grant', 'import', 11),
        entry('2024-03-01T00:00Z', 'operator', 'withdraw', 'cli', 10),
      ],
      now: '2024-05-01T00:00Z',
      expected: 'valid',
    },
    {
      description: 'entries at the same instant are applied by id (contact withdrawal last)',
      log: [
        entry('2024-03-01T00:00Z', 'contact', 'grant', 'form', 20),
        entry('2024-03-01T00:00Z', 'contact', 'withdraw', 'unsubscribe', 21),
      ],
      now: '2024-05-01T00:00Z',
      expected: 'withdrawn',
    },
  ];

  it.each(cases)('$description', ({ log, now, expected }) => {
    expect(
      deriveConsentState({
        category: marketing,
        log,
        reservations: [],
        now: at(now),
        timeZone: 'UTC',
      }),
    ).toBe(expected);
  });

  it('applies the same rules to service categories', () => {
    const log = [
      entry('2024-01-01T00:00Z', 'contact', 'withdraw'),
      entry('2024-02-01T00:00Z', 'operator', 'grant', 'owner'),
    ];
    const now = at('2024-05-01T00:00Z');
    expect(
      deriveConsentState({ category: ownersService, log, reservations: [], now, timeZone: 'UTC' }),
    ).toBe('withdrawn');
  });

  it('ignores reservations for categories that are not time-bound', () => {
    const reservations = [reservation('2024-04-01T00:00Z', '2024-06-01')];
    const now = at('2024-05-01T00:00Z');
    expect(
      deriveConsentState({ category: marketing, log: [], reservations, now, timeZone: 'UTC' }),
    ).toBe('never_given');
  });
});

describe('deriveConsentDecision explains what decided', () => {
  it('names the standing contact withdrawal', () => {
    const withdrawal = entry('2024-02-01T00:00Z', 'contact', 'withdraw', 'unsubscribe');
    const decided = deriveConsentDecision({
      category: marketing,
      log: [withdrawal, entry('2024-03-01T00:00Z', 'operator', 'grant', 'import')],
      reservations: [],
      now: at('2024-04-01T00:00Z'),
      timeZone: 'UTC',
    });
    expect(decided).toMatchObject({
      state: 'withdrawn',
      rule: 'contact_withdrawal',
      entry: withdrawal,
    });
    expect(decided.because).toContain('2024-02-01T00:00:00.000Z');
  });

  it('names the window a time-bound category is valid in, and where a closed one ended', () => {
    const open = deriveConsentDecision({
      category: bookingMarketing,
      log: [],
      reservations: [{ ...reservation('2024-10-01T10:00Z', '2024-10-26'), bookingId: 'B-7' }],
      now: at('2024-10-10T00:00Z'),
      timeZone: 'Europe/Amsterdam',
    });
    expect(open).toMatchObject({
      state: 'valid',
      rule: 'inside_window',
      window: { bookingId: 'B-7', end: at('2024-10-26T22:00Z'), closedAt: null },
    });
    const closed = deriveConsentDecision({
      category: bookingMarketing,
      log: [entry('2024-10-10T00:00Z', 'operator', 'withdraw', 'cli')],
      reservations: [
        { ...reservation('2024-10-01T10:00Z', '2024-10-26'), bookingId: 'B-7' },
        { ...reservation('2024-10-12T00:00Z', '2024-10-14'), bookingId: 'B-8' },
      ],
      now: at('2024-10-20T00:00Z'),
      timeZone: 'Europe/Amsterdam',
    });
    expect(closed).toMatchObject({
      state: 'expired',
      rule: 'windows_closed',
      window: { bookingId: 'B-8' },
    });
  });
});

describe('deriveContactConsentStates', () => {
  it('gives every category its own state from one contact log', () => {
    const states = deriveContactConsentStates({
      categories: [marketing, bookingMarketing, ownersService],
      log: [
        { ...entry('2024-10-01T00:00Z', 'operator', 'grant'), category: 'marketing' },
        { ...entry('2024-10-02T00:00Z', 'contact', 'withdraw'), category: 'owners_service' },
      ],
      reservations: [reservation('2024-10-01T10:00Z', '2024-10-26')],
      now: at('2024-10-03T00:00Z'),
      timeZone: 'Europe/Amsterdam',
    });
    expect(states).toEqual({
      marketing: 'valid',
      booking_marketing: 'valid',
      owners_service: 'withdrawn',
    });
  });
});
