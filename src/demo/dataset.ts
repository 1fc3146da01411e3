import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { SeededRandom } from './random.js';
import {
  bookingChannels,
  campaignLinks,
  campaigns,
  classifications,
  countries,
  departments,
  firstNames,
  interests,
  lastNames,
  loyaltyTiers,
  properties,
} from './vocabulary.js';

const dayMilliseconds = 86_400_000;

/** The custom fields the demo data set fills (created before the import). */
export const demoFields = [
  { key: 'revenue', label: 'Revenue (EUR)', type: 'number' },
  { key: 'loyalty_member', label: 'Loyalty member', type: 'boolean' },
  { key: 'loyalty_tier', label: 'Loyalty tier', type: 'select', options: [...loyaltyTiers] },
  { key: 'interests', label: 'Interests', type: 'multiselect', options: [...interests] },
  { key: 'contract_end', label: 'Contract end date', type: 'date' },
] as const;

export interface DatasetOptions {
  directory: string;
  contacts: number;
  /** Average events per contact; the benchmark's 100k/2M is 20. */
  eventsPerContact: number;
  seed: number;
  /** Behaviour lies in the 400 days before this instant; some bookings lie after it. */
  anchor: number;
}

export interface DatasetFiles {
  contacts: string;
  owners: string;
  events: string;
  bookings: string;
  counts: { contacts: number; owners: number; events: number; bookings: number };
}

/** A line writer that respects back-pressure, so millions of lines never sit in memory. */
class LineWriter {
  private readonly stream: WriteStream;
  lines = 0;

