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

const field = (name: string, op: string, value?: unknown): Condition =>
  ({ type: 'field', field: name, op, ...(value === undefined ? {} : { value }) }) as Condition;
const purchase = (extra: Record<string, unknown> = {}): Condition =>
  ({ type: 'event', event: 'purchase', ...extra }) as Condition;

export const fieldCases: SegmentCase[] = [
  {
    description: 'text eq folds the stored value',
    condition: field('country', 'eq', 'nl'),
    members: ['ana', 'dirk'],
  },
  {
    description: 'text neq matches missing values',
    condition: field('country', 'neq', 'NL'),
    members: ['bert', 'carla', 'eva', 'finn'],
  },
  {
    description: 'text in folds the list',
    condition: field('country', 'in', ['be', 'De ']),
    members: ['bert', 'eva'],
  },
  {
    description: 'text not_in matches missing values',
    condition: field('country', 'not_in', ['NL']),
    members: ['bert', 'carla', 'eva', 'finn'],
  },
  {
    description: 'Unicode case folding: ÉCOLE and " école "',
    condition: field('city', 'eq', 'école'),
    members: ['ana', 'bert'],
  },
  {
    description: 'contains',
    condition: field('city', 'contains', 'COL'),
    members: ['ana', 'bert'],
  },
  {
    description: 'not_contains matches missing values',
    condition: field('city', 'not_contains', 'col'),
    members: ['carla', 'dirk', 'eva', 'finn'],
  },
  {
    description: 'starts_with',
    condition: field('city', 'starts_with', 'Éc'),
    members: ['ana', 'bert'],
  },
  { description: 'ends_with', condition: field('city', 'ends_with', 'DAM'), members: ['dirk'] },
  {
    description: 'contains treats % and _ literally',
    condition: field('last_name', 'contains', '%_'),
    members: ['finn'],
  },
  {
    description: 'contains % alone',
    condition: field('last_name', 'contains', '%'),
    members: ['finn'],
  },
  {
    description: 'email is matched folded',
    condition: field('email', 'eq', ' ANA@example.com'),
    members: ['ana'],
  },
  {
    description: 'is_set',
    condition: field('first_name', 'is_set'),
    members: ['ana', 'bert', 'finn'],
  },
  {
    description: 'is_not_set',
    condition: field('first_name', 'is_not_set'),
    members: ['carla', 'dirk', 'eva'],
  },
  {
    description: 'language starts_with',
    condition: field('language', 'starts_with', 'fr'),
    members: ['bert'],
  },
  {
    description: 'external_id folds Unicode',
    condition: field('external_id', 'eq', 'ext-äö'),
    members: ['finn'],
  },
  { description: 'phone', condition: field('phone', 'eq', '+31612345678'), members: ['carla'] },
  { description: 'custom text eq', condition: field('nickname', 'eq', 'ÁNNIE'), members: ['ana'] },
  {
    description: 'custom text is_not_set',
    condition: field('nickname', 'is_not_set'),
    members: ['carla', 'dirk', 'eva', 'finn'],
  },
  {
    description: 'select in folds',
    condition: field('plan', 'in', ['gold', 'SILVER']),
    members: ['ana', 'bert'],
  },
  {
    description: 'select not_in',
    condition: field('plan', 'not_in', ['Gold']),
    members: ['bert', 'carla', 'dirk', 'eva', 'finn'],
  },
  {
    description: 'source select',
    condition: field('source', 'in', ['booking', 'owner']),
    members: ['bert', 'eva'],
  },
  {
    description: 'select is_set',
    condition: field('plan', 'is_set'),
    members: ['ana', 'bert', 'finn'],
  },
  {
    description: 'multiselect has_any',
    condition: field('interests', 'has_any', ['cycling']),
    members: ['ana', 'finn'],
  },
  {
    description: 'multiselect has_all',
    condition: field('interests', 'has_all', ['Cycling', 'Art']),
    members: ['ana', 'finn'],
  },
  {
    description: 'multiselect has_none includes empty and missing',
    condition: field('interests', 'has_none', ['hiking']),
    members: ['ana', 'carla', 'dirk', 'eva'],
  },
  {
    description: 'multiselect is_set: an empty list is not set',
    condition: field('interests', 'is_set'),
    members: ['ana', 'bert', 'finn'],
  },
  {
    description: 'multiselect is_not_set',
    condition: field('interests', 'is_not_set'),
    members: ['carla', 'dirk', 'eva'],
  },
  { description: 'number gt', condition: field('score', 'gt', 10), members: ['ana', 'eva'] },
  {
    description: 'number gte',
    condition: field('score', 'gte', 10),
    members: ['ana', 'bert', 'eva'],
  },
  { description: 'number lt', condition: field('score', 'lt', 10), members: ['dirk'] },
  { description: 'number lte 0', condition: field('score', 'lte', 0), members: ['dirk'] },
  { description: 'number eq 0', condition: field('score', 'eq', 0), members: ['dirk'] },
  {
    description: 'number neq matches missing values',
    condition: field('score', 'neq', 80),
    members: ['bert', 'carla', 'dirk', 'eva', 'finn'],
  },
  {
    description: 'number between is inclusive',
    condition: field('score', 'between', [10, 80]),
    members: ['ana', 'bert'],
  },
  {
    description: 'number is_not_set',
    condition: field('score', 'is_not_set'),
    members: ['carla', 'finn'],
  },
  { description: 'boolean is_true', condition: field('vip_member', 'is_true'), members: ['ana'] },
  {
    description: 'boolean is_false',
    condition: field('vip_member', 'is_false'),
    members: ['bert'],
  },
  {
    description: 'boolean is_set',
    condition: field('vip_member', 'is_set'),
    members: ['ana', 'bert'],
  },
  {
    description: 'boolean is_not_set',
    condition: field('vip_member', 'is_not_set'),
    members: ['carla', 'dirk', 'eva', 'finn'],
  },
];

