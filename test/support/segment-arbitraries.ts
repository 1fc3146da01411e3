import fc from 'fast-check';
import type { Condition } from '../../src/segments/schema.js';

/**
 * Random valid conditions over the vocabulary of the case workspace (segment-cases.ts): every
 * node type, every operator with values near the fixture's data, so that random trees hit
 * matches, misses and missing values. For differential tests (SQL engines = interpreter).
 */

const pick = <T>(...values: T[]) => fc.constantFrom(...values);
const subset = <T>(values: T[]) => fc.subarray(values, { minLength: 1 });

const texts = ['nl', 'BE', 'école', ' ÉCOLE ', 'a', 'Ana', '%', '_', 'dam', 'ánnie'];
const days = ['1988-02-29', '1990-03-16', '2000-01-01', '2026-03-10', '2026-03-16', '2026-04-01'];
const instants = ['2026-03-05', '2026-03-14T00:00:00Z', '2026-03-15T22:00', '2025-12-16'];
const dayDurations = ['P1D', 'P6D', 'P1W', 'P30D', 'P90D', 'P365D'];
const durations = [...dayDurations, 'PT2H', 'PT3H', 'PT30M'];

const sortedPair = <T>(values: T[]) =>
  fc.tuple(pick(...values), pick(...values)).map(([a, b]) => (a <= b ? [a, b] : [b, a]));

const field = (name: string, op: string, value?: unknown): Condition =>
  ({ type: 'field', field: name, op, ...(value === undefined ? {} : { value }) }) as Condition;

const presence = (name: string) => pick('is_set', 'is_not_set').map((op) => field(name, op));

const textField = fc.oneof(
  fc
    .tuple(
      pick('country', 'city', 'first_name', 'email', 'nickname', 'last_name', 'language'),
      pick('eq', 'neq', 'contains', 'not_contains', 'starts_with', 'ends_with'),
      pick(...texts),
    )
    .map(([name, op, value]) => field(name, op, value)),
  fc
    .tuple(pick('country', 'city'), pick('in', 'not_in'), subset(texts))
    .map(([name, op, value]) => field(name, op, value)),
  pick('country', 'city', 'nickname').chain(presence),
);

const numberField = fc.oneof(
  fc
    .tuple(pick('eq', 'neq', 'gt', 'gte', 'lt', 'lte'), pick(-1, 0, 10, 80, 100.5))
    .map(([op, value]) => field('score', op, value)),
  sortedPair([0, 10, 80, 200]).map((value) => field('score', 'between', value)),
  presence('score'),
);

const booleanField = pick('is_true', 'is_false', 'is_set', 'is_not_set').map((op) =>
  field('vip_member', op),
);

const dateField = fc.oneof(
  fc
    .tuple(pick('birthdate', 'contract_end'), pick('on', 'before', 'after'), pick(...days))
    .map(([name, op, value]) => field(name, op, value)),
  fc
    .tuple(pick('birthdate', 'contract_end'), sortedPair(days))
    .map(([name, value]) => field(name, 'between', value)),
  fc
    .tuple(
      pick('birthdate', 'contract_end'),
      pick('within_last', 'within_next', 'more_than_ago', 'anniversary_within_next'),
      pick(...dayDurations),
    )
    .map(([name, op, value]) => field(name, op, value)),
  pick('birthdate', 'contract_end').chain(presence),
);

const datetimeField = fc.oneof(
  fc
    .tuple(pick('created_at', 'last_login'), pick('on', 'before', 'after'), pick(...instants))
    .map(([name, op, value]) => field(name, op, value)),
  fc
    .tuple(
      pick('created_at', 'last_login'),
      pick('within_last', 'within_next', 'more_than_ago'),
      pick(...durations),
    )
    .map(([name, op, value]) => field(name, op, value)),
  fc
    .tuple(pick('created_at', 'last_login'), pick(...dayDurations))
    .map(([name, value]) => field(name, 'anniversary_within_next', value)),
  presence('last_login'),
);

const choiceField = fc.oneof(
  fc
    .tuple(pick('in', 'not_in'), subset(['Gold', 'silver', 'BRONZE']))
    .map(([op, value]) => field('plan', op, value)),
  fc
    .tuple(pick('in', 'not_in'), subset(['import', 'form', 'booking', 'owner', 'api']))
    .map(([op, value]) => field('source', op, value)),
  fc
    .tuple(pick('has_any', 'has_all', 'has_none'), subset(['Cycling', 'hiking', 'Art']))
    .map(([op, value]) => field('interests', op, value)),
  presence('interests'),
);

const comparison = (values: number[]) =>
  fc.oneof(
    fc.record({ op: pick('eq', 'neq', 'gt', 'gte', 'lt', 'lte'), value: pick(...values) }),
    fc.record({ op: fc.constant('between'), value: sortedPair(values) }),
  );

const eventWhere = fc.oneof(
  fc.record({
    property: fc.constant('department'),
    op: pick('eq', 'neq', 'contains'),
    value: pick('bikes', 'Accessories', 'x'),
  }),
  fc.record({
    property: fc.constant('department'),
    op: pick('in', 'not_in'),
    value: subset(['BIKES', 'accessories']),
  }),
  fc.record({
    property: fc.constant('amount'),
    op: pick('gt', 'gte', 'lt', 'lte', 'eq', 'neq'),
    value: pick(0, 20, 80, 100),
  }),
  fc.record({ property: fc.constant('amount'), op: pick('eq', 'neq'), value: pick('80', 'n/a') }),
  fc.record({ property: pick('amount', 'product'), op: pick('is_set', 'is_not_set') }),
);