  constructor(path: string) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
  }

  async write(line: string): Promise<void> {
    this.lines++;
    if (!this.stream.write(`${line}\n`)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

function csvCell(value: string | number | boolean | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function isoDay(instant: number): string {
  return new Date(instant).toISOString().slice(0, 10);
}

interface Person {
  index: number;
  email: string;
  firstName: string;
  lastName: string;
  phone: string | undefined;
  country: string;
  language: string;
  city: string;
}

function makePerson(random: SeededRandom, index: number): Person {
  const place = random.weighted(countries.map((entry) => [entry, entry.weight] as const));
  const firstName = random.pick(firstNames);
  const lastName = random.pick(lastNames);
  const local = `${firstName}.${lastName}`
    .normalize('NFD')
    .replace(/[^A-Za-z.]/g, '')
    .toLowerCase();
  return {
    index,
    email: `${local}.${index}@example.com`,
    firstName,
    lastName,
    phone: random.chance(0.6) ? `+316${String(10_000_000 + index).slice(-8)}` : undefined,
    country: place.country,
    language: place.language,
    city: random.pick(place.cities),
  };
}

function birthdate(random: SeededRandom, anchor: number): string {
  // A few leap-day birthdays so the 29 February rule has something to act on.
  if (random.chance(0.004)) return `${random.pick([1980, 1984, 1988, 1992, 1996, 2000])}-02-29`;
  const ageDays = random.integer(18 * 365, 80 * 365);
  return isoDay(anchor - ageDays * dayMilliseconds);
}

const contactHeader =
  'email,external_id,phone,first_name,last_name,language,country,city,gender,birthdate,revenue,loyalty_member,loyalty_tier,interests,tags';

function contactLine(random: SeededRandom, person: Person, anchor: number): string {
  const loyal = random.chance(0.3);
  const cells = [
    person.email,
    `C${String(person.index).padStart(7, '0')}`,
    person.phone,
    person.firstName,
    person.lastName,
    person.language,
    person.country,
    person.city,
    random.chance(0.9) ? random.pick(['female', 'male', 'non-binary']) : undefined,
    random.chance(0.85) ? birthdate(random, anchor) : undefined,
    random.chance(0.7) ? random.integer(0, 500_000) / 100 : undefined,
    loyal,
    loyal ? random.pick(loyaltyTiers) : undefined,
    random.subset(interests, 0.25).join(';') || undefined,
    [random.chance(0.08) ? 'vip' : '', random.chance(0.2) ? 'newsletter' : '']
      .filter(Boolean)
      .join(';') || undefined,
  ];
  return cells.map(csvCell).join(',');
}

async function writeMessageEvents(
  output: LineWriter,
  random: SeededRandom,
  context: { person: Person; budget: number; anchor: number; counter: { next: number } },
): Promise<void> {
  const { person, anchor, counter } = context;
  for (let sent = 0; sent < context.budget; ) {
    const campaign = random.pick(campaigns);
    const channel = random.chance(0.85) ? 'email' : 'sms';
    const at = anchor - random.integer(1, 400 * 24 * 60) * 60_000;
    const base = { campaign, channel };
    const steps: [string, Record<string, string>, number][] = [['message.sent', base, 0]];
    if (random.chance(0.97)) steps.push(['message.delivered', base, 60_000]);
    else
      steps.push([
        'message.bounced',
        { ...base, type: random.chance(0.5) ? 'hard' : 'soft' },
        60_000,
      ]);
    if (steps[1]![0] === 'message.delivered' && random.chance(0.45)) {
      steps.push(['message.opened', base, random.integer(5, 3000) * 60_000]);
      if (random.chance(0.3)) {
        steps.push([
          'message.clicked',
          { ...base, link: random.pick(campaignLinks) },
          3_600_000 * 50,
        ]);
      }
    }
    for (const [type, propertiesOfEvent, delay] of steps) {
      const timestamp = new Date(Math.min(at + delay, anchor - 1000)).toISOString();
      const event = {
        id: `e-${counter.next++}`,
        contact: { email: person.email },
        type,
        timestamp,
        properties: propertiesOfEvent,
      };
      await output.write(JSON.stringify(event));
      sent++;
    }
  }
}

async function writePurchases(
  output: LineWriter,
  random: SeededRandom,
  context: { person: Person; budget: number; anchor: number; counter: { next: number } },
): Promise<void> {
  const { person, anchor, counter } = context;
  for (let bought = 0; bought < context.budget; bought++) {
    const department = random.pick(departments);
    const amount = random.integer(department.price[0] * 100, department.price[1] * 100) / 100;
    const at = anchor - random.integer(1, 400 * 24 * 60) * 60_000;
    const event = {
      id: `e-${counter.next++}`,
      contact: { email: person.email },
      type: 'purchase',
      timestamp: new Date(at).toISOString(),
      properties: {
        order_id: `O${counter.next}`,
        product: random.pick(department.products),
        department: department.department,
        classification: random.pick(classifications),
        // Some shops send amounts as strings; the language treats plain decimals as numbers.
        amount: random.chance(0.2) ? amount.toFixed(2) : amount,
        currency: 'EUR',
      },
    };
    await output.write(JSON.stringify(event));
  }
}

const bookingHeader =
  'booking_id,email,first_name,last_name,phone,property,room_type,arrival,departure,status,confirmed_at,channel,guests,amount';

async function writeBookings(
  output: LineWriter,
  random: SeededRandom,
  context: { person: Person; anchor: number; counter: { next: number } },
): Promise<void> {
  const { person, anchor, counter } = context;
  const stays = random.weighted([
    [1, 60],
    [2, 25],
    [3, 15],
  ] as const);
  for (let stay = 0; stay < stays; stay++) {
    const hotel = random.pick(properties);
    const arrival = anchor + random.integer(-400, 120) * dayMilliseconds;
    const nights = random.integer(1, 7);
    const confirmedAt =
      arrival - random.integer(2, 90) * dayMilliseconds - random.integer(0, 86_399) * 1000;
    const cells = [
      `B${String(counter.next++).padStart(8, '0')}`,
      person.email,
      person.firstName,
      person.lastName,
      person.phone,
      hotel.property,
      random.pick(hotel.roomTypes),
      isoDay(arrival),
      isoDay(arrival + nights * dayMilliseconds),
      random.chance(0.9) ? 'confirmed' : 'cancelled',
      new Date(Math.min(confirmedAt, anchor - 1000)).toISOString(),
      random.pick(bookingChannels),
      random.integer(1, 4),
      (random.integer(90, 450) * nights).toFixed(2),
    ];
    await output.write(cells.map(csvCell).join(','));
  }
}

/**
 * Writes the demo data set as the exchange formats of SPEC §7 (contacts CSV, owners CSV,
 * events NDJSON, bookings CSV), so that it is loaded through the same import path as real data.
 */
export async function writeDataset(options: DatasetOptions): Promise<DatasetFiles> {
  const random = new SeededRandom(options.seed);
  const paths = {
    contacts: join(options.directory, 'contacts.csv'),
    owners: join(options.directory, 'owners.csv'),
    events: join(options.directory, 'events.ndjson'),
    bookings: join(options.directory, 'bookings.csv'),
  };
  const contacts = new LineWriter(paths.contacts);
  const owners = new LineWriter(paths.owners);
  const events = new LineWriter(paths.events);
  const bookings = new LineWriter(paths.bookings);
  await contacts.write(contactHeader);
  await owners.write('email,first_name,last_name,phone,country,city,contract_end');
  await bookings.write(bookingHeader);
  const eventCounter = { next: 1 };
  const bookingCounter = { next: 1 };
  for (let index = 1; index <= options.contacts; index++) {
    const person = makePerson(random, index);
    const budget = Math.round(options.eventsPerContact * (0.2 + random.next() * 1.6));
    if (random.chance(0.02)) {
      const contractEnd = isoDay(options.anchor + random.integer(-60, 900) * dayMilliseconds);
      const cells = [
        person.email,
        person.firstName,
        person.lastName,
        person.phone,
        person.country,
        person.city,
        contractEnd,
      ];
      await owners.write(cells.map(csvCell).join(','));
      continue;
    }
    const context = { person, anchor: options.anchor, counter: eventCounter };
    if (random.chance(0.05)) {
      // Guests who only ever booked: the booking import creates them (source `booking`).
      await writeBookings(bookings, random, { ...context, counter: bookingCounter });
      continue;
    }
    await contacts.write(contactLine(random, person, options.anchor));
    const shopper = random.chance(0.45);
    const purchaseBudget = shopper ? Math.max(1, Math.round(budget * 0.25)) : 0;
    await writeMessageEvents(events, random, { ...context, budget: budget - purchaseBudget });
    await writePurchases(events, random, { ...context, budget: purchaseBudget });
    if (random.chance(0.3))
      await writeBookings(bookings, random, { ...context, counter: bookingCounter });
  }
  await Promise.all([contacts.close(), owners.close(), events.close(), bookings.close()]);
  return {
    ...paths,
    counts: {
      contacts: contacts.lines - 1,
      owners: owners.lines - 1,
      events: events.lines,
      bookings: bookings.lines - 1,
    },
  };
}
