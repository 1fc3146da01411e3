import {
  type CoreCondition,
  type NormaliseContext,
  normaliseCondition,
  normaliseSegment,
} from '../../src/segments/index.js';
import type { Condition } from '../../src/segments/schema.js';
import { defaultConsentCategories } from '../../src/workspaces/index.js';
import type { SegmentFixture } from './segment-fixtures.js';

/**
 * One hand-built workspace and a table of conditions with the members SPEC §2 gives them,
 * worked out by hand. The interpreter's unit test and the SQL engines' store test both run
 * this table, so all three engines are held to the same expected members.
 *
 * `now` is 2026-03-15 23:30 UTC, which is already 2026-03-16 00:30 in Europe/Amsterdam (the
 * workspace time zone): calendar-day operators must say "today" is the 16th.
 */

const day = 86_400_000;
const hour = 3_600_000;
export const caseNow = Date.UTC(2026, 2, 15, 23, 30);
export const caseTimeZone = 'Europe/Amsterdam';
const ago = (days: number) => caseNow - days * day;

export const caseFixture: SegmentFixture = {
  timeZone: caseTimeZone,
  fields: [
    { key: 'plan', type: 'select', options: ['Gold', 'Silver', 'Bronze'] },
    { key: 'interests', type: 'multiselect', options: ['Cycling', 'Hiking', 'Art'] },
    { key: 'score', type: 'number' },
    { key: 'vip_member', type: 'boolean' },
    { key: 'contract_end', type: 'date' },
    { key: 'last_login', type: 'datetime' },
    { key: 'nickname', type: 'text' },
  ],
  lists: ['newsletter'],
  contacts: [
    {
      name: 'ana',
      email: 'Ana@Example.com',
      first_name: 'Ana',
      last_name: 'de Vries',
      country: 'NL',
      city: 'ÉCOLE',
      language: 'nl-NL',
      birthdate: '1990-03-16',
      source: 'form',
      created_at: ago(400),
      custom: {
        plan: 'Gold',
        interests: ['Cycling', 'Art'],
        score: 80,
        vip_member: true,
        contract_end: '2026-04-01',
        last_login: caseNow - 2 * hour,
        nickname: '  Ánnie ',
      },
      tags: ['VIP', 'Cycling'],
      lists: ['newsletter'],
      events: [
        {
          type: 'purchase',
          at: ago(10),
          properties: { amount: 100, department: 'Accessories', product: 'TRUCK' },
        },
        { type: 'purchase', at: ago(40), properties: { amount: 250.5, department: 'Bikes' } },
        { type: 'purchase', at: ago(80), properties: { amount: '80', department: 'accessories ' } },
        {
          type: 'message.opened',
          at: ago(5),
          properties: { campaign: 'Spring-Sale', channel: 'email' },
        },
        {
          type: 'message.clicked',
          at: ago(5),
          properties: { campaign: 'Spring-Sale', channel: 'email', link: 'https://shop.nl/Bikes' },
        },
      ],
      reservations: [
        {
          booking_id: 'BK-100',
          property: 'Dune Lodge',
          room_type: 'Suite',
          arrival: '2026-03-26',
          departure: '2026-03-30',
          status: 'confirmed',
          confirmed_at: ago(20),
          channel: 'Direct',
          guests: 2,
          amount: 800,
        },
      ],
      consent: [{ category: 'marketing', action: 'grant', at: ago(100) }],
    },
    {
      name: 'bert',
      email: 'bert@example.com',
      first_name: 'Bert',
      country: 'BE',
      city: ' école ',
      language: 'fr-BE',
      birthdate: '1988-02-29',
      source: 'booking',
      created_at: ago(10),
      custom: {
        plan: 'Silver',
        interests: ['Hiking'],
        score: 10,
        vip_member: false,
        contract_end: '2026-03-10',
        last_login: ago(30),
        nickname: 'bert',
      },
      tags: ['newsletter'],
      lists: ['owners'],
      events: [
        { type: 'purchase', at: ago(200), properties: { amount: 50 } },
        // After now: ignored by every event condition.
        { type: 'purchase', at: caseNow + day, properties: { amount: 1000 } },
        {
          type: 'message.clicked',
          at: ago(3),
          properties: { campaign: 'spring-sale', channel: 'sms', link: 'https://shop.nl/bikes' },
        },
      ],
      reservations: [
        {
          booking_id: 'bk-200',
          property: 'dune lodge',
          status: 'cancelled',
          arrival: '2026-01-10',
          departure: '2026-01-12',
          confirmed_at: ago(90),
          guests: 4,
          amount: 1200,
        },
        {
          booking_id: 'BK-201',
          status: 'confirmed',
          arrival: '2026-04-10',
          departure: '2026-04-12',
          confirmed_at: ago(1),
          channel: 'Booking.com',
          guests: 1,
          amount: 300,
        },
      ],
      consent: [
        { category: 'marketing', action: 'grant', at: ago(50) },
        { category: 'marketing', action: 'withdraw', actor: 'contact', at: ago(5) },
      ],
    },
    { name: 'carla', phone: '+31612345678', source: 'api', created_at: ago(1) },
    {
      name: 'dirk',
      email: 'dirk@example.com',
      country: 'nl ',
      city: 'Amsterdam',
      birthdate: '2000-03-22',
      created_at: ago(30),
      custom: {
        interests: [],
        score: 0,
        contract_end: '2026-03-16',
        last_login: caseNow + hour,
      },
      tags: ['vip'],
      events: [
        { type: 'purchase', at: ago(5), properties: { amount: 'n/a', department: 'Bikes' } },
        { type: 'purchase', at: ago(6), properties: { department: 'Bikes' } },
        { type: 'message.sent', at: ago(1), properties: { campaign: 'Spring-Sale' } },
      ],
    },
    {
      name: 'eva',
      email: 'eva@example.com',
      country: 'DE',
      birthdate: '1995-03-15',
      source: 'owner',
      created_at: ago(90),
      custom: { score: 100.5, contract_end: '2026-06-14', last_login: ago(90) },
      events: [
        { type: 'purchase', at: ago(90), properties: { amount: 10 } },
        { type: 'purchase', at: caseNow, properties: { amount: 20 } },
        { type: 'purchase', at: ago(89), properties: { amount: -5 } },
        ...[1, 2, 3, 4, 5].map((days) => ({ type: 'login', at: ago(days) })),
      ],
    },
    {
      name: 'finn',
      external_id: 'EXT-ÄÖ',
      first_name: 'FINN',
      last_name: '100%_Real',
      birthdate: '2004-02-29',
      created_at: ago(1000),
      custom: { plan: 'Bronze', interests: ['Cycling', 'Hiking', 'Art'] },
      tags: ['vip', 'cycling', 'art'],
      lists: ['newsletter', 'owners'],
      events: [{ type: 'message.unsubscribed', at: ago(2), properties: { campaign: 'X' } }],
    },
  ],
};

