import '../../src/api/index.js';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { importBookings } from '../../src/bookings/index.js';
import { audienceMembers } from '../../src/campaigns/index.js';
import {
  grantConsent,
  readConsentStates,
  unsubscribeContact,
  withdrawConsent,
} from '../../src/consent/index.js';
import { findContactIds, upsertContact } from '../../src/contacts/index.js';
import { ingestEvents } from '../../src/events/index.js';
import { createForm, type Form, submitForm } from '../../src/forms/index.js';
import { savePreferences } from '../../src/preferences/index.js';
import { SiftError } from '../../src/shared/errors.js';
import { addDays, dayOf, isoInstant } from '../../src/shared/time.js';
import type { Store } from '../../src/store/index.js';
import type { Workspace } from '../../src/workspaces/index.js';
import { assertProperty, createTestWorkspace, hour } from '../consent/consent-test-support.js';
import { describeEachStore } from '../support/stores.js';

/**
 * Invariant (d): over random histories — imports granting consent, bookings, form posts,
 * operator grants and withdrawals, the contact's own withdrawals and preference-center saves,
 * hard bounces, and a clock that moves (checks also look back in time) — the audience never
 * holds a contact whose consent for its base category is not `valid` at `now`, as the pure rules
 * derive it per contact. It is in fact exactly: valid consent, an email, no hard bounce by now.
 * Invariant (c) for the write paths here: every contact has a grant at the instant it was created.
 */

const people = ['p0@x.nl', 'p1@x.nl', 'p2@x.nl', 'p3@x.nl'];
const marketingCategories = ['marketing', 'booking_marketing', 'sales_viewing'] as const;
const person = fc.integer({ min: 0, max: people.length - 1 });
const category = fc.constantFrom(...marketingCategories);

type Operation =
  | { kind: 'import'; person: number; categories: string[] }
  | {
      kind: 'booking';
      person: number;
      booking: number;
      arrivalIn: number;
      nights: number;
      cancelled: boolean;
    }
  | { kind: 'form'; person: number }
  | { kind: 'operator'; person: number; action: 'grant' | 'withdraw'; category: string }
  | { kind: 'unsubscribe'; person: number; category: string | null }
  | { kind: 'preferences'; person: number; ticked: string[] }
  | { kind: 'bounce'; person: number; type: 'hard' | 'soft' }
  | { kind: 'check'; lookBack: number; base: string };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({
    kind: fc.constant('import' as const),
    person,
    categories: fc.subarray([...marketingCategories], { minLength: 1 }),
  }),
  fc.record({
    kind: fc.constant('booking' as const),
    person,
    booking: fc.integer({ min: 0, max: 3 }),
    arrivalIn: fc.integer({ min: 0, max: 10 }),
    nights: fc.integer({ min: 1, max: 5 }),
    cancelled: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('form' as const), person }),
  fc.record({
    kind: fc.constant('operator' as const),
    person,
    action: fc.constantFrom('grant' as const, 'withdraw' as const),
    category,
  }),
  fc.record({ kind: fc.constant('unsubscribe' as const), person, category: fc.option(category) }),
  fc.record({
    kind: fc.constant('preferences' as const),
    person,
    ticked: fc.subarray([...marketingCategories]),
  }),
  fc.record({
    kind: fc.constant('bounce' as const),
    person,
    type: fc.constantFrom('hard' as const, 'soft' as const),
  }),
  fc.record({
    kind: fc.constant('check' as const),
    lookBack: fc.integer({ min: 0, max: 240 }),
    base: category,
  }),
);

interface Run {
  store: Store;
  workspace: Workspace;
  form: Form;
  /** Hard email bounces: contact id → instants. */
  hardBounces: Map<number, number[]>;
}

async function contactIdOf(run: Run, index: number): Promise<number | undefined> {
  const [id] = await findContactIds(run.store.db, run.workspace.id, [{ email: people[index]! }]);
  return id;
}

function bookingCsv(operation: Extract<Operation, { kind: 'booking' }>, now: number, zone: string) {
  const arrival = addDays(dayOf(now, zone), operation.arrivalIn);
  const departure = addDays(arrival, operation.nights);
  const status = operation.cancelled ? 'cancelled' : 'confirmed';
  const row = [
    `b-${operation.person}-${operation.booking}`,
    people[operation.person],
    '',
    '',
    '',
    'Dune House',
    'suite',
    arrival,
    departure,
    status,
    isoInstant(now),
    'web',
    '2',
    '100',
  ].join(',');
  const header =
    'booking_id,email,first_name,last_name,phone,property,room_type,arrival,departure,status,confirmed_at,channel,guests,amount';
  return Readable.from([Buffer.from(`${header}\n${row}\n`)]);
}

/** Operations on a contact that does not exist yet, or refused by the rules, change nothing. */
async function ignoringRefusals(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof SiftError) || !['conflict', 'not_found'].includes(error.code)) {
      throw error;
    }
  }
}