export const dateCases: SegmentCase[] = [
  {
    description: 'date on (today in Amsterdam)',
    condition: field('contract_end', 'on', '2026-03-16'),
    members: ['dirk'],
  },
  {
    description: 'date before is strict',
    condition: field('contract_end', 'before', '2026-03-16'),
    members: ['bert'],
  },
  {
    description: 'date after is strict',
    condition: field('contract_end', 'after', '2026-03-16'),
    members: ['ana', 'eva'],
  },
  {
    description: 'date between is inclusive',
    condition: field('contract_end', 'between', ['2026-03-10', '2026-04-01']),
    members: ['ana', 'bert', 'dirk'],
  },
  {
    description: 'date within_next: today ≤ d < today + D',
    condition: field('contract_end', 'within_next', 'P90D'),
    members: ['ana', 'dirk'],
  },
  {
    description: 'date within_last: today − D < d',
    condition: field('contract_end', 'within_last', 'P6D'),
    members: ['dirk'],
  },
  {
    description: 'date within_last P1W',
    condition: field('contract_end', 'within_last', 'P1W'),
    members: ['bert', 'dirk'],
  },
  {
    description: 'date more_than_ago is strict',
    condition: field('contract_end', 'more_than_ago', 'P5D'),
    members: ['bert'],
  },
  {
    description: 'date more_than_ago at the boundary',
    condition: field('contract_end', 'more_than_ago', 'P6D'),
    members: [],
  },
  {
    description: 'date is_not_set',
    condition: field('contract_end', 'is_not_set'),
    members: ['carla', 'finn'],
  },
  {
    description: 'birthday today in the workspace zone, not in UTC',
    condition: field('birthdate', 'anniversary_within_next', 'P1D'),
    members: ['ana'],
  },
  {
    description: 'birthdays within a week',
    condition: field('birthdate', 'anniversary_within_next', 'P1W'),
    members: ['ana', 'dirk'],
  },
  {
    description: 'birthdate on',
    condition: field('birthdate', 'on', '1990-03-16'),
    members: ['ana'],
  },
  {
    description: 'birthdate before',
    condition: field('birthdate', 'before', '1990-01-01'),
    members: ['bert'],
  },
  {
    description: '29 February counts on 28 February in a common year',
    condition: field('birthdate', 'anniversary_within_next', 'P1D'),
    now: Date.UTC(2027, 1, 28, 12),
    members: ['bert', 'finn'],
  },
  {
    description: '29 February is not 28 February in a leap year',
    condition: field('birthdate', 'anniversary_within_next', 'P1D'),
    now: Date.UTC(2028, 1, 28, 12),
    members: [],
  },
  {
    description: '29 February in a leap year',
    condition: field('birthdate', 'anniversary_within_next', 'P1D'),
    now: Date.UTC(2028, 1, 29, 12),
    members: ['bert', 'finn'],
  },
  {
    description: 'window over 28 February in a common year',
    condition: field('birthdate', 'anniversary_within_next', 'P2D'),
    now: Date.UTC(2027, 1, 27, 12),
    members: ['bert', 'finn'],
  },
  {
    description: 'window before 28 February',
    condition: field('birthdate', 'anniversary_within_next', 'P1D'),
    now: Date.UTC(2027, 1, 27, 12),
    members: [],
  },
  {
    description: 'datetime within_last is (now − D, now]',
    condition: field('created_at', 'within_last', 'P90D'),
    members: ['bert', 'carla', 'dirk'],
  },
  {
    description: 'datetime more_than_ago is strict',
    condition: field('created_at', 'more_than_ago', 'P90D'),
    members: ['ana', 'finn'],
  },
  {
    description: 'datetime on a calendar day of the workspace zone',
    condition: field('created_at', 'on', '2026-03-06'),
    members: ['bert'],
  },
  {
    description: 'datetime on the UTC day is another day',
    condition: field('created_at', 'on', '2026-03-05'),
    members: [],
  },
  {
    description: 'datetime before a day: before it starts there',
    condition: field('created_at', 'before', '2026-03-06'),
    members: ['ana', 'dirk', 'eva', 'finn'],
  },
  {
    description: 'datetime after an instant',
    condition: field('created_at', 'after', '2026-03-14T00:00:00Z'),
    members: ['carla'],
  },
  {
    description: 'datetime between days includes both days',
    condition: field('created_at', 'between', ['2026-03-06', '2026-03-15']),
    members: ['bert', 'carla'],
  },
  {
    description: 'custom datetime within_next',
    condition: field('last_login', 'within_next', 'PT2H'),
    members: ['dirk'],
  },
  {
    description: 'custom datetime within_last excludes the future',
    condition: field('last_login', 'within_last', 'PT3H'),
    members: ['ana'],
  },
  {
    description: 'datetime anniversary in the workspace zone',
    condition: field('last_login', 'anniversary_within_next', 'P1D'),
    members: ['dirk'],
  },
];

