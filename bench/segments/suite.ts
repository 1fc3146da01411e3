import type { Condition } from '../../src/segments/schema.js';

/**
 * Ten realistic segments, each written twice: in the segment language, and by hand in SQL over
 * the plain baseline schema. Baseline parameters: $1 = now (timestamptz), $2 = extra value.
 */
export interface BenchSegment {
  key: string;
  name: string;
  parent?: string;
  condition: Condition;
  baseline: string;
  baselineParameters?: (now: Date) => unknown[];
}

const within = (days: number) =>
  `occurred_at > $1::timestamptz - interval '${days} days' AND occurred_at <= $1::timestamptz`;

function monthDaysOfNextWeek(now: Date): string[] {
  const days: string[] = [];
  for (let offset = 0; offset < 7; offset++) {
    const day = new Date(
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offset),
    );
    const monthDay = day.toISOString().slice(5, 10);
    days.push(monthDay);
    const year = day.getUTCFullYear();
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    if (monthDay === '02-28' && !leap) days.push('02-29');
  }
  return days;
}

export const benchSegments: BenchSegment[] = [
  {
    key: 'nl-vip',
    name: 'Dutch VIPs',
    condition: {
      type: 'all',
      conditions: [
        { type: 'field', field: 'country', op: 'in', value: ['NL'] },
        { type: 'tag', op: 'has_any', tags: ['vip'] },
      ],
    },
    baseline: `SELECT c.id FROM plain.contacts c WHERE c.country = 'NL'
      AND EXISTS (SELECT 1 FROM plain.tags t WHERE t.contact_id = c.id AND t.tag = 'vip')`,
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
    baseline: `SELECT contact_id FROM plain.events WHERE type = 'purchase' AND department = 'Accessories'
      AND ${within(90)} GROUP BY contact_id HAVING count(*) >= 3`,
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
    baseline: `SELECT DISTINCT o.contact_id FROM plain.events o WHERE o.type = 'message.opened'
      AND o.campaign = 'spring-newsletter' AND ${within(90).replaceAll('occurred_at', 'o.occurred_at')}
      AND NOT EXISTS (SELECT 1 FROM plain.events k WHERE k.contact_id = o.contact_id
        AND k.type = 'message.clicked' AND k.campaign = 'spring-newsletter'
        AND ${within(90).replaceAll('occurred_at', 'k.occurred_at')})`,
  },
  {
    key: 'benelux',
    name: 'Benelux',
    condition: { type: 'field', field: 'country', op: 'in', value: ['NL', 'BE'] },
    baseline: `SELECT id FROM plain.contacts WHERE country IN ('NL', 'BE')`,
  },
  {
    key: 'benelux-shoppers',
    name: 'Benelux shoppers of the last year',
    parent: 'benelux',
    condition: { type: 'event', event: 'purchase', within: { last: 'P365D' } },
    baseline: `SELECT c.id FROM plain.contacts c WHERE c.country IN ('NL', 'BE')
      AND EXISTS (SELECT 1 FROM plain.events e WHERE e.contact_id = c.id AND e.type = 'purchase'
        AND ${within(365).replaceAll('occurred_at', 'e.occurred_at')})`,
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
    baseline: `SELECT c.id FROM plain.contacts c WHERE c.country IN ('NL', 'BE')
      AND EXISTS (SELECT 1 FROM plain.events e WHERE e.contact_id = c.id AND e.type = 'purchase'
        AND ${within(365).replaceAll('occurred_at', 'e.occurred_at')})
      AND NOT (c.country = 'NL' AND EXISTS (SELECT 1 FROM plain.tags t WHERE t.contact_id = c.id AND t.tag = 'vip'))`,
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
    baseline: `SELECT DISTINCT contact_id FROM plain.reservations WHERE status = 'confirmed'
      AND arrival >= ($1::timestamptz AT TIME ZONE 'UTC')::date
      AND arrival < ($1::timestamptz AT TIME ZONE 'UTC')::date + 30`,
  },
  {
    key: 'birthdays-next-week',
    name: 'Birthday in the next 7 days',
    condition: { type: 'field', field: 'birthdate', op: 'anniversary_within_next', value: 'P7D' },
    baseline: `SELECT id FROM plain.contacts WHERE to_char(birthdate, 'MM-DD') = ANY($2::text[])`,
    baselineParameters: (now) => [monthDaysOfNextWeek(now)],
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
    baseline: `SELECT contact_id FROM plain.events WHERE type = 'purchase' AND ${within(365)}
      AND amount IS NOT NULL GROUP BY contact_id HAVING sum(amount) > 500`,
  },
  {
    key: 'lapsed-customers',
    name: 'Last purchase more than 180 days ago',
    condition: { type: 'event', event: 'purchase', last: { op: 'more_than_ago', value: 'P180D' } },
    baseline: `SELECT contact_id FROM plain.events WHERE type = 'purchase' AND occurred_at <= $1::timestamptz
      GROUP BY contact_id HAVING max(occurred_at) < $1::timestamptz - interval '180 days'`,
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
    baseline: `SELECT c.id FROM plain.contacts c WHERE c.loyalty_tier = 'gold'
      AND EXISTS (SELECT 1 FROM plain.consent k WHERE k.contact_id = c.id AND k.category = 'marketing' AND k.state = 'valid')
      AND EXISTS (SELECT 1 FROM plain.events e WHERE e.contact_id = c.id AND e.type = 'message.opened'
        AND ${within(60).replaceAll('occurred_at', 'e.occurred_at')})`,
  },
];

/** The five-condition behavioural segment a rule builder previews while the user types. */
export const previewCondition: Condition = {
  type: 'all',
  conditions: [
    { type: 'field', field: 'country', op: 'in', value: ['NL', 'BE', 'DE'] },
    {
      type: 'event',
      event: 'purchase',
      where: [{ property: 'department', op: 'in', value: ['Accessories', 'Apparel'] }],
      within: { last: 'P180D' },
      count: { op: 'gte', value: 2 },
    },
    { type: 'message', activity: 'opened', within: { last: 'P90D' } },
    { type: 'not', condition: { type: 'message', activity: 'clicked', within: { last: 'P30D' } } },
    { type: 'field', field: 'revenue', op: 'gt', value: 100 },
  ],
};