async function apply(run: Run, step: Operation, now: number): Promise<void> {
  const { store, workspace } = run;
  const email = 'person' in step ? people[step.person]! : '';
  switch (step.kind) {
    case 'import':
      await upsertContact(store.db, {
        workspaceId: workspace.id,
        now,
        source: 'import',
        consent: step.categories,
        contact: { email },
      });
      return;
    case 'booking': {
      const summary = await importBookings({
        store,
        workspace,
        input: bookingCsv(step, now, workspace.timeZone),
        now,
      });
      expect(summary.rejectedCount).toBe(0);
      return;
    }
    case 'form':
      await submitForm(store, { workspace, form: run.form, values: { email }, now });
      return;
    default:
      return applyToExisting(run, step, now);
  }
}

async function applyToExisting(run: Run, step: Operation, now: number): Promise<void> {
  if (step.kind === 'check' || !('person' in step)) return;
  const contactId = await contactIdOf(run, step.person);
  if (contactId === undefined) return;
  const { store, workspace } = run;
  const change = { workspace, contactId, recordedAt: now };
  switch (step.kind) {
    case 'operator': {
      const input = {
        ...change,
        target: { category: step.category },
        actor: 'operator' as const,
        source: 'cli' as const,
      };
      await ignoringRefusals(() =>
        step.action === 'grant' ? grantConsent(store.db, input) : withdrawConsent(store.db, input),
      );
      return;
    }
    case 'unsubscribe':
      await unsubscribeContact(store.db, { ...change, category: step.category ?? undefined });
      return;
    case 'preferences':
      await savePreferences(store.db, {
        workspace,
        contactId,
        now,
        submitted: { categories: new Set(step.ticked), interests: new Set() },
      });
      return;
    case 'bounce': {
      await ingestEvents({
        store,
        workspaceId: workspace.id,
        now,
        events: [
          {
            contact: { id: contactId },
            type: 'message.bounced',
            timestamp: isoInstant(now),
            properties: { channel: 'email', type: step.type },
          },
        ],
      });
      if (step.type === 'hard') {
        run.hardBounces.set(contactId, [...(run.hardBounces.get(contactId) ?? []), now]);
      }
      return;
    }
  }
}

async function checkAudience(run: Run, base: string, now: number): Promise<void> {
  const { store, workspace } = run;
  const page = await audienceMembers(store, {
    workspace,
    now,
    request: { consent: base, channel: 'email' },
    limit: 1000,
  });
  const members = page.members.map((member) => member.id);
  const states = await readConsentStates(store.db, {
    workspaceId: workspace.id,
    timeZone: workspace.timeZone,
    now,
  });
  // (d): no member without valid consent for the base category at now.
  for (const id of members) expect([id, states.get(id)?.[base]]).toEqual([id, 'valid']);
  const expected = [...states]
    .filter(([, byCategory]) => byCategory[base] === 'valid')
    .filter(([id]) => !(run.hardBounces.get(id) ?? []).some((instant) => instant <= now))
    .map(([id]) => id)
    .sort((left, right) => left - right);
  expect(members).toEqual(expected);
}

/** (c): every contact's log has a grant recorded at the instant the contact was created. */
async function checkCreatedWithConsent(run: Run): Promise<void> {
  const contacts = await run.store.db
    .selectFrom('contacts')
    .select(['id', 'created_at', 'source'])
    .where('workspace_id', '=', run.workspace.id)
    .execute();
  for (const contact of contacts) {
    const grant = await run.store.db
      .selectFrom('consent_log')
      .select('id')
      .where('workspace_id', '=', run.workspace.id)
      .where('contact_id', '=', contact.id)
      .where('action', '=', 'grant')
      .where('recorded_at', '=', contact.created_at)
      .executeTakeFirst();
    expect([contact.source, grant !== undefined]).toEqual([contact.source, true]);
  }
}

describeEachStore('audience invariant (d)', (context) => {
  it('never holds a contact without valid base consent at now (seed printed on failure)', async () => {
    const start = Date.parse('2026-01-05T09:00:00Z');
    await assertProperty(
      fc.asyncProperty(
        fc.constantFrom('UTC', 'Europe/Amsterdam'),
        fc.array(fc.tuple(operation, fc.integer({ min: 0, max: 72 })), {
          minLength: 1,
          maxLength: 14,
        }),
        async (timeZone, steps) => {
          const { store } = context();
          const workspace = await store.db
            .transaction()
            .execute((transaction) => createTestWorkspace(transaction, { timeZone, now: start }));
          const form = await createForm(store.db, {
            workspaceId: workspace.id,
            definition: { key: 'news', list: 'news', consent: ['marketing'], fields: ['email'] },
            now: start,
          });
          const run: Run = { store, workspace, form, hardBounces: new Map() };
          let now = start;
          for (const [step, hoursLater] of steps) {
            now += hoursLater * hour + 1;
            if (step.kind === 'check')
              await checkAudience(run, step.base, now - step.lookBack * hour);
            else await apply(run, step, now);
          }
          for (const base of marketingCategories)
            await checkAudience(run, base, now + 30 * 24 * hour);
          await checkCreatedWithConsent(run);
        },
      ),
      { numRuns: 20 },
    );
  });
});
