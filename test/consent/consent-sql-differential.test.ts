import fc from 'fast-check';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import {
  appendConsentRecords,
  bookingWindowEnd,
  type CategorisedConsentLogEntry,
  type ConsentAction,
  type ConsentActor,
  type ConsentCategoryRule,
  type ConsentSource,
  type ConsentState,
  consentStateCondition,
  consentStates,
  deriveConsentState,
} from '../../src/consent/index.js';
import { addDays, dayOf } from '../../src/shared/time.js';
import type { Store } from '../../src/store/index.js';
import { describeEachStore } from '../support/stores.js';
import {
  actorArbitrary,
  assertProperty,
  contactSources,
  createTestWorkspace,
  hour,
  insertContact,
  insertReservation,
  operatorSources,
  type ReservationRow,
  type TimeSetting,
  timeSettings,
} from './consent-test-support.js';

/**
 * SQL = pure derivation: random logs (random actors, actions, instants with ties, inserted out of
 * time order) and reservations (some cancelled, some without confirmation or departure) of a few
 * contacts, evaluated at several instants (on the hour grid, and exactly at or 1 ms around window
 * ends, confirmations and log instants) in time zones with DST and odd offsets.
 */

const categories: ConsentCategoryRule[] = [
  { key: 'marketing', kind: 'marketing', timeBound: false },
  { key: 'booking_marketing', kind: 'marketing', timeBound: true },
];

interface GeneratedEntry {
  category: string;
  action: ConsentAction;
  actor: ConsentActor;
  sourceIndex: number;
  hour: number;
}

interface GeneratedReservation {
  confirmedHour: number | null;
  departureOffset: number | null;
  status: 'confirmed' | 'cancelled';
}

interface GeneratedContact {
  log: GeneratedEntry[];
  reservations: GeneratedReservation[];
}

/** Hours on a 72-hour grid, half of them from a few shared values so that instants tie often. */
const hourArbitrary = fc.oneof(fc.integer({ min: 0, max: 72 }), fc.constantFrom(6, 24, 30, 48));

const entryArbitrary: fc.Arbitrary<GeneratedEntry> = fc.record({
  category: fc.constantFrom('marketing', 'booking_marketing'),
  action: fc.constantFrom<ConsentAction>('grant', 'withdraw'),
  actor: actorArbitrary,
  sourceIndex: fc.nat(),
  hour: hourArbitrary,
});

const reservationArbitrary: fc.Arbitrary<GeneratedReservation> = fc.record({
  confirmedHour: fc.option(hourArbitrary, { freq: 8 }),
  departureOffset: fc.option(fc.integer({ min: -2, max: 4 }), { freq: 8 }),
  status: fc.constantFrom('confirmed', 'cancelled'),
});

const contactArbitrary: fc.Arbitrary<GeneratedContact> = fc.record({
  log: fc.array(entryArbitrary, { maxLength: 8 }),
  reservations: fc.array(reservationArbitrary, { maxLength: 4 }),
});

type NowPick = { hour: number } | { boundary: number; delta: -1 | 0 | 1 };

const nowArbitrary: fc.Arbitrary<NowPick> = fc.oneof(
  fc.record({ hour: fc.integer({ min: -2, max: 110 }) }),
  fc.record({ boundary: fc.nat(), delta: fc.constantFrom<-1 | 0 | 1>(-1, 0, 1) }),
);

const scenarioArbitrary = fc.record({
  setting: fc.constantFrom(...timeSettings),
  contacts: fc.array(contactArbitrary, { minLength: 1, maxLength: 3 }),
  nows: fc.array(nowArbitrary, { minLength: 1, maxLength: 3 }),
});

function sourceOf(entry: GeneratedEntry): ConsentSource {
  const sources = entry.actor === 'contact' ? contactSources : operatorSources;
  return sources[entry.sourceIndex % sources.length]!;
}

function toReservationRow(
  generated: GeneratedReservation,
  setting: TimeSetting,
  index: number,
): ReservationRow {
  const baseDay = dayOf(setting.base, setting.timeZone);
  return {
    bookingId: `b-${index}`,
    confirmedAt:
      generated.confirmedHour === null ? null : setting.base + generated.confirmedHour * hour,
    departure:
      generated.departureOffset === null ? null : addDays(baseDay, generated.departureOffset),
    status: generated.status,
  };
}

/** Instants where a rule changes its answer: window ends, confirmations, log entries. */
function boundaries(rows: ReservationRow[], log: CategorisedConsentLogEntry[], zone: string) {
  const instants: number[] = log.map((entry) => entry.recordedAt);
  for (const row of rows) {
    if (row.confirmedAt !== null) instants.push(row.confirmedAt);
    if (row.departure !== null) instants.push(bookingWindowEnd(row.departure, zone));
  }
  return instants;
}

function resolveNow(pick: NowPick, setting: TimeSetting, instants: number[]): number {
  if ('hour' in pick || instants.length === 0) {
    return setting.base + ('hour' in pick ? pick.hour : pick.boundary % 100) * hour;
  }
  return instants[pick.boundary % instants.length]! + pick.delta;
}

