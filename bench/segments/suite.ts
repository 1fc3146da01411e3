import { demoSegments } from '../../src/demo/index.js';
import type { Condition } from '../../src/segments/index.js';

/**
 * The hand-written baseline for each demo segment, over the plain schema of baseline-schema.ts:
 * SQL a competent engineer would write. Parameters: $1 = now (timestamptz), $2 = extra value.
 */
export interface BaselineQuery {
  sql: string;
  parameters?: (now: Date) => unknown[];
}

const within = (days: number, column = 'occurred_at') =>
  `${column} > $1::timestamptz - interval '${days} days' AND ${column} <= $1::timestamptz`;

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

const nlVip = `c.country = 'NL' AND EXISTS (SELECT 1 FROM plain.tags t WHERE t.contact_id = c.id AND t.tag = 'vip')`;
const beneluxShopper = `c.country IN ('NL', 'BE') AND EXISTS (SELECT 1 FROM plain.events e
  WHERE e.contact_id = c.id AND e.type = 'purchase' AND ${within(365, 'e.occurred_at')})`;

export const baselines: Record<string, BaselineQuery> = {
  'nl-vip': { sql: `SELECT c.id FROM plain.contacts c WHERE ${nlVip}` },
  'accessories-frequent': {
    sql: `SELECT contact_id FROM plain.events WHERE type = 'purchase' AND department = 'Accessories'
      AND ${within(90)} GROUP BY contact_id HAVING count(*) >= 3`,
  },
  'spring-openers-no-click': {
    sql: `SELECT DISTINCT o.contact_id FROM plain.events o WHERE o.type = 'message.opened'
      AND o.campaign = 'spring-newsletter' AND ${within(90, 'o.occurred_at')}
      AND NOT EXISTS (SELECT 1 FROM plain.events k WHERE k.contact_id = o.contact_id
        AND k.type = 'message.clicked' AND k.campaign = 'spring-newsletter' AND ${within(90, 'k.occurred_at')})`,
  },
  benelux: { sql: `SELECT id FROM plain.contacts WHERE country IN ('NL', 'BE')` },
  'benelux-shoppers': { sql: `SELECT c.id FROM plain.contacts c WHERE ${beneluxShopper}` },
  'benelux-shoppers-not-vip': {
    sql: `SELECT c.id FROM plain.contacts c WHERE ${beneluxShopper} AND NOT (${nlVip})`,
  },
  'arriving-next-month': {
    sql: `SELECT DISTINCT contact_id FROM plain.reservations WHERE status = 'confirmed'
      AND arrival >= ($1::timestamptz AT TIME ZONE 'UTC')::date
      AND arrival < ($1::timestamptz AT TIME ZONE 'UTC')::date + 30`,
  },
  'birthdays-next-week': {
    sql: `SELECT id FROM plain.contacts WHERE $1::timestamptz IS NOT NULL
      AND to_char(birthdate, 'MM-DD') = ANY($2::text[])`,
    parameters: (now) => [monthDaysOfNextWeek(now)],
  },
  'big-spenders': {
    sql: `SELECT contact_id FROM plain.events WHERE type = 'purchase' AND ${within(365)}
      AND amount IS NOT NULL GROUP BY contact_id HAVING sum(amount) > 500`,
  },
  'lapsed-customers': {
    sql: `SELECT contact_id FROM plain.events WHERE type = 'purchase' AND occurred_at <= $1::timestamptz
      GROUP BY contact_id HAVING max(occurred_at) < $1::timestamptz - interval '180 days'`,
  },
  'gold-engaged-marketing': {
    sql: `SELECT c.id FROM plain.contacts c WHERE c.loyalty_tier = 'gold'
      AND EXISTS (SELECT 1 FROM plain.consent k WHERE k.contact_id = c.id AND k.category = 'marketing' AND k.state = 'valid')
      AND EXISTS (SELECT 1 FROM plain.events e WHERE e.contact_id = c.id AND e.type = 'message.opened'
        AND ${within(60, 'e.occurred_at')})`,
  },
};

export const benchSegmentKeys = demoSegments.map((segment) => segment.key);

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
