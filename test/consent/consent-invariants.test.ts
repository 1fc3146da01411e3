import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import {
  appendConsentRecords,
  bookingWindowEnd,
  type ConsentAction,
  type ConsentCategoryRule,
  type ConsentState,
  deriveConsentState,
  grantConsent,
  readConsentLog,
  readReservationWindowSources,
  unsubscribeContact,
  withdrawConsent,
} from '../../src/consent/index.js';
import { SiftError } from '../../src/shared/errors.js';
import { addDays } from '../../src/shared/time.js';
import type { Executor } from '../../src/store/index.js';
import { describeEachStore } from '../support/stores.js';
import {
  assertProperty,
  createTestWorkspace,
  insertContact,
  insertReservation,
  type TimeSetting,
  timeSettings,
} from './consent-test-support.js';

/**
 * SPEC §3 invariants over random histories written through the real write path: imports
 * (operator grants, logged even when ineffective), bookings (a reservation plus the booking's
 * grant; some later cancelled), operator edits from the CLI (grants refused when the contact
 * withdrew) and the contact's own withdrawals, unsubscribes and grants, with a clock that moves
 * forward in uneven steps. The expected answers come from a reference written independently of
 * `consent-state.ts`: plain quantifiers over the history, and calendar days from `Intl`.
 */

type CategoryKey = 'marketing' | 'booking_marketing';

const rules: Record<CategoryKey, ConsentCategoryRule> = {
  marketing: { key: 'marketing', kind: 'marketing', timeBound: false },
  booking_marketing: { key: 'booking_marketing', kind: 'marketing', timeBound: true },
};

type Operation =
  | { kind: 'advance'; minutes: number }
  | { kind: 'import'; category: CategoryKey }
  | { kind: 'booking'; departureOffset: number; cancelled: boolean }
  | { kind: 'cancel'; index: number }
  | { kind: 'operator'; action: ConsentAction; category: CategoryKey }
  | { kind: 'contact'; action: ConsentAction; category: CategoryKey }
  | { kind: 'unsubscribe_all' };

const categoryArbitrary = fc.constantFrom<CategoryKey>('marketing', 'booking_marketing');
const actionArbitrary = fc.constantFrom<ConsentAction>('grant', 'withdraw');

const operationArbitrary: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      minutes: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 * 24 * 60 })),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('import' as const), category: categoryArbitrary }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('booking' as const),
      departureOffset: fc.integer({ min: -1, max: 6 }),
      cancelled: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), index: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('operator' as const),
      action: actionArbitrary,
      category: categoryArbitrary,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('contact' as const),
      action: actionArbitrary,
      category: categoryArbitrary,
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'unsubscribe_all' as const }) },
);

/** What happened, as the reference sees it: entries in the order they were recorded. */
interface ModelEntry {
  sequence: number;
  at: number;
  category: CategoryKey;
  actor: 'contact' | 'operator';
  action: ConsentAction;
}

interface ModelReservation {
  bookingId: string;
  confirmedAt: number;
  departure: string;
}

interface Model {
  entries: ModelEntry[];
  reservations: ModelReservation[];
  clock: number;
}