/** Stored segments the cases may reference (`nl-vip` nests under `nl`, and so on). */
export const caseSegments = [
  {
    key: 'nl',
    parent: null,
    condition: { type: 'field', field: 'country', op: 'eq', value: 'nl' },
  },
  { key: 'nl-vip', parent: 'nl', condition: { type: 'tag', op: 'has_any', tags: ['vip'] } },
  { key: 'nl-vip-buyers', parent: 'nl-vip', condition: { type: 'event', event: 'purchase' } },
  {
    key: 'big-spenders',
    parent: null,
    condition: {
      type: 'event',
      event: 'purchase',
      aggregate: { fn: 'sum', property: 'amount', op: 'gt', value: 400 },
    },
  },
] as const;

export interface SegmentCase {
  description: string;
  condition: Condition;
  /** Names of the expected members; undefined: only the engines are compared. */
  members: string[] | undefined;
  /** Another evaluation instant than `caseNow`. */
  now?: number;
  /** Evaluate as a segment with this parent. */
  parent?: string;
}

/** What validation and normalisation know about the case workspace. */
export function caseContext(now: number = caseNow): NormaliseContext {
  return {
    timeZone: caseTimeZone,
    fields: caseFixture.fields ?? [],
    listKeys: ['newsletter', 'owners'],
    consentCategories: defaultConsentCategories.map((category) => ({
      key: category.key,
      timeBound: category.timeBound,
    })),
    segments: caseSegments,
    now,
  };
}

/** The core tree of a case, as every engine receives it. */
export function caseCondition(segmentCase: SegmentCase): CoreCondition {
  const context = caseContext(segmentCase.now ?? caseNow);
  return segmentCase.parent
    ? normaliseSegment({ parent: segmentCase.parent, condition: segmentCase.condition }, context)
    : normaliseCondition(segmentCase.condition, context);
}
