import fc from 'fast-check';
import type { Condition } from '../../../src/segments/index.js';
import {
  durationArbitrary,
  numberOperand,
  propertyOperand,
  textOperand,
  timeOperand,
  timeStart,
} from './operand-arbitrary.js';
import { type TimeProfile, timeValueArbitrary } from './time-pools.js';
import {
  aggregateNumbers,
  bookingIdOf,
  campaigns,
  channels,
  currencies,
  departments,
  devices,
  eventTypes,
  forms,
  links,
  products,
  propertyNames,
  propertyNumbers,
  propertyTexts,
  reservationChannels,
  reservationProperties,
  reservationStatuses,
  roomTypes,
  textFrom,
} from './value-pools.js';

/** Event, message and reservation nodes (SPEC §2) with where filters, windows and measures. */

type Comparison = { op: 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'between'; value: unknown };

const comparisonOperators = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between'] as const;

function comparisonArbitrary(numbers: fc.Arbitrary<number>): fc.Arbitrary<Comparison> {
  return fc.constantFrom(...comparisonOperators).chain(
    (op): fc.Arbitrary<Comparison> =>
      op === 'between'
        ? fc.tuple(numbers, numbers).map(([left, right]) => ({
            op,
            value: left <= right ? [left, right] : [right, left],
          }))
        : numbers.map((value) => ({ op, value })),
  );
}

/** A count: whole numbers from 0, so that `lt`, `eq 0` and `lte` match contacts without events. */
export const countArbitrary = comparisonArbitrary(fc.integer({ min: 0, max: 4 }));

/** An aggregate (aggregate-tuning.ts re-aims some of them at values contacts have). */
function aggregateArbitrary(): fc.Arbitrary<Record<string, unknown>> {
  const numbers = fc.constantFrom(...aggregateNumbers);
  return fc
    .tuple(
      fc.constantFrom('sum', 'avg', 'min', 'max'),
      fc.constantFrom(...Array(6).fill('amount'), 'department', 'a.b', 'missing'),
      comparisonArbitrary(numbers),
    )
    .map(([fn, property, comparison]) => ({ fn, property, ...comparison }));
}

/** `last`: the date operators on the latest matching event's instant. */
function lastArbitrary(time: TimeProfile): fc.Arbitrary<Record<string, unknown>> {
  return timeOperand('datetime', time, fc.constantFrom(...time.days)).filter(
    (operand) =>
      !['is_set', 'is_not_set', 'within_next', 'anniversary_within_next'].includes(operand.op),
  ) as unknown as fc.Arbitrary<Record<string, unknown>>;
}

/** `{ last: D }` or `{ from, to }` with from not after to (days and instants mixed). */
export function withinArbitrary(time: TimeProfile): fc.Arbitrary<Record<string, string>> {
  const point = timeValueArbitrary(time);
  return fc.oneof(
    durationArbitrary(false).map((last) => ({ last })),
    fc.tuple(point, point).map(([left, right]) => {
      const ordered = timeStart(left, time.timeZone) <= timeStart(right, time.timeZone);
      return ordered ? { from: left, to: right } : { from: right, to: left };
    }),
  );
}

/** Texts and numbers stored under each event property, for operands that hit them. */
const propertyValues: Record<string, { texts: string[]; numbers: number[] }> = {
  department: { texts: textsOf(departments), numbers: [12, 0] },
  product: { texts: textsOf(products), numbers: [1] },
  amount: {
    texts: ['80', '80.5', '80.50', '7', '-12', '19.99', 'abc', '1,5', '', '1e+21', 'true', '.5'],
    numbers: propertyNumbers,
  },
  currency: { texts: currencies, numbers: [0] },
  campaign: { texts: campaigns, numbers: [0] },
  channel: { texts: channels, numbers: [0] },
  link: { texts: links, numbers: [0] },
  form: { texts: forms, numbers: [0] },
  device: { texts: devices, numbers: [0] },
  'a.b': { texts: ['x', 'X', '1'], numbers: [1, 0] },
  Department: { texts: ['Bikes', 'BIKES'], numbers: [0] },
  constructor: { texts: ['x', '1', 'function'], numbers: [1] },
  // A computed key: a plain `__proto__:` would set the prototype.
  ['__proto__']: { texts: ['x', '1'], numbers: [1] },
  'say "hi"\\': { texts: ['Hi', 'HI'], numbers: [0] },
  missing: { texts: ['x', ''], numbers: [0] },
};

function textsOf(values: readonly unknown[]): string[] {
  return values.flatMap((value) => (typeof value === 'string' ? [value] : [String(value)]));
}

/** The properties events of a type carry (event-arbitrary data), and a few they lack. */
const propertiesByType: Record<string, string[]> = {
  purchase: ['department', 'product', 'amount', 'amount', 'currency', 'a.b', 'Department'],
  login: ['device', 'amount', 'constructor', '__proto__', 'say "hi"\\'],
  'form.submitted': ['form'],
  'message.clicked': ['campaign', 'channel', 'link'],
};

function whereFilterArbitrary(eventType: string): fc.Arbitrary<Record<string, unknown>> {
  const own = propertiesByType[eventType] ?? ['campaign', 'channel'];
  return fc
    .oneof({ arbitrary: fc.constantFrom(...own), weight: 4 }, fc.constantFrom(...propertyNames))
    .chain((property) => {
      const values = propertyValues[property] ?? propertyValues.missing!;
      const operand = propertyOperand(
        fc.oneof(textFrom(values.texts), textFrom(propertyTexts)),
        fc.constantFrom(...values.numbers, ...propertyNumbers),
      );
      return operand.map((chosen) => ({ property, ...chosen }));
    });
}

