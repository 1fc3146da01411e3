import fc from 'fast-check';
import type { ConsentAction, ConsentActor, ConsentSource } from '../../../src/consent/index.js';
import type { Condition } from '../../../src/segments/index.js';
import { conditionArbitrary, type TreeProfile } from './condition-arbitrary.js';
import {
  birthdayArbitrary,
  type InstantFormat,
  instantFormatArbitrary,
  instantText,
  type TimeProfile,
  timeProfile,
  timeSettingArbitrary,
} from './time-pools.js';
import {
  amounts,
  bookingIdOf,
  booleans,
  campaigns,
  categoryKeys,
  channels,
  cities,
  consentSegmentKeys,
  countries,
  currencies,
  customFields,
  departments,
  devices,
  emailOf,
  eventTypes,
  externalIdOf,
  firstNames,
  forms,
  genders,
  guestCounts,
  interestOptions,
  languages,
  lastNames,
  links,
  listKeys,
  nicknames,
  phoneOf,
  planOptions,
  products,
  reservationAmounts,
  reservationChannels,
  reservationProperties,
  reservationStatuses,
  roomTypes,
  scores,
  tagLabels,
} from './value-pools.js';

/**
 * A random workspace as plain data (workspace-writer.ts writes it through the domain modules):
 * contacts with missing and odd values, events, bookings, consent log entries, list members and
 * saved segments, all placed around one anchor instant of the workspace's time zone.
 */

export interface ContactSpec {
  /** Standard fields and custom values as an API client sends them (raw, unnormalised). */
  input: Record<string, unknown>;
  /** Index into `TimeProfile.writeInstants`. */
  batch: number;
  source: 'import' | 'form' | 'api' | 'owner';
  consent: string[];
  lists: string[];
  /** A later upsert of the same contact (matched by its identifiers) with these values. */
  update: Record<string, unknown> | null;
}

export interface EventSpec {
  /** Modulo the number of contacts. */
  contact: number;
  type: string;
  instant: number;
  format: InstantFormat;
  /** A client id; the same id twice is a duplicate, ignored even when its content differs. */
  clientId: string | null;
  properties: Record<string, unknown>;
}

export interface BookingSpec {
  /** A generated contact (modulo the contacts; its email when it has one) or a new booker. */
  booker: { contact: number } | { booker: number };
  emailSpelling: number;
  /** The CSV cells other than `email`. */
  cells: Record<string, string>;
}

export interface ConsentSpec {
  contact: number;
  category: string;
  action: ConsentAction;
  actor: ConsentActor;
  source: ConsentSource;
  recordedAt: number;
}

export interface SavedSegmentSpec {
  key: string;
  parent: string | null;
  condition: Condition;
}

export interface WorkspaceSpec {
  time: TimeProfile;
  contacts: ContactSpec[];
  events: EventSpec[];
  /** Two imports of the bookings CSV; the second updates some bookings of the first. */
  bookingImports: [BookingSpec[], BookingSpec[]];
  consent: ConsentSpec[];
  /** Indices (modulo the contacts) of contacts that unsubscribe from everything, and when. */
  unsubscribes: { contact: number; recordedAt: number }[];
  segments: SavedSegmentSpec[];
}

const day = 86_400_000;

/** Undefined (a missing value) one time in `freq`. */
function optional<T>(arbitrary: fc.Arbitrary<T>, freq = 3): fc.Arbitrary<T | undefined> {
  return fc.option(arbitrary, { nil: undefined, freq });
}

function omitUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

function customValuesArbitrary(time: TimeProfile): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({
      nickname: optional(fc.constantFrom(...nicknames), 2),
      score: optional(fc.constantFrom(...scores), 2),
      vip: optional(fc.constantFrom(...booleans), 2),
      contract_end: optional(fc.constantFrom(...time.days), 2),
      last_login: optional(
        fc
          .tuple(fc.constantFrom(...time.instants), instantFormatArbitrary)
          .map(([instant, format]) => instantText(instant, time.timeZone, format)),
        2,
      ),
      plan: optional(fc.constantFrom(...planOptions).chain(caseVariant), 2),
      interests: optional(
        fc.array(fc.constantFrom(...interestOptions).chain(caseVariant), { maxLength: 4 }),
        2,
      ),
    })
    .map(omitUndefined);
}

function caseVariant(text: string): fc.Arbitrary<string> {
  return fc.constantFrom(text, text.toUpperCase(), ` ${text.toLowerCase()} `);
}

function contactInputArbitrary(time: TimeProfile, index: number) {
  const identifiers = fc
    .record({
      email: fc.boolean(),
      phone: fc.boolean(),
      external: fc.boolean(),
      spelling: fc.nat(5),
    })
    .map(({ email, phone, external, spelling }) => ({
      email: email || (!phone && !external) ? emailOf(index, spelling) : undefined,
      phone: phone ? phoneOf(index, spelling) : undefined,
      external_id: external ? externalIdOf(index, spelling) : undefined,
    }));
  return fc
    .tuple(
      identifiers,
      fc.record({
        first_name: optional(fc.constantFrom(...firstNames)),
        last_name: optional(fc.constantFrom(...lastNames)),
        language: optional(fc.constantFrom(...languages)),
        country: optional(fc.constantFrom(...countries)),
        city: optional(fc.constantFrom(...cities)),
        gender: optional(fc.constantFrom(...genders)),
        birthdate: optional(birthdayArbitrary(time)),
        tags: optional(fc.array(fc.constantFrom(...tagLabels), { maxLength: 3 })),
      }),
      customValuesArbitrary(time),
    )
    .map(([ids, standard, custom]) => omitUndefined({ ...ids, ...standard, custom }));
}