interface Loaded {
  contactIds: number[];
  logs: Map<number, CategorisedConsentLogEntry[]>;
  reservations: Map<number, ReservationRow[]>;
}

async function load(
  store: Store,
  workspaceId: number,
  contactIds: number[],
  scenario: { setting: TimeSetting; contacts: GeneratedContact[] },
): Promise<Loaded> {
  const { db } = store;
  await db.deleteFrom('consent_log').where('workspace_id', '=', workspaceId).execute();
  await db.deleteFrom('reservations').where('workspace_id', '=', workspaceId).execute();
  const used = contactIds.slice(0, scenario.contacts.length);
  const reservations = new Map<number, ReservationRow[]>();
  let bookingIndex = 0;
  for (const [index, generated] of scenario.contacts.entries()) {
    const contactId = used[index]!;
    // One entry at a time, in generated order, so ids follow insertion and not time order.
    for (const entry of generated.log) {
      await appendConsentRecords(db, [
        {
          workspaceId,
          contactId,
          category: entry.category,
          action: entry.action,
          actor: entry.actor,
          source: sourceOf(entry),
          recordedAt: scenario.setting.base + entry.hour * hour,
        },
      ]);
    }
    const rows = generated.reservations.map((reservation) =>
      toReservationRow(reservation, scenario.setting, bookingIndex++),
    );
    for (const reservation of rows) {
      await insertReservation(db, { workspaceId, contactId, reservation });
    }
    reservations.set(contactId, rows);
  }
  return { contactIds: used, logs: await readLogs(store, workspaceId), reservations };
}

async function readLogs(store: Store, workspaceId: number) {
  const rows = await store.db
    .selectFrom('consent_log')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .execute();
  const logs = new Map<number, CategorisedConsentLogEntry[]>();
  for (const row of rows) {
    const contactId = Number(row.contact_id);
    const list = logs.get(contactId) ?? [];
    list.push({
      id: Number(row.id),
      category: row.category,
      action: row.action as ConsentAction,
      actor: row.actor as ConsentActor,
      source: row.source as ConsentSource,
      reason: row.reason,
      recordedAt: Number(row.recorded_at),
    });
    logs.set(contactId, list);
  }
  return logs;
}

/** For each contact, which of the four state conditions hold. */
async function sqlStates(
  store: Store,
  input: { workspaceId: number; category: ConsentCategoryRule; now: number; timeZone: string },
): Promise<Map<number, ConsentState[]>> {
  const columns = consentStates.map((state) =>
    sql<number>`CASE WHEN ${consentStateCondition({
      dialect: store.dialect,
      workspaceId: input.workspaceId,
      category: input.category,
      state,
      now: input.now,
      timeZone: input.timeZone,
      contactIdColumn: 'contacts.id',
    })} THEN 1 ELSE 0 END`.as(state),
  );
  const rows = await store.db
    .selectFrom('contacts')
    .select('contacts.id')
    .select(columns)
    .where('contacts.workspace_id', '=', input.workspaceId)
    .execute();
  const result = new Map<number, ConsentState[]>();
  for (const row of rows) {
    const record = row as unknown as Record<string, unknown>;
    result.set(
      Number(row.id),
      consentStates.filter((state) => Number(record[state]) === 1),
    );
  }
  return result;
}

describeEachStore('consentStateCondition agrees with deriveConsentState', (context) => {
  let workspaceId = 0;
  let contactIds: number[] = [];

  beforeAll(async () => {
    const { db } = context().store;
    const workspace = await createTestWorkspace(db);
    workspaceId = workspace.id;
    contactIds = [];
    for (const name of ['ann', 'bob', 'cem']) {
      contactIds.push(await insertContact(db, workspaceId, `${name}@example.com`));
    }
  });

  it('gives every contact exactly the derived state, for every state and instant', async () => {
    const { store } = context();
    let compared = 0;
    await assertProperty(
      fc.asyncProperty(scenarioArbitrary, async (scenario) => {
        const loaded = await load(store, workspaceId, contactIds, scenario);
        const allRows = [...loaded.reservations.values()].flat();
        const allLog = [...loaded.logs.values()].flat();
        const instants = boundaries(allRows, allLog, scenario.setting.timeZone);
        for (const pick of scenario.nows) {
          const now = resolveNow(pick, scenario.setting, instants);
          for (const category of categories) {
            const timeZone = scenario.setting.timeZone;
            const actual = await sqlStates(store, { workspaceId, category, now, timeZone });
            for (const contactId of contactIds) {
              const expected = deriveConsentState({
                category,
                log: (loaded.logs.get(contactId) ?? []).filter((e) => e.category === category.key),
                reservations: loaded.reservations.get(contactId) ?? [],
                now,
                timeZone,
              });
              expect(
                actual.get(contactId),
                `contact ${contactId} ${category.key} at ${new Date(now).toISOString()}`,
              ).toEqual([expected]);
              compared += 1;
            }
          }
        }
      }),
      { numRuns: 300 },
    );
    expect(compared).toBeGreaterThan(300);
  });
});