const within = fc.option(
  fc.oneof(
    fc.record({ last: pick(...durations) }),
    fc.record({
      from: pick('2026-01-01', '2026-03-01'),
      to: pick('2026-03-10', '2026-03-15T23:30:00Z', '2027-01-01'),
    }),
  ),
  { nil: undefined },
);

const measure = fc.oneof(
  fc.constant({}),
  comparison([0, 1, 2, 3]).map((count) => ({ count })),
  fc
    .tuple(pick('sum', 'avg', 'min', 'max'), comparison([-5, 0, 25, 100, 400]))
    .map(([fn, compare]) => ({ aggregate: { fn, property: 'amount', ...compare } })),
  fc
    .oneof(
      fc.record({ op: pick('within_last', 'more_than_ago'), value: pick(...durations) }),
      fc.record({ op: pick('before', 'after', 'on'), value: pick(...days, ...instants) }),
    )
    .map((last) => ({ last })),
);

const eventNode = fc
  .tuple(
    pick('purchase', 'message.opened', 'login', 'never-seen'),
    fc.array(eventWhere, { maxLength: 2 }),
    within,
    measure,
  )
  .map(([event, where, window, extra]) => ({
    type: 'event',
    event,
    ...(where.length > 0 ? { where } : {}),
    ...(window ? { within: window } : {}),
    ...extra,
  })) as fc.Arbitrary<Condition>;

const messageNode = fc
  .record(
    {
      activity: pick('received', 'opened', 'clicked', 'unsubscribed'),
      campaign: pick('spring-sale', 'X'),
      channel: pick('email', 'SMS'),
      within,
      count: comparison([0, 1, 2]),
    },
    { requiredKeys: ['activity'] },
  )
  .map((node) => ({ type: 'message', ...node })) as fc.Arbitrary<Condition>;

const reservationWhere = fc.oneof(
  fc.record({
    property: fc.constant('status'),
    op: pick('eq', 'neq'),
    value: pick('confirmed', 'Cancelled'),
  }),
  fc.record({
    property: fc.constant('arrival'),
    op: pick('within_next', 'within_last', 'more_than_ago'),
    value: pick(...dayDurations),
  }),
  fc.record({ property: fc.constant('guests'), op: pick('gte', 'lt'), value: pick(1, 2, 4) }),
  fc.record({
    property: fc.constant('booking_id'),
    op: pick('eq', 'neq'),
    value: pick('bk-100', 'BK-200'),
  }),
  fc
    .record({ property: fc.constant('channel'), op: pick('neq', 'is_set'), value: pick('direct') })
    .map((filter) =>
      filter.op === 'is_set' ? { property: filter.property, op: filter.op } : filter,
    ),
);

const reservationNode = fc
  .tuple(
    fc.array(reservationWhere, { maxLength: 2 }),
    fc.option(comparison([0, 1, 2]), { nil: undefined }),
  )
  .map(([where, count]) => ({
    type: 'reservation',
    where,
    ...(count ? { count } : {}),
  })) as fc.Arbitrary<Condition>;

const otherLeaf = fc.oneof(
  fc
    .tuple(
      pick('has_any', 'has_all', 'has_none'),
      subset(['VIP', 'cycling', 'art', 'newsletter', 'nobody']),
    )
    .map(([op, tags]) => ({ type: 'tag', op, tags })),
  fc
    .tuple(pick('in', 'not_in'), subset(['newsletter', 'owners']))
    .map(([op, lists]) => ({ type: 'list', op, lists })),
  fc
    .tuple(
      pick('marketing', 'booking_marketing'),
      pick('valid', 'withdrawn', 'never_given', 'expired'),
    )
    .map(([category, op]) => ({ type: 'consent', category, op })),
  fc
    .tuple(pick('in', 'not_in'), pick('nl', 'nl-vip', 'nl-vip-buyers', 'big-spenders'))
    .map(([op, segment]) => ({ type: 'segment', op, segment })),
) as fc.Arbitrary<Condition>;

export const leafConditionArbitrary: fc.Arbitrary<Condition> = fc.oneof(
  textField,
  numberField,
  booleanField,
  dateField,
  datetimeField,
  choiceField,
  eventNode,
  messageNode,
  reservationNode,
  otherLeaf,
);

/** Random trees of all/any/not over the leaves, a few levels deep. */
export const conditionArbitrary: fc.Arbitrary<Condition> = fc.letrec<{ node: Condition }>(
  (tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leafConditionArbitrary,
      fc
        .array(tie('node'), { maxLength: 3 })
        .map((conditions) => ({ type: 'all', conditions }) as Condition),
      fc
        .array(tie('node'), { maxLength: 3 })
        .map((conditions) => ({ type: 'any', conditions }) as Condition),
      tie('node').map((condition) => ({ type: 'not', condition }) as Condition),
    ),
  }),
).node;