export const eventCases: SegmentCase[] = [
  {
    description: 'has done at least once (future events ignored)',
    condition: purchase(),
    members: ['ana', 'bert', 'dirk', 'eva'],
  },
  {
    description: 'count gte 3 in (now − 90d, now]',
    condition: purchase({ within: { last: 'P90D' }, count: { op: 'gte', value: 3 } }),
    members: ['ana'],
  },
  {
    description: 'count eq 2: the window is half-open',
    condition: purchase({ within: { last: 'P90D' }, count: { op: 'eq', value: 2 } }),
    members: ['dirk', 'eva'],
  },
  {
    description: 'count lt 2 includes contacts without events',
    condition: purchase({ within: { last: 'P90D' }, count: { op: 'lt', value: 2 } }),
    members: ['bert', 'carla', 'finn'],
  },
  {
    description: 'count eq 0 over all time',
    condition: purchase({ count: { op: 'eq', value: 0 } }),
    members: ['carla', 'finn'],
  },
  {
    description: 'count lt 1 counts an event at now',
    condition: purchase({ within: { last: 'P30D' }, count: { op: 'lt', value: 1 } }),
    members: ['bert', 'carla', 'finn'],
  },
  {
    description: 'count between is inclusive',
    condition: purchase({ count: { op: 'between', value: [1, 2] } }),
    members: ['bert', 'dirk'],
  },
  {
    description: 'count neq includes zero',
    condition: purchase({ count: { op: 'neq', value: 3 } }),
    members: ['bert', 'carla', 'dirk', 'finn'],
  },
  {
    description: 'where eq folds property values',
    condition: purchase({ where: [{ property: 'department', op: 'eq', value: 'accessories' }] }),
    members: ['ana'],
  },
  {
    description: 'every where filter must hold',
    condition: purchase({
      where: [
        { property: 'department', op: 'eq', value: 'Accessories' },
        { property: 'product', op: 'eq', value: 'truck' },
      ],
    }),
    members: ['ana'],
  },
  {
    description: 'negative where matches events without the property',
    condition: purchase({ where: [{ property: 'department', op: 'neq', value: 'bikes' }] }),
    members: ['ana', 'bert', 'eva'],
  },
  {
    description: 'where gt compares numerically',
    condition: purchase({ where: [{ property: 'amount', op: 'gt', value: 90 }] }),
    members: ['ana'],
  },
  {
    description: 'where eq with a number matches a numeric string',
    condition: purchase({ where: [{ property: 'amount', op: 'eq', value: 80 }] }),
    members: ['ana'],
  },
  {
    description: 'where eq with a text compares text',
    condition: purchase({ where: [{ property: 'amount', op: 'eq', value: '80' }] }),
    members: ['ana'],
  },
  {
    description: 'where is_not_set',
    condition: purchase({ where: [{ property: 'amount', op: 'is_not_set' }] }),
    members: ['dirk'],
  },
  {
    description: 'where contains on a number property compares its text',
    condition: purchase({ where: [{ property: 'amount', op: 'contains', value: '.5' }] }),
    members: ['ana'],
  },
  {
    description: 'where in',
    condition: purchase({
      where: [{ property: 'department', op: 'in', value: ['BIKES', 'toys'] }],
    }),
    members: ['ana', 'dirk'],
  },
  {
    description: 'where between numbers',
    condition: purchase({ where: [{ property: 'amount', op: 'between', value: [-5, 10] }] }),
    members: ['eva'],
  },
  {
    description: 'sum gte 0 is false without numeric values',
    condition: purchase({
      within: { last: 'P365D' },
      aggregate: { fn: 'sum', property: 'amount', op: 'gte', value: 0 },
    }),
    members: ['ana', 'bert', 'eva'],
  },
  {
    description: 'sum over a short window',
    condition: purchase({
      within: { last: 'P7D' },
      aggregate: { fn: 'sum', property: 'amount', op: 'gte', value: 0 },
    }),
    members: ['eva'],
  },
  {
    description: 'avg',
    condition: purchase({ aggregate: { fn: 'avg', property: 'amount', op: 'gt', value: 100 } }),
    members: ['ana'],
  },
  {
    description: 'min',
    condition: purchase({ aggregate: { fn: 'min', property: 'amount', op: 'lt', value: 0 } }),
    members: ['eva'],
  },
  {
    description: 'max ignores events after now',
    condition: purchase({
      aggregate: { fn: 'max', property: 'amount', op: 'between', value: [50, 100] },
    }),
    members: ['bert'],
  },
  {
    description: 'aggregate neq is false without values',
    condition: purchase({ aggregate: { fn: 'sum', property: 'amount', op: 'neq', value: 25 } }),
    members: ['ana', 'bert'],
  },
  {
    description: 'last within_last',
    condition: purchase({ last: { op: 'within_last', value: 'P30D' } }),
    members: ['ana', 'dirk', 'eva'],
  },
  {
    description: 'last more_than_ago (future events ignored)',
    condition: purchase({ last: { op: 'more_than_ago', value: 'P180D' } }),
    members: ['bert'],
  },
  {
    description: 'last more_than_ago is strictly before now − D',
    condition: purchase({ last: { op: 'more_than_ago', value: 'P10D' } }),
    members: ['bert'],
  },
  {
    description: 'last before a day',
    condition: purchase({ last: { op: 'before', value: '2026-01-01' } }),
    members: ['bert'],
  },
  {
    description: 'last on a day of the workspace zone',
    condition: purchase({ last: { op: 'on', value: '2026-03-16' } }),
    members: ['eva'],
  },
  {
    description: 'last after an instant',
    condition: purchase({ last: { op: 'after', value: '2026-03-10T00:00:00Z' } }),
    members: ['dirk', 'eva'],
  },
  {
    description: 'last between days',
    condition: purchase({ last: { op: 'between', value: ['2026-03-01', '2026-03-10'] } }),
    members: ['ana'],
  },
  {
    description: 'from/to days are [from, to) in the workspace zone',
    condition: purchase({ within: { from: '2026-03-01', to: '2026-03-10' } }),
    members: ['ana'],
  },
  {
    description: 'a window after now is empty',
    condition: purchase({ within: { from: '2026-03-16T00:00:00Z', to: '2026-12-31' } }),
    members: [],
  },
  {
    description: 'a window ending after now is cut at now',
    condition: purchase({ within: { from: '2026-03-15T23:00:00Z', to: '2026-04-01' } }),
    members: ['eva'],
  },
  {
    description: 'custom event count',
    condition: {
      type: 'event',
      event: 'login',
      within: { last: 'P7D' },
      count: { op: 'gte', value: 5 },
    },
    members: ['eva'],
  },
  {
    description: 'custom event count above',
    condition: { type: 'event', event: 'login', count: { op: 'gt', value: 5 } },
    members: [],
  },
  {
    description: 'message opened for a campaign (folded)',
    condition: {
      type: 'message',
      activity: 'opened',
      campaign: 'spring-sale',
      within: { last: 'P30D' },
    },
    members: ['ana'],
  },
  {
    description: 'message clicked a link (folded)',
    condition: { type: 'message', activity: 'clicked', link: 'HTTPS://shop.nl/bikes' },
    members: ['ana', 'bert'],
  },
  {
    description: 'message channel narrowing',
    condition: { type: 'message', activity: 'clicked', channel: 'SMS' },
    members: ['bert'],
  },
  {
    description: 'received is message.sent',
    condition: { type: 'message', activity: 'received' },
    members: ['dirk'],
  },
  {
    description: 'a channel narrowing does not match an event without a channel',
    condition: { type: 'message', activity: 'received', channel: 'email' },
    members: [],
  },
  {
    description: 'message unsubscribed',
    condition: { type: 'message', activity: 'unsubscribed' },
    members: ['finn'],
  },
  {
    description: 'message count eq 0',
    condition: { type: 'message', activity: 'clicked', count: { op: 'eq', value: 0 } },
    members: ['carla', 'dirk', 'eva', 'finn'],
  },
  {
    description: 'message last',
    condition: { type: 'message', activity: 'clicked', last: { op: 'within_last', value: 'P4D' } },
    members: ['bert'],
  },
];