/** YYYY-MM-DD of an instant in a zone, by Intl (not luxon, which the rules use). */
function localDay(instant: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/** Entry `later` was recorded after `earlier` and no later than t. */
function between(earlier: ModelEntry, later: ModelEntry, t: number): boolean {
  return later.sequence > earlier.sequence && later.at <= t;
}

function contactGrantAfter(model: Model, entry: ModelEntry, t: number): boolean {
  return model.entries.some(
    (other) =>
      other.category === entry.category &&
      other.actor === 'contact' &&
      other.action === 'grant' &&
      between(entry, other, t),
  );
}

/** Reference for rule 3: some withdrawal by the contact at or before t with no grant by the contact after it. */
function lockedByContact(model: Model, category: CategoryKey, t: number): boolean {
  return model.entries.some(
    (entry) =>
      entry.category === category &&
      entry.actor === 'contact' &&
      entry.action === 'withdraw' &&
      entry.at <= t &&
      !contactGrantAfter(model, entry, t),
  );
}

/**
 * Reference for rule 2: t lies in the window of some reservation (confirmed at or before t, and t
 * still on or before its departure day locally) that no operator withdrawal closed, and the
 * contact's own withdrawal does not stand. An operator withdrawal closes the windows confirmed at
 * or before it, unless the contact granted again after it (docs/consent.md).
 */
function bookingValidReference(model: Model, t: number, timeZone: string): boolean {
  if (lockedByContact(model, 'booking_marketing', t)) return false;
  const today = localDay(t, timeZone);
  return model.reservations.some(
    (reservation) =>
      reservation.confirmedAt <= t &&
      today <= reservation.departure &&
      !model.entries.some(
        (entry) =>
          entry.category === 'booking_marketing' &&
          entry.actor === 'operator' &&
          entry.action === 'withdraw' &&
          entry.at >= reservation.confirmedAt &&
          entry.at <= t &&
          !contactGrantAfter(model, entry, t),
      ),
  );
}

interface Run {
  db: Executor;
  workspace: { id: number; timeZone: string };
  contactId: number;
  setting: TimeSetting;
  model: Model;
  refusals: { expected: boolean; actual: boolean }[];
}

function record(run: Run, entry: Omit<ModelEntry, 'sequence' | 'at'>): void {
  run.model.entries.push({ ...entry, sequence: run.model.entries.length, at: run.model.clock });
}

async function apply(run: Run, operation: Operation): Promise<void> {
  const { db, workspace, contactId, model } = run;
  const recordedAt = model.clock;
  switch (operation.kind) {
    case 'advance':
      model.clock += operation.minutes * 60_000;
      return;
    case 'import':
      // Importers append directly: the rules, not the importer, make a locked grant ineffective.
      await appendConsentRecords(db, [
        {
          workspaceId: workspace.id,
          contactId,
          category: operation.category,
          action: 'grant',
          actor: 'operator',
          source: 'import',
          recordedAt,
        },
      ]);
      record(run, { category: operation.category, actor: 'operator', action: 'grant' });
      return;
    case 'booking':
      return book(run, operation);
    case 'cancel': {
      const reservation =
        model.reservations[operation.index % Math.max(1, model.reservations.length)];
      if (!reservation) return;
      await db
        .updateTable('reservations')
        .set({ status: 'cancelled' })
        .where('workspace_id', '=', workspace.id)
        .where('booking_id', '=', reservation.bookingId)
        .execute();
      return;
    }
    case 'operator':
      return operatorEdit(run, operation);
    case 'contact': {
      const change = operation.action === 'grant' ? grantConsent : withdrawConsent;
      await change(db, {
        workspace,
        contactId,
        target: { category: operation.category },
        actor: 'contact',
        source: 'preference_center',
        recordedAt,
      });
      record(run, { category: operation.category, actor: 'contact', action: operation.action });
      return;
    }
    case 'unsubscribe_all':
      await unsubscribeContact(db, { workspace, contactId, recordedAt });
      for (const category of ['marketing', 'booking_marketing'] as const) {
        record(run, { category, actor: 'contact', action: 'withdraw' });
      }
      return;
  }
}

async function book(run: Run, operation: { departureOffset: number; cancelled: boolean }) {
  const { db, workspace, contactId, model } = run;
  const reservation: ModelReservation = {
    bookingId: `c${contactId}-${model.reservations.length}`,
    confirmedAt: model.clock,
    departure: addDays(localDay(model.clock, workspace.timeZone), operation.departureOffset),
  };
  await insertReservation(db, {
    workspaceId: workspace.id,
    contactId,
    reservation: { ...reservation, status: operation.cancelled ? 'cancelled' : 'confirmed' },
  });
  await appendConsentRecords(db, [
    {
      workspaceId: workspace.id,
      contactId,
      category: 'booking_marketing',
      action: 'grant',
      actor: 'operator',
      source: 'booking',
      recordedAt: model.clock,
    },
  ]);
  model.reservations.push(reservation);
  record(run, { category: 'booking_marketing', actor: 'operator', action: 'grant' });
}

async function operatorEdit(run: Run, operation: { action: ConsentAction; category: CategoryKey }) {
  const { db, workspace, contactId, model } = run;
  const input = {
    workspace,
    contactId,
    target: { category: operation.category },
    actor: 'operator' as const,
    source: 'cli' as const,
    recordedAt: model.clock,
  };
  if (operation.action === 'withdraw') {
    await withdrawConsent(db, input);
    record(run, { category: operation.category, actor: 'operator', action: 'withdraw' });
    return;
  }
  const expected = lockedByContact(model, operation.category, model.clock);
  let refused = false;
  try {
    await grantConsent(db, input);
    record(run, { category: operation.category, actor: 'operator', action: 'grant' });
  } catch (error) {
    if (!(error instanceof SiftError) || error.code !== 'conflict') throw error;
    refused = true;
  }
  run.refusals.push({ expected, actual: refused });
}

/** Instants worth checking: each write, a millisecond before it, window ends and a few in between. */
function probes(model: Model, timeZone: string, start: number): number[] {
  const instants = new Set<number>([start - 1, model.clock + 7 * 86_400_000]);
  for (const entry of model.entries) {
    instants.add(entry.at).add(entry.at - 1);
  }
  for (const reservation of model.reservations) {
    const end = bookingWindowEnd(reservation.departure, timeZone);
    instants
      .add(end - 1)
      .add(end)
      .add(reservation.confirmedAt - 1);
  }
  for (let t = start; t <= model.clock + 86_400_000; t += 5 * 3_600_000 + 17 * 60_000)
    instants.add(t);
  return [...instants].sort((a, b) => a - b);
}

async function stateAt(
  run: Run,
  category: CategoryKey,
  t: number,
  stored: Awaited<ReturnType<typeof readStored>>,
): Promise<ConsentState> {
  return deriveConsentState({
    category: rules[category],
    log: stored.log.filter((entry) => entry.category === category),
    reservations: stored.reservations,
    now: t,
    timeZone: run.workspace.timeZone,
  });
}

async function readStored(run: Run) {
  const key = { workspaceId: run.workspace.id, contactId: run.contactId };
  return {
    log: await readConsentLog(run.db, key),
    reservations: await readReservationWindowSources(run.db, key),
  };
}

describeEachStore('consent invariants over random histories', (context) => {
  let workspaceId = 0;
  let contacts = 0;

  beforeAll(async () => {
    workspaceId = (await createTestWorkspace(context().store.db)).id;
  });

  it('(a) a contact withdrawal is never followed by valid without the contact granting again; (b) booking_marketing is valid exactly inside the open windows; operator grants are refused exactly when the contact withdrew', async () => {
    const { db } = context().store;
    let checked = 0;
    await assertProperty(
      fc.asyncProperty(
        fc.constantFrom(...timeSettings),
        fc.array(operationArbitrary, { minLength: 1, maxLength: 24 }),
        async (setting, operations) => {
          contacts += 1;
          const contactId = await insertContact(db, workspaceId, `history${contacts}@example.com`);
          const run: Run = {
            db,
            workspace: { id: workspaceId, timeZone: setting.timeZone },
            contactId,
            setting,
            model: { entries: [], reservations: [], clock: setting.base },
            refusals: [],
          };
          for (const operation of operations) await apply(run, operation);
          for (const refusal of run.refusals) expect(refusal.actual).toBe(refusal.expected);
          const stored = await readStored(run);
          for (const t of probes(run.model, setting.timeZone, setting.base)) {
            for (const category of ['marketing', 'booking_marketing'] as const) {
              const state = await stateAt(run, category, t, stored);
              if (lockedByContact(run.model, category, t)) expect(state).toBe('withdrawn');
              if (state === 'valid') expect(lockedByContact(run.model, category, t)).toBe(false);
            }
            const booking = await stateAt(run, 'booking_marketing', t, stored);
            expect(booking === 'valid', `booking_marketing at ${new Date(t).toISOString()}`).toBe(
              bookingValidReference(run.model, t, setting.timeZone),
            );
            checked += 1;
          }
        },
      ),
      { numRuns: 120 },
    );
    expect(checked).toBeGreaterThan(120);
  });
});
