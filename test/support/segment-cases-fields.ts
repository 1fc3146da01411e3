import type { Condition } from '../../src/segments/schema.js';
import type { SegmentCase } from './segment-case-workspace.js';

/** Field conditions of the case table, members worked out by hand (see segment-case-workspace.ts). */

const field = (name: string, op: string, value?: unknown): Condition =>
  ({ type: 'field', field: name, op, ...(value === undefined ? {} : { value }) }) as Condition;

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