const reservation = (where: unknown[], count?: unknown): Condition =>
  ({ type: 'reservation', where, ...(count === undefined ? {} : { count }) }) as Condition;

export const reservationCases: SegmentCase[] = [
  { description: 'any reservation', condition: { type: 'reservation' }, members: ['ana', 'bert'] },
  {
    description: 'confirmed, arriving within 30 days',
    condition: reservation([
      { property: 'status', op: 'eq', value: 'confirmed' },
      { property: 'arrival', op: 'within_next', value: 'P30D' },
    ]),
    members: ['ana', 'bert'],
  },
  {
    description: 'arriving within 20 days',
    condition: reservation([{ property: 'arrival', op: 'within_next', value: 'P20D' }]),
    members: ['ana'],
  },
  {
    description: 'cancelled reservations still count',
    condition: reservation([{ property: 'status', op: 'eq', value: 'Cancelled' }]),
    members: ['bert'],
  },
  {
    description: 'property folded',
    condition: reservation([{ property: 'property', op: 'eq', value: 'DUNE LODGE' }]),
    members: ['ana', 'bert'],
  },
  {
    description: 'booking_id ignores ASCII case',
    condition: reservation([{ property: 'booking_id', op: 'eq', value: 'bk-100' }]),
    members: ['ana'],
  },
  {
    description: 'booking_id in',
    condition: reservation([{ property: 'booking_id', op: 'in', value: ['BK-200'] }]),
    members: ['bert'],
  },
  {
    description: 'count gte 2',
    condition: reservation([], { op: 'gte', value: 2 }),
    members: ['bert'],
  },
  {
    description: 'count lt 1 includes contacts without reservations',
    condition: reservation([], { op: 'lt', value: 1 }),
    members: ['carla', 'dirk', 'eva', 'finn'],
  },
  {
    description: 'where guests and count',
    condition: reservation([{ property: 'guests', op: 'gte', value: 2 }], { op: 'eq', value: 1 }),
    members: ['ana', 'bert'],
  },
  {
    description: 'amount between',
    condition: reservation([{ property: 'amount', op: 'between', value: [300, 800] }]),
    members: ['ana', 'bert'],
  },
  {
    description: 'confirmed_at within_last',
    condition: reservation([{ property: 'confirmed_at', op: 'within_last', value: 'P7D' }]),
    members: ['bert'],
  },
  {
    description: 'channel neq matches reservations without a channel',
    condition: reservation([{ property: 'channel', op: 'neq', value: 'direct' }]),
    members: ['bert'],
  },
  {
    description: 'departure before',
    condition: reservation([{ property: 'departure', op: 'before', value: '2026-02-01' }]),
    members: ['bert'],
  },
];

