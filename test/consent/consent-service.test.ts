import { beforeAll, describe, expect, it } from 'vitest';
import {
  createConsentCategory,
  grantConsent,
  listConsentCategories,
  readConsentLog,
  readConsentStates,
  readContactConsent,
  unsubscribeContact,
  withdrawConsent,
} from '../../src/consent/index.js';
import { SiftError } from '../../src/shared/errors.js';
import type { Workspace } from '../../src/workspaces/index.js';
import { describeEachStore } from '../support/stores.js';
import { createTestWorkspace, insertContact, insertReservation } from './consent-test-support.js';

const at = (iso: string) => Date.parse(iso);

async function thrown(promise: Promise<unknown>): Promise<SiftError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SiftError) return error;
    throw error;
  }
  throw new Error('expected a SiftError');
}

describeEachStore('consent write path', (context) => {
  let workspace: Workspace;
  let contactCount = 0;

  beforeAll(async () => {
    workspace = await createTestWorkspace(context().store.db, { timeZone: 'Europe/Amsterdam' });
  });

  async function newContact(): Promise<{ id: number; email: string }> {
    contactCount += 1;
    const email = `person${contactCount}@example.com`;
    return { id: await insertContact(context().store.db, workspace.id, email), email };
  }

  async function states(contactId: number, now: string) {
    const consent = await readContactConsent(context().store.db, {
      workspaceId: workspace.id,
      timeZone: workspace.timeZone,
      contactId,
      now: at(now),
    });
    return Object.fromEntries(
      Object.entries(consent.decisions).map(([key, decided]) => [key, decided.state]),
    );
  }

  function change(contactId: number, overrides: Partial<Parameters<typeof grantConsent>[1]>) {
    return {
      workspace,
      contactId,
      target: { category: 'marketing' },
      actor: 'operator' as const,
      source: 'cli' as const,
      recordedAt: at('2024-03-01T00:00Z'),
      ...overrides,
    };
  }

  describe('grant and withdraw', () => {
    it('grants, records the reason, and reports the resulting state', async () => {
      const { db } = context().store;
      const contact = await newContact();
      const result = await grantConsent(db, change(contact.id, { reason: '  signed at desk  ' }));
      expect(result.categories).toEqual([
        expect.objectContaining({ key: 'marketing', state: 'valid' }),
      ]);
      const log = await readConsentLog(db, { workspaceId: workspace.id, contactId: contact.id });
      expect(log).toEqual([
        expect.objectContaining({
          category: 'marketing',
          action: 'grant',
          actor: 'operator',
          source: 'cli',
          reason: 'signed at desk',
          recordedAt: at('2024-03-01T00:00Z'),
        }),
      ]);
    });

    it('refuses an operator grant of a category the contact withdrew, naming contact, category and time', async () => {
      const { db } = context().store;
      const contact = await newContact();
      await grantConsent(db, change(contact.id, { source: 'import' }));
      await withdrawConsent(
        db,
        change(contact.id, {
          actor: 'contact',
          source: 'preference_center',
          recordedAt: at('2024-03-02T10:00Z'),
        }),
      );
      const error = await thrown(
        grantConsent(db, change(contact.id, { recordedAt: at('2024-03-05T00:00Z') })),
      );
      expect(error.code).toBe('conflict');
      expect(error.message).toContain(contact.email);
      expect(error.message).toContain('"marketing"');
      expect(error.message).toContain('2024-03-02T10:00:00.000Z');
      const apiError = await thrown(
        grantConsent(
          db,
          change(contact.id, { source: 'api', recordedAt: at('2024-03-05T00:00Z') }),
        ),
      );
      expect(apiError.code).toBe('conflict');
      const log = await readConsentLog(db, { workspaceId: workspace.id, contactId: contact.id });
      expect(log).toHaveLength(2);
      expect(await states(contact.id, '2024-03-06T00:00Z')).toMatchObject({
        marketing: 'withdrawn',
      });
    });

    it('logs an import grant after a contact withdrawal, which stays ineffective', async () => {
      const { db } = context().store;
      const contact = await newContact();
      await withdrawConsent(db, change(contact.id, { actor: 'contact', source: 'unsubscribe' }));
      const result = await grantConsent(
        db,
        change(contact.id, { source: 'import', recordedAt: at('2024-04-01T00:00Z') }),
      );
      expect(result.categories[0]?.state).toBe('withdrawn');
      const log = await readConsentLog(db, { workspaceId: workspace.id, contactId: contact.id });
      expect(log.map((entry) => `${entry.actor}:${entry.action}:${entry.source}`)).toEqual([
        'contact:withdraw:unsubscribe',
        'operator:grant:import',
      ]);
    });

    it('lets the contact grant again, after which an operator may grant and withdraw', async () => {
      const { db } = context().store;
      const contact = await newContact();
      await withdrawConsent(db, change(contact.id, { actor: 'contact', source: 'unsubscribe' }));
      await grantConsent(
        db,
        change(contact.id, {
          actor: 'contact',
          source: 'form',
          recordedAt: at('2024-03-10T00:00Z'),
        }),
      );
      await withdrawConsent(db, change(contact.id, { recordedAt: at('2024-03-11T00:00Z') }));
      const regranted = await grantConsent(
        db,
        change(contact.id, { recordedAt: at('2024-03-12T00:00Z') }),
      );
      expect(regranted.categories[0]?.state).toBe('valid');
    });

    it('judges the lock at the recorded instant: a grant backdated before the withdrawal is accepted', async () => {
      const { db } = context().store;
      const contact = await newContact();
      await withdrawConsent(
        db,
        change(contact.id, {
          actor: 'contact',
          source: 'unsubscribe',
          recordedAt: at('2024-05-01T00:00Z'),
        }),
      );
      const result = await grantConsent(
        db,
        change(contact.id, { recordedAt: at('2024-04-01T00:00Z') }),
      );
      expect(result.categories[0]?.state).toBe('valid');
      expect(await states(contact.id, '2024-05-02T00:00Z')).toMatchObject({
        marketing: 'withdrawn',
      });
    });

    it('rejects an unknown category or contact', async () => {
      const { db } = context().store;
      const contact = await newContact();
      const unknownCategory = await thrown(
        grantConsent(db, change(contact.id, { target: { category: 'nope' } })),
      );
      expect(unknownCategory).toMatchObject({ code: 'not_found', path: 'category' });
      const unknownContact = await thrown(grantConsent(db, change(987654, {})));
      expect(unknownContact).toMatchObject({ code: 'not_found', path: 'contact' });
    });

    it('does not see a contact of another workspace', async () => {
      const { db } = context().store;
      const other = await createTestWorkspace(db);
      const stranger = await insertContact(db, other.id, 'stranger@example.com');
      const error = await thrown(grantConsent(db, change(stranger, {})));
      expect(error.code).toBe('not_found');
    });
  });

  describe('all marketing categories and unsubscribe (SPEC §3 rule 3)', () => {
    it('withdraws every marketing category, never-given ones included, and leaves service ones', async () => {
      const { db } = context().store;
      const contact = await newContact();
      await grantConsent(db, change(contact.id, { target: { category: 'owners_service' } }));
      const result = await unsubscribeContact(db, {
        workspace,
        contactId: contact.id,
        recordedAt: at('2024-03-02T00:00Z'),
      });
      expect(result.categories.map((category) => category.key)).toEqual([
        'marketing',
        'booking_marketing',
        'sales_viewing',
        'sales_real_estate',
        'owners_marketing',
      ]);
      expect(await states(contact.id, '2024-03-03T00:00Z')).toEqual({
        marketing: 'withdrawn',
        booking_marketing: 'withdrawn',
        sales_viewing: 'withdrawn',
        sales_real_estate: 'withdrawn',
        owners_marketing: 'withdrawn',
        owners_service: 'valid',
      });
      const log = await readConsentLog(db, { workspaceId: workspace.id, contactId: contact.id });
      expect(
        log
          .filter((entry) => entry.source === 'unsubscribe')
          .every((entry) => entry.actor === 'contact'),
      ).toBe(true);
    });

    it('unsubscribes from one category only', async () => {
      const { db } = context().store;
      const contact = await newContact();
      await grantConsent(db, change(contact.id, { target: { allMarketing: true } }));
      await unsubscribeContact(db, {
        workspace,
        contactId: contact.id,
        category: 'sales_viewing',
        recordedAt: at('2024-03-02T00:00Z'),
      });
      expect(await states(contact.id, '2024-03-03T00:00Z')).toMatchObject({
        marketing: 'valid',
        sales_viewing: 'withdrawn',
        owners_service: 'never_given',
      });
    });

    it('refuses an operator grant of all when one category is locked, writing nothing', async () => {
      const { db } = context().store;
      const contact = await newContact();
      await unsubscribeContact(db, {
        workspace,
        contactId: contact.id,
        category: 'sales_real_estate',
        recordedAt: at('2024-03-01T00:00Z'),
      });
      const error = await thrown(
        grantConsent(
          db,
          change(contact.id, {
            target: { allMarketing: true },
            recordedAt: at('2024-03-02T00:00Z'),
          }),
        ),
      );
      expect(error.code).toBe('conflict');
      expect(error.message).toContain('"sales_real_estate"');
      expect(error.details).toHaveLength(1);
      const log = await readConsentLog(db, { workspaceId: workspace.id, contactId: contact.id });
      expect(log).toHaveLength(1);
    });

    it('keeps a booker who opted out out at the next booking', async () => {
      const { db } = context().store;
      const contact = await newContact();
      await insertReservation(db, {
        workspaceId: workspace.id,
        contactId: contact.id,
        reservation: {
          bookingId: `first-${contact.id}`,
          confirmedAt: at('2024-03-01T00:00Z'),
          departure: '2024-03-20',
          status: 'confirmed',
        },
      });
      expect(await states(contact.id, '2024-03-05T00:00Z')).toMatchObject({
        booking_marketing: 'valid',
      });
      await unsubscribeContact(db, {
        workspace,
        contactId: contact.id,
        recordedAt: at('2024-03-06T00:00Z'),
      });
      await insertReservation(db, {
        workspaceId: workspace.id,
        contactId: contact.id,
        reservation: {
          bookingId: `second-${contact.id}`,
          confirmedAt: at('2024-04-01T00:00Z'),
          departure: '2024-04-20',
          status: 'confirmed',
        },
      });
      await grantConsent(
        db,
        change(contact.id, {
          target: { category: 'booking_marketing' },
          source: 'booking',
          recordedAt: at('2024-04-01T00:00Z'),
        }),
      );
      expect(await states(contact.id, '2024-04-05T00:00Z')).toMatchObject({
        booking_marketing: 'withdrawn',
      });
    });
  });

  describe('categories', () => {
    it('lists the defaults in SPEC order with kind and time-bound flag', async () => {
      const categories = await listConsentCategories(context().store.db, workspace.id);
      expect(categories.slice(0, 6).map((c) => [c.key, c.kind, c.timeBound])).toEqual([
        ['marketing', 'marketing', false],
        ['booking_marketing', 'marketing', true],
        ['sales_viewing', 'marketing', false],
        ['sales_real_estate', 'marketing', false],
        ['owners_marketing', 'marketing', false],
        ['owners_service', 'service', false],
      ]);
    });

    it('creates a custom category that "all" then includes', async () => {
      const { db } = context().store;
      const own = await createTestWorkspace(db);
      const created = await createConsentCategory(db, {
        workspaceId: own.id,
        category: { key: 'events_news', label: ' Event news ', kind: 'marketing' },
        now: at('2024-02-01T00:00Z'),
      });
      expect(created).toMatchObject({ key: 'events_news', label: 'Event news', timeBound: false });
      const listed = await listConsentCategories(db, own.id);
      expect(listed.at(-1)?.key).toBe('events_news');
      const contact = await insertContact(db, own.id, 'x@example.com');
      const result = await withdrawConsent(db, {
        workspace: own,
        contactId: contact,
        target: { allMarketing: true },
        actor: 'contact',
        source: 'preference_center',
        recordedAt: at('2024-03-01T00:00Z'),
      });
      expect(result.categories.map((c) => c.key)).toContain('events_news');
    });

    it.each([
      {
        description: 'an upper-case key',
        category: { key: 'News', label: 'N', kind: 'marketing' },
        path: 'key',
      },
      {
        description: 'a key with a dash',
        category: { key: 'a-b', label: 'N', kind: 'marketing' },
        path: 'key',
      },
      {
        description: 'an empty label',
        category: { key: 'news', label: '  ', kind: 'marketing' },
        path: 'label',
      },
      {
        description: 'an unknown kind',
        category: { key: 'news', label: 'N', kind: 'transactional' },
        path: 'kind',
      },
      {
        description: 'an unknown property',
        category: { key: 'news', label: 'N', kind: 'service', timeBound: true },
        path: '',
      },
    ])('rejects $description', async ({ category, path }) => {
      const error = await thrown(
        createConsentCategory(context().store.db, { workspaceId: workspace.id, category, now: 0 }),
      );
      expect(error.code).toBe('validation_failed');
      expect(error.details?.[0]?.path).toBe(path);
    });

    it('refuses a key that exists', async () => {
      const error = await thrown(
        createConsentCategory(context().store.db, {
          workspaceId: workspace.id,
          category: { key: 'marketing', label: 'Again', kind: 'marketing' },
          now: 0,
        }),
      );
      expect(error).toMatchObject({ code: 'conflict', path: 'key' });
    });
  });

  it('reads the states of many contacts as it reads one', async () => {
    const { db } = context().store;
    const contact = await newContact();
    await grantConsent(db, change(contact.id, { target: { allMarketing: true } }));
    await withdrawConsent(
      db,
      change(contact.id, { actor: 'contact', source: 'form', recordedAt: at('2024-03-02T00:00Z') }),
    );
    const many = await readConsentStates(db, {
      workspaceId: workspace.id,
      timeZone: workspace.timeZone,
      now: at('2024-03-03T00:00Z'),
    });
    expect(many.get(contact.id)).toEqual(await states(contact.id, '2024-03-03T00:00Z'));
    expect(many.get(contact.id)).toMatchObject({ marketing: 'withdrawn', sales_viewing: 'valid' });
  });
});