function contactArbitrary(time: TimeProfile, index: number): fc.Arbitrary<ContactSpec> {
  return fc.record({
    input: contactInputArbitrary(time, index),
    batch: fc.nat(time.writeInstants.length - 1),
    source: fc.constantFrom('import', 'form', 'api', 'owner'),
    consent: fc.subarray(categoryKeys, { minLength: 1, maxLength: 2 }),
    lists: fc.subarray(listKeys),
    update: fc.option(
      fc
        .record({
          city: optional(fc.constantFrom(...cities)),
          first_name: optional(fc.constantFrom(...firstNames)),
          tags: optional(fc.array(fc.constantFrom(...tagLabels), { maxLength: 2 })),
        })
        .chain((standard) =>
          customValuesArbitrary(time).map((custom) => omitUndefined({ ...standard, custom })),
        ),
      { freq: 4 },
    ),
  });
}

/**
 * The property values one workspace uses: a few of each pool, so that the same odd value (two
 * 2^62 amounts, three decimals) meets itself in one contact's events often enough to matter.
 */
interface EventPools {
  amounts: unknown[];
  departments: unknown[];
  campaigns: string[];
}

const eventPoolsArbitrary: fc.Arbitrary<EventPools> = fc.record({
  amounts: fc.subarray(amounts, { minLength: 2, maxLength: 6 }),
  departments: fc.subarray(departments, { minLength: 2, maxLength: 6 }),
  campaigns: fc.subarray(campaigns, { minLength: 2, maxLength: 4 }),
});

function propertiesArbitrary(
  type: string,
  pools: EventPools,
): fc.Arbitrary<Record<string, unknown>> {
  const pick = (pool: readonly unknown[]) => optional(fc.constantFrom(...pool), 2);
  const common = { 'a.b': pick(['x', 'X', 1]), Department: pick(['Bikes', 'bikes']) };
  const shapes: Record<string, Record<string, fc.Arbitrary<unknown>>> = {
    purchase: {
      department: pick(pools.departments),
      product: pick(products),
      amount: fc.option(fc.constantFrom(...pools.amounts), { nil: undefined, freq: 6 }),
      currency: pick(currencies),
      ...common,
    },
    'form.submitted': { form: pick(forms) },
    login: {
      device: pick(devices),
      amount: pick(pools.amounts),
      constructor: pick(['x', 1]),
      'say "hi"\\': pick(['Hi', 'hi ']),
      proto: pick(['x', 1]),
    },
  };
  const message = {
    campaign: pick(pools.campaigns),
    channel: pick(channels),
    ...(type === 'message.clicked' ? { link: pick(links) } : {}),
  };
  return fc
    .record(shapes[type] ?? message)
    .map((properties) => withOwnProto(omitUndefined(properties)));
}

/**
 * `proto` becomes an own "__proto__" property, as JSON.parse makes it: a property name that
 * naive object handling turns into a prototype.
 */