type Measure = 'none' | 'count' | 'aggregate' | 'last';

function measureArbitrary(time: TimeProfile, measures: readonly Measure[]) {
  return fc.constantFrom(...measures).chain((measure): fc.Arbitrary<Record<string, unknown>> => {
    switch (measure) {
      case 'none':
        return fc.constant({});
      case 'count':
        return countArbitrary.map((count) => ({ count }));
      case 'aggregate':
        return aggregateArbitrary().map((aggregate) => ({ aggregate }));
      case 'last':
        return lastArbitrary(time).map((last) => ({ last }));
    }
  });
}

/** `{ [key]: value }` with the given chance, else `{}`. */
function optionalEntry<T>(key: string, arbitrary: fc.Arbitrary<T>, chance = 0.5) {
  const percent = Math.round(chance * 100);
  return fc.oneof(
    { arbitrary: fc.constant({}), weight: 100 - percent },
    { arbitrary: arbitrary.map((value) => ({ [key]: value })), weight: percent },
  );
}

const anyEventType = fc.constantFrom(
  ...eventTypes,
  'purchase',
  'purchase',
  'purchase',
  'login',
  'never.seen',
  'Purchase',
);
/** Aggregates mostly over the events that carry amounts. */
const aggregatedEventType = fc.constantFrom(
  'purchase',
  'purchase',
  'purchase',
  'login',
  'message.opened',
);

export function eventNodeArbitrary(time: TimeProfile): fc.Arbitrary<Condition> {
  const measures: Measure[] = ['none', 'count', 'count', 'aggregate', 'aggregate', 'last'];
  return fc
    .constantFrom(...measures)
    .chain((measure) =>
      fc.record({
        event: measure === 'aggregate' ? aggregatedEventType : anyEventType,
        measure: measureArbitrary(time, [measure]),
      }),
    )
    .chain(({ event, measure }) =>
      fc
        .record({
          // Aggregates filter less, so that they find values to work on.
          where: optionalEntry(
            'where',
            fc.array(whereFilterArbitrary(event), { maxLength: 2 }),
            measure.aggregate ? 0.2 : 0.5,
          ),
          within: optionalEntry('within', withinArbitrary(time), measure.aggregate ? 0.3 : 0.5),
        })
        .map(
          ({ where, within }) =>
            ({ type: 'event', event, ...where, ...within, ...measure }) as Condition,
        ),
    );
}

export function messageNodeArbitrary(time: TimeProfile): fc.Arbitrary<Condition> {
  return fc
    .constantFrom(
      'received',
      'delivered',
      'opened',
      'clicked',
      'clicked',
      'bounced',
      'unsubscribed',
    )
    .chain((activity) =>
      fc.record({
        activity: fc.constant(activity),
        campaign: optionalEntry(
          'campaign',
          fc.oneof({ arbitrary: textFrom(campaigns), weight: 5 }, fc.constant('nope')),
          0.6,
        ),
        link: activity === 'clicked' ? optionalEntry('link', textFrom(links)) : fc.constant({}),
        channel: optionalEntry('channel', fc.constantFrom('email', 'SMS', ' sms ', 'Email'), 0.35),
        within: optionalEntry('within', withinArbitrary(time)),
        measure: measureArbitrary(time, ['none', 'count', 'last']),
      }),
    )
    .filter(({ campaign, link }) => isFilled(campaign) && isFilled(link))
    .map(
      ({ activity, campaign, link, channel, within, measure }) =>
        ({
          type: 'message',
          activity,
          ...campaign,
          ...link,
          ...channel,
          ...within,
          ...measure,
        }) as Condition,
    );
}

/** `campaign` and `link` may not fold to an empty text. */
function isFilled(entry: Record<string, unknown>): boolean {
  return Object.values(entry).every((value) => typeof value === 'string' && value.trim() !== '');
}

const reservationTexts: Record<string, fc.Arbitrary<string>> = {
  booking_id: fc
    .tuple(fc.nat(12), fc.nat(3))
    .map(([index, spelling]) => bookingIdOf(index, spelling)),
  property: textFrom(reservationProperties),
  room_type: textFrom(roomTypes),
  channel: textFrom(reservationChannels),
  status: textFrom([...reservationStatuses, 'cancelled', 'confirmed']),
};

function reservationFilter(time: TimeProfile): fc.Arbitrary<Record<string, unknown>> {
  const attributes = [
    ...Object.keys(reservationTexts),
    'arrival',
    'departure',
    'confirmed_at',
    'guests',
    'amount',
  ];
  return fc.constantFrom(...attributes).chain((property) => {
    const operand = (() => {
      if (property in reservationTexts) return textOperand(reservationTexts[property]!);
      if (property === 'arrival' || property === 'departure') {
        return timeOperand('date', time, fc.constantFrom(...time.days));
      }
      if (property === 'confirmed_at')
        return timeOperand('datetime', time, fc.constantFrom(...time.days));
      const numbers =
        property === 'guests' ? [0, 1, 2, 3, 4, 10] : [0, 99.99, 100, 120.5, -5, 1000];
      return numberOperand(fc.constantFrom(...numbers));
    })();
    return operand.map((chosen) => ({ property, ...chosen }));
  });
}

export function reservationNodeArbitrary(time: TimeProfile): fc.Arbitrary<Condition> {
  return fc
    .record({
      where: optionalEntry('where', fc.array(reservationFilter(time), { maxLength: 3 })),
      count: optionalEntry('count', countArbitrary),
    })
    .map(({ where, count }) => ({ type: 'reservation', ...where, ...count }) as Condition);
}