export const logicCases: SegmentCase[] = [
  {
    description: 'tag has_any folds',
    condition: { type: 'tag', op: 'has_any', tags: [' VIP'] },
    members: ['ana', 'dirk', 'finn'],
  },
  {
    description: 'tag has_all',
    condition: { type: 'tag', op: 'has_all', tags: ['vip', 'Cycling'] },
    members: ['ana', 'finn'],
  },
  {
    description: 'tag has_none includes contacts without tags',
    condition: { type: 'tag', op: 'has_none', tags: ['vip'] },
    members: ['bert', 'carla', 'eva'],
  },
  {
    description: 'a tag nobody has yet',
    condition: { type: 'tag', op: 'has_any', tags: ['nobody-yet'] },
    members: [],
  },
  {
    description: 'list in',
    condition: { type: 'list', op: 'in', lists: ['newsletter'] },
    members: ['ana', 'finn'],
  },
  {
    description: 'list in any of',
    condition: { type: 'list', op: 'in', lists: ['newsletter', 'owners'] },
    members: ['ana', 'bert', 'finn'],
  },
  {
    description: 'list not_in',
    condition: { type: 'list', op: 'not_in', lists: ['owners'] },
    members: ['ana', 'carla', 'dirk', 'eva'],
  },
  {
    description: 'consent valid',
    condition: { type: 'consent', category: 'marketing', op: 'valid' },
    members: ['ana'],
  },
  {
    description: 'consent withdrawn by the contact',
    condition: { type: 'consent', category: 'marketing', op: 'withdrawn' },
    members: ['bert'],
  },
  {
    description: 'consent never_given',
    condition: { type: 'consent', category: 'marketing', op: 'never_given' },
    members: ['carla', 'dirk', 'eva', 'finn'],
  },
  {
    description: 'consent expired (not time-bound)',
    condition: { type: 'consent', category: 'marketing', op: 'expired' },
    members: [],
  },
  {
    description: 'time-bound consent valid',
    condition: { type: 'consent', category: 'booking_marketing', op: 'valid' },
    members: undefined,
  },
  {
    description: 'time-bound consent never_given',
    condition: { type: 'consent', category: 'booking_marketing', op: 'never_given' },
    members: undefined,
  },
  {
    description: 'all [] matches everyone',
    condition: { type: 'all', conditions: [] },
    members: ['ana', 'bert', 'carla', 'dirk', 'eva', 'finn'],
  },
  { description: 'any [] matches nobody', condition: { type: 'any', conditions: [] }, members: [] },
  {
    description: 'not',
    condition: { type: 'not', condition: field('country', 'eq', 'nl') },
    members: ['bert', 'carla', 'eva', 'finn'],
  },
  {
    description: 'any',
    condition: {
      type: 'any',
      conditions: [field('country', 'eq', 'be'), { type: 'tag', op: 'has_any', tags: ['vip'] }],
    },
    members: ['ana', 'bert', 'dirk', 'finn'],
  },
  {
    description: 'all',
    condition: {
      type: 'all',
      conditions: [
        field('country', 'eq', 'nl'),
        { type: 'tag', op: 'has_any', tags: ['vip'] },
        purchase(),
      ],
    },
    members: ['ana', 'dirk'],
  },
  {
    description: 'not of a missing value comparison includes the missing',
    condition: { type: 'not', condition: field('score', 'gt', 10) },
    members: ['bert', 'carla', 'dirk', 'finn'],
  },
  {
    description: 'double not',
    condition: { type: 'not', condition: { type: 'not', condition: field('score', 'gt', 10) } },
    members: ['ana', 'eva'],
  },
  {
    description: 'not of a count',
    condition: {
      type: 'not',
      condition: purchase({ within: { last: 'P90D' }, count: { op: 'gte', value: 3 } }),
    },
    members: ['bert', 'carla', 'dirk', 'eva', 'finn'],
  },
  {
    description: 'not of an aggregate includes contacts without values',
    condition: {
      type: 'not',
      condition: purchase({ aggregate: { fn: 'sum', property: 'amount', op: 'gte', value: 0 } }),
    },
    members: ['carla', 'dirk', 'finn'],
  },
  {
    description: 'segment reference includes its parents',
    condition: { type: 'segment', op: 'in', segment: 'nl-vip' },
    members: ['ana', 'dirk'],
  },
  {
    description: 'segment not_in',
    condition: { type: 'segment', op: 'not_in', segment: 'nl-vip' },
    members: ['bert', 'carla', 'eva', 'finn'],
  },
  {
    description: 'segment of segments',
    condition: {
      type: 'all',
      conditions: [
        { type: 'segment', op: 'in', segment: 'nl-vip-buyers' },
        { type: 'segment', op: 'in', segment: 'big-spenders' },
      ],
    },
    members: ['ana'],
  },
  {
    description: 'a nested segment is parent AND own condition',
    condition: field('score', 'gte', 0),
    parent: 'nl',
    members: ['ana', 'dirk'],
  },
  {
    description: 'a nested segment two levels deep',
    condition: field('first_name', 'is_not_set'),
    parent: 'nl-vip',
    members: ['dirk'],
  },
];

export const segmentCases: SegmentCase[] = [
  ...fieldCases,
  ...dateCases,
  ...eventCases,
  ...reservationCases,
  ...logicCases,
];

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
