import type { SegmentDefinition } from '../segments/index.js';

type DemoSegment = Omit<SegmentDefinition, 'active'> & { active?: boolean };

/**
 * The segments a new user finds in the demo workspace; the benchmark times the same ones
 * against hand-written SQL, so they are written once, here.
 */
export const demoSegments: DemoSegment[] = [
  {
    key: 'nl-vip',
    name: 'Dutch VIPs',
    description: 'Contacts in the Netherlands tagged vip',
    condition: {
      type: 'all',
      conditions: [
        { type: 'field', field: 'country', op: 'in', value: ['NL'] },
        { type: 'tag', op: 'has_any', tags: ['vip'] },
      ],
    },
  },
  {
    key: 'accessories-frequent',
    name: 'Bought accessories 3+ times in 90 days',
    condition: {
      type: 'event',
      event: 'purchase',
      where: [{ property: 'department', op: 'eq', value: 'Accessories' }],
      within: { last: 'P90D' },
      count: { op: 'gte', value: 3 },
    },
  },
  {
    key: 'spring-openers-no-click',
    name: 'Opened the spring newsletter but did not click',
    condition: {
      type: 'all',
      conditions: [
        {
          type: 'message',
          activity: 'opened',
          campaign: 'spring-newsletter',
          within: { last: 'P90D' },
        },
        {
          type: 'not',
          condition: {
            type: 'message',
            activity: 'clicked',
            campaign: 'spring-newsletter',
            within: { last: 'P90D' },
          },
        },
      ],
    },
  },
  {
    key: 'benelux',
    name: 'Benelux',
    condition: { type: 'field', field: 'country', op: 'in', value: ['NL', 'BE'] },
  },
  {
    key: 'benelux-shoppers',
    name: 'Benelux shoppers of the last year',
    parent: 'benelux',
    condition: { type: 'event', event: 'purchase', within: { last: 'P365D' } },
  },
  {
    key: 'benelux-shoppers-not-vip',
    name: 'Benelux shoppers who are not Dutch VIPs',
    condition: {
      type: 'all',
      conditions: [
        { type: 'segment', op: 'in', segment: 'benelux-shoppers' },
        { type: 'segment', op: 'not_in', segment: 'nl-vip' },
      ],
    },
  },
  {
    key: 'arriving-next-month',
    name: 'Confirmed guests arriving in the next 30 days',
    condition: {
      type: 'reservation',
      where: [
        { property: 'status', op: 'eq', value: 'confirmed' },
        { property: 'arrival', op: 'within_next', value: 'P30D' },
      ],
    },
  },
  {
    key: 'birthdays-next-week',
    name: 'Birthday in the next 7 days',
    condition: { type: 'field', field: 'birthdate', op: 'anniversary_within_next', value: 'P7D' },
  },
  {
    key: 'big-spenders',
    name: 'Spent more than 500 in the last year',
    condition: {
      type: 'event',
      event: 'purchase',
      within: { last: 'P365D' },
      aggregate: { fn: 'sum', property: 'amount', op: 'gt', value: 500 },
    },
  },
  {
    key: 'lapsed-customers',
    name: 'Last purchase more than 180 days ago',
    condition: { type: 'event', event: 'purchase', last: { op: 'more_than_ago', value: 'P180D' } },
  },
  {
    key: 'gold-engaged-marketing',
    name: 'Gold members with marketing consent who opened in 60 days',
    condition: {
      type: 'all',
      conditions: [
        { type: 'field', field: 'loyalty_tier', op: 'in', value: ['gold'] },
        { type: 'consent', category: 'marketing', op: 'valid' },
        { type: 'message', activity: 'opened', within: { last: 'P60D' } },
      ],
    },
  },
];