function withOwnProto(properties: Record<string, unknown>): Record<string, unknown> {
  if (!('proto' in properties)) return properties;
  const { proto, ...rest } = properties;
  Object.defineProperty(rest, '__proto__', {
    value: proto,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return rest;
}

function eventArbitrary(time: TimeProfile, pools: EventPools): fc.Arbitrary<EventSpec> {
  const types = [...eventTypes, ...Array(6).fill('purchase'), 'message.clicked', 'login'];
  return fc.constantFrom(...types).chain((type) =>
    fc.record({
      // Half of the events go to five heavy users, so that aggregates have values to work on.
      contact: fc.oneof(fc.nat(4), fc.nat()),
      type: fc.constant(type),
      instant: fc.oneof(
        { arbitrary: fc.constantFrom(...time.instants), weight: 3 },
        {
          arbitrary: fc.integer({ min: time.anchor - 100 * day, max: time.anchor + 2 * day }),
          weight: 2,
        },
        fc.integer({ min: time.anchor - 400 * day, max: time.anchor + 5 * day }),
      ),
      format: instantFormatArbitrary.filter((format) => format !== 'local'),
      clientId: fc.option(
        fc.nat(30).map((id) => `e-${id}`),
        { freq: 2 },
      ),
      properties: propertiesArbitrary(type, pools),
    }),
  );
}

function bookingArbitrary(time: TimeProfile, index: number): fc.Arbitrary<BookingSpec> {
  const instants = fc.constantFrom(...time.instants);
  return fc
    .record({
      booker: fc.oneof(
        fc.nat().map((contact) => ({ contact })),
        fc.nat(8).map((booker) => ({ booker })),
      ),
      spelling: fc.nat(3),
      arrival: fc.constantFrom(...time.days),
      nights: fc.nat(7),
      status: fc.constantFrom(...reservationStatuses),
      confirmedAt: fc.oneof(
        fc.constant(''),
        instants.map((instant) => new Date(instant).toISOString()),
        fc.constantFrom(...time.days),
      ),
      property: fc.constantFrom('', ...reservationProperties),
      roomType: fc.constantFrom('', ...roomTypes),
      channel: fc.constantFrom('', ...reservationChannels),
      guests: fc.constantFrom(...guestCounts),
      amount: fc.constantFrom(...reservationAmounts),
    })
    .map((booking) => ({
      booker: booking.booker,
      emailSpelling: booking.spelling,
      cells: {
        booking_id: bookingIdOf(index, booking.spelling),
        arrival: booking.arrival,
        departure: addDaysText(booking.arrival, booking.nights),
        status: booking.status,
        confirmed_at: booking.confirmedAt,
        property: booking.property,
        room_type: booking.roomType,
        channel: booking.channel,
        guests: booking.guests,
        amount: booking.amount,
      },
    }));
}

function addDaysText(dayText: string, days: number): string {
  const date = new Date(`${dayText}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The second import: some bookings again, cancelled or re-confirmed, with empty optional cells. */
function reimportArbitrary(first: BookingSpec[]): fc.Arbitrary<BookingSpec[]> {
  if (first.length === 0) return fc.constant([]);
  return fc.subarray(first).chain((chosen) =>
    fc.tuple(
      ...chosen.map((booking) =>
        fc.constantFrom('cancelled', 'confirmed').map((status) => ({
          ...booking,
          cells: { ...booking.cells, status, property: '', amount: '', confirmed_at: '' },
        })),
      ),
    ),
  );
}

const contactSources: ConsentSource[] = ['preference_center', 'unsubscribe', 'form'];
const operatorSources: ConsentSource[] = ['import', 'cli', 'api', 'booking'];

function consentArbitrary(time: TimeProfile): fc.Arbitrary<ConsentSpec> {
  return fc
    .record({
      contact: fc.nat(),
      category: fc.constantFrom(...categoryKeys, 'booking_marketing', 'marketing'),
      action: fc.constantFrom<ConsentAction>('grant', 'withdraw'),
      actor: fc.constantFrom<ConsentActor>('contact', 'operator'),
      sourceIndex: fc.nat(),
      recordedAt: fc.constantFrom(...time.instants),
    })
    .map(({ sourceIndex, ...entry }) => {
      const sources = entry.actor === 'contact' ? contactSources : operatorSources;
      return { ...entry, source: sources[sourceIndex % sources.length]! };
    });
}

/** Three saved segments: a root, its child, and one that may refer to both and to consent ones. */
function savedSegmentsArbitrary(profile: TreeProfile): fc.Arbitrary<SavedSegmentSpec[]> {
  const tree = (segmentKeys: string[]) =>
    conditionArbitrary({ ...profile, segmentKeys }, { maxDepth: 2 });
  return fc
    .tuple(
      tree(consentSegmentKeys),
      tree(['saved-a']),
      tree(['saved-a', 'saved-b', ...consentSegmentKeys]),
      fc.constantFrom<string | null>(null, 'saved-a', 'saved-b'),
    )
    .map(([a, b, c, parentOfC]) => [
      { key: 'saved-a', parent: null, condition: a },
      { key: 'saved-b', parent: 'saved-a', condition: b },
      { key: 'saved-c', parent: parentOfC, condition: c },
    ]);
}

export function treeProfileOf(time: TimeProfile, segmentKeys: string[]): TreeProfile {
  return { time, fields: customFields, listKeys, segmentKeys };
}

export const workspaceSpecArbitrary: fc.Arbitrary<WorkspaceSpec> = timeSettingArbitrary.chain(
  (setting) => {
    const time = timeProfile(setting);
    return fc.integer({ min: 20, max: 60 }).chain((size) =>
      fc.record({
        time: fc.constant(time),
        contacts: fc.tuple(
          ...Array.from({ length: size }, (_, index) => contactArbitrary(time, index)),
        ),
        events: eventPoolsArbitrary.chain((pools) =>
          fc.array(eventArbitrary(time, pools), { minLength: size * 3, maxLength: size * 8 }),
        ),
        bookingImports: fc
          .array(fc.nat(), { minLength: 3, maxLength: 12 })
          .chain((seeds) => fc.tuple(...seeds.map((_, index) => bookingArbitrary(time, index))))
          .chain((first) => reimportArbitrary(first).map((second) => [first, second] as const))
          .map(([first, second]) => [first, second] as [BookingSpec[], BookingSpec[]]),
        consent: fc.array(consentArbitrary(time), { maxLength: size * 2 }),
        unsubscribes: fc.array(
          fc.record({ contact: fc.nat(), recordedAt: fc.constantFrom(...time.instants) }),
          { maxLength: 3 },
        ),
        segments: savedSegmentsArbitrary(treeProfileOf(time, [])),
      }),
    );
  },
);
