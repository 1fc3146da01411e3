import fc from 'fast-check';
import type { ConsentActor, ConsentSource } from '../../src/consent/index.js';
import type { Executor } from '../../src/store/index.js';
import { createWorkspace, type Workspace } from '../../src/workspaces/index.js';

/**
 * Shared helpers of the consent tests: fast-check runs with a printed seed, rows written straight
 * into the tables the rules read (contacts and reservations belong to other folders; the consent
 * rules only read their rows), and instants around DST changes.
 */

/** Runs a property with a seed from FC_SEED (or a fresh one) and prints the seed when it fails. */
export async function assertProperty(
  property:
    | fc.IAsyncPropertyWithHooks<unknown>
    | fc.IAsyncProperty<unknown>
    | fc.IProperty<unknown>,
  options: { numRuns: number },
): Promise<void> {
  const seed =
    process.env.FC_SEED === undefined
      ? Date.now() ^ (Math.random() * 2 ** 31)
      : Number(process.env.FC_SEED);
  try {
    await fc.assert(property, { seed, numRuns: options.numRuns });
  } catch (error) {
    console.error(`fast-check failed; reproduce with FC_SEED=${seed}`);
    throw error;
  }
}

let workspaceCounter = 0;

export async function createTestWorkspace(
  db: Executor,
  options: { timeZone?: string; now?: number } = {},
): Promise<Workspace> {
  workspaceCounter += 1;
  return createWorkspace(db, {
    key: `consent-${process.pid}-${workspaceCounter}-${Math.floor(Math.random() * 1e9)}`,
    timeZone: options.timeZone ?? 'UTC',
    now: options.now ?? Date.parse('2024-01-01T00:00:00Z'),
  });
}

export async function insertContact(
  db: Executor,
  workspaceId: number,
  email: string,
): Promise<number> {
  const row = await db
    .insertInto('contacts')
    .values({
      workspace_id: workspaceId,
      email: email.toLowerCase(),
      source: 'api',
      custom: '{}',
      custom_key: '{}',
      created_at: 0,
      updated_at: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export interface ReservationRow {
  bookingId: string;
  confirmedAt: number | null;
  departure: string | null;
  status: 'confirmed' | 'cancelled';
}

export async function insertReservation(
  db: Executor,
  input: { workspaceId: number; contactId: number; reservation: ReservationRow },
): Promise<void> {
  const { reservation } = input;
  await db
    .insertInto('reservations')
    .values({
      workspace_id: input.workspaceId,
      booking_id: reservation.bookingId,
      contact_id: input.contactId,
      arrival: null,
      departure: reservation.departure,
      status: reservation.status,
      confirmed_at: reservation.confirmedAt,
      created_at: 0,
      updated_at: 0,
    })
    .execute();
}

/** A place and time where the calendar misbehaves, with the instant the generated histories start from. */
export interface TimeSetting {
  timeZone: string;
  base: number;
}

export const timeSettings: TimeSetting[] = [
  // DST ends in the night of 26-27 October 2024 (a 25-hour day).
  { timeZone: 'Europe/Amsterdam', base: Date.parse('2024-10-25T10:00:00Z') },
  // DST starts in the night of 30-31 March 2024 (a 23-hour day).
  { timeZone: 'Europe/Amsterdam', base: Date.parse('2024-03-29T10:00:00Z') },
  // DST starts at midnight: 8 September 2024 begins at 01:00.
  { timeZone: 'America/Santiago', base: Date.parse('2024-09-06T10:00:00Z') },
  // 30 December 2011 never happened in Samoa.
  { timeZone: 'Pacific/Apia', base: Date.parse('2011-12-28T10:00:00Z') },
  // A quarter-hour offset: day boundaries off the hour grid.
  { timeZone: 'Asia/Kathmandu', base: Date.parse('2024-05-01T10:00:00Z') },
  { timeZone: 'UTC', base: Date.parse('2024-06-01T10:00:00Z') },
];

export const hour = 3_600_000;

export const contactSources: ConsentSource[] = [
  'preference_center',
  'form',
  'unsubscribe',
  'cli',
  'api',
];
export const operatorSources: ConsentSource[] = [
  'import',
  'booking',
  'form',
  'api',
  'cli',
  'owner',
];

export const actorArbitrary: fc.Arbitrary<ConsentActor> = fc.constantFrom('contact', 'operator');
