import type { Condition } from '../../src/segments/schema.js';
import type { SegmentCase } from './segment-case-workspace.js';

/** Behaviour and logic conditions of the case table, members worked out by hand. */

const field = (name: string, op: string, value?: unknown): Condition =>
  ({ type: 'field', field: name, op, ...(value === undefined ? {} : { value }) }) as Condition;
const purchase = (extra: Record<string, unknown> = {}): Condition =>
  ({ type: 'event', event: 'purchase', ...extra }) as Condition;

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
