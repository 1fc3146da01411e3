import { describe, expect, it } from 'vitest';
import { describeEachStore } from '../support/stores.js';
import { call, createTenant, postContact, testApp, testNow, walkPages } from './api-test-kit.js';

const purchase = (id: string | undefined, email: string, timestamp: string) => ({
  ...(id === undefined ? {} : { id }),
  contact: { email },
  type: 'purchase',
  timestamp,
  properties: { amount: 80 },
});

describeEachStore('events, reservations and consent api', (context) => {
  describe('POST /v1/events', () => {
    it('reports each item and ignores a repeated id', async () => {
      const { store } = context();
      const tenant = await createTenant(store);
      const app = testApp(store);
      const contact = await postContact(app, tenant.key, { email: 'e@x.nl' });
      const batch = [
        purchase('order-1', 'E@x.nl', '2026-01-31T10:00:00Z'),
        purchase(undefined, 'nobody@x.nl', '2026-01-31T10:00:00Z'),
        { contact: { email: 'e@x.nl' }, type: 'purchase' },
        purchase('order-1', 'e@x.nl', '2026-02-01T10:00:00Z'),
      ];
      const response = await call(app, 'POST', '/v1/events', { key: tenant.key, json: batch });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ created: 1, duplicates: 1, rejected: 2 });
      expect(response.body.results.map((result: { status: string }) => result.status)).toEqual([
        'created',
        'rejected',
        'rejected',
        'duplicate',
      ]);
      expect(response.body.results[0].contact_id).toBe(contact.id);
      expect(response.body.results[1].problems[0].code).toBe('unknown_contact');
      expect(response.body.results[2].problems[0].path).toBe('timestamp');
      const retried = await call(app, 'POST', '/v1/events', {
        key: tenant.key,
        json: { events: [purchase('order-1', 'e@x.nl', '2026-01-31T10:00:00Z')] },
      });
      expect(retried.body).toMatchObject({ created: 0, duplicates: 1, rejected: 0 });
      const events = await call(app, 'GET', `/v1/contacts/${contact.id}/events`, {
        key: tenant.key,
      });
      expect(events.body.data).toHaveLength(1);
      expect(events.body.data[0]).toMatchObject({
        client_id: 'order-1',
        type: 'purchase',
        timestamp: '2026-01-31T10:00:00.000Z',
        received_at: new Date(testNow).toISOString(),
        properties: { amount: 80 },
      });
    });

    it.each([
      { description: 'a bare object', json: { type: 'purchase' } },
      { description: 'a string', json: 'events' },
      { description: 'events that is not an array', json: { events: {} } },
    ])('rejects $description as the envelope with 400', async ({ json }) => {
      const { store } = context();
      const tenant = await createTenant(store);
      const response = await call(testApp(store), 'POST', '/v1/events', { key: tenant.key, json });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('invalid_input');
    });

    it("rejects events naming another workspace's contact", async () => {
      const { store } = context();
      const first = await createTenant(store);
      const second = await createTenant(store);
      const app = testApp(store);
      await postContact(app, first.key, { email: 'owner@x.nl' });
      const response = await call(app, 'POST', '/v1/events', {
        key: second.key,
        json: [purchase('x-1', 'owner@x.nl', '2026-01-31T10:00:00Z')],
      });
      expect(response.body).toMatchObject({ created: 0, rejected: 1 });
    });

    it("walks a contact's events newest first, each exactly once", async () => {
      const { store } = context();
      const tenant = await createTenant(store);
      const app = testApp(store);
      const contact = await postContact(app, tenant.key, { email: 'walk@x.nl' });
      const batch = Array.from({ length: 7 }, (_, index) =>
        purchase(`w-${index}`, 'walk@x.nl', `2026-01-0${index + 1}T10:00:00Z`),
      );
      await call(app, 'POST', '/v1/events', { key: tenant.key, json: batch });
      const walked = await walkPages(app, tenant.key, `/v1/contacts/${contact.id}/events`, 3);
      const clientIds = walked.items.map(
        (item) => (item as unknown as { client_id: string }).client_id,
      );
      expect(clientIds).toEqual(['w-6', 'w-5', 'w-4', 'w-3', 'w-2', 'w-1', 'w-0']);
      expect(walked.pages).toBe(3);
      const badCursor = await call(app, 'GET', `/v1/contacts/${contact.id}/events?after=zzz`, {
        key: tenant.key,
      });
      expect(badCursor.status).toBe(400);
      expect(badCursor.body.error.path).toBe('after');
      const unknown = await call(app, 'GET', '/v1/contacts/999999/events', { key: tenant.key });
      expect(unknown.status).toBe(404);
    });
  });

  describe('reservations', () => {
    const booking = {
      booking_id: 'B-100',
      email: 'guest@x.nl',
      first_name: 'Gina',
      property: 'Dune Lodge',
      arrival: '2026-07-01',
      departure: '2026-07-05',
      status: 'confirmed',
      confirmed_at: '2026-02-20T09:00:00Z',
      guests: 2,
      amount: 480.5,
    };

    it('creates the booking and its booker, then updates it to cancelled', async () => {
      const { store } = context();
      const tenant = await createTenant(store);
      const app = testApp(store);
      const created = await call(app, 'POST', '/v1/reservations', {
        key: tenant.key,
        json: booking,
      });
      expect(created.status).toBe(201);
      expect(created.body.change).toBe('created');
      expect(created.body.reservation).toMatchObject({
        booking_id: 'B-100',
        status: 'confirmed',
        confirmed_at: '2026-02-20T09:00:00.000Z',
        guests: 2,
        amount: 480.5,
      });
      const contactId = created.body.reservation.contact_id;
      const booker = await call(app, 'GET', `/v1/contacts/${contactId}`, { key: tenant.key });
      expect(booker.body).toMatchObject({
        email: 'guest@x.nl',
        first_name: 'Gina',
        source: 'booking',
      });
      const same = await call(app, 'POST', '/v1/reservations', { key: tenant.key, json: booking });
      expect(same.status).toBe(200);
      expect(same.body.change).toBe('unchanged');
      const cancelled = await call(app, 'POST', '/v1/reservations', {
        key: tenant.key,
        json: { ...booking, status: 'cancelled' },
      });
      expect(cancelled.body.change).toBe('updated');
      const listed = await call(app, 'GET', `/v1/contacts/${contactId}/reservations`, {
        key: tenant.key,
      });
      expect(listed.body.data.map((item: { status: string }) => item.status)).toEqual([
        'cancelled',
      ]);
      const consent = await call(app, 'GET', `/v1/contacts/${contactId}/consent`, {
        key: tenant.key,
      });
      const bookingMarketing = consent.body.states.find(
        (state: { key: string }) => state.key === 'booking_marketing',
      );
      expect(bookingMarketing.state).toBe('valid');
    });

    it.each([
      {
        description: 'departure before arrival',
        change: { departure: '2026-06-01' },
        path: 'departure',
      },
      { description: 'an unknown status', change: { status: 'pending' }, path: 'status' },
      { description: 'no email nor phone', change: { email: null }, path: 'email' },
      { description: 'an unknown property', change: { rooms: 3 }, path: 'rooms' },
    ])('rejects $description with 400 at $path', async ({ change, path }) => {
      const { store } = context();
      const tenant = await createTenant(store);
      const response = await call(testApp(store), 'POST', '/v1/reservations', {
        key: tenant.key,
        json: { ...booking, ...change },
      });
      expect(response.status).toBe(400);
      expect(response.body.error.path).toBe(path);
    });
  });

  describe('consent', () => {
    it('lists the six default categories and adds a custom one', async () => {
      const { store } = context();
      const tenant = await createTenant(store);
      const app = testApp(store);
      const created = await call(app, 'POST', '/v1/consent/categories', {
        key: tenant.key,
        json: { key: 'events_news', label: 'Event news', kind: 'marketing' },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ key: 'events_news', time_bound: false });
      const listed = await call(app, 'GET', '/v1/consent/categories', { key: tenant.key });
      expect(listed.body.data.map((category: { key: string }) => category.key)).toEqual([
        'marketing',
        'booking_marketing',
        'sales_viewing',
        'sales_real_estate',
        'owners_marketing',
        'owners_service',
        'events_news',
      ]);
      const again = await call(app, 'POST', '/v1/consent/categories', {
        key: tenant.key,
        json: { key: 'events_news', label: 'Again', kind: 'marketing' },
      });
      expect(again.status).toBe(409);
      const invalid = await call(app, 'POST', '/v1/consent/categories', {
        key: tenant.key,
        json: { key: 'Events', label: 'x', kind: 'marketing' },
      });
      expect(invalid.status).toBe(400);
      expect(invalid.body.error.path).toBe('key');
    });

    it("records the contact's withdrawal, refuses an operator's grant, shows states and log", async () => {
      const { store } = context();
      const tenant = await createTenant(store);
      const app = testApp(store);
      const contact = await postContact(app, tenant.key, { email: 'c@x.nl' });
      const path = `/v1/contacts/${contact.id}/consent`;
      const withdrawn = await call(app, 'POST', path, {
        key: tenant.key,
        json: { action: 'withdraw', all: true, by: 'contact', reason: 'too many mails' },
      });
      expect(withdrawn.status).toBe(200);
      expect(
        withdrawn.body.categories.every((entry: { state: string }) => entry.state === 'withdrawn'),
      ).toBe(true);
      expect(withdrawn.body.categories.map((entry: { key: string }) => entry.key)).not.toContain(
        'owners_service',
      );
      const refused = await call(app, 'POST', path, {
        key: tenant.key,
        json: { action: 'grant', category: 'marketing', by: 'operator' },
      });
      expect(refused.status).toBe(409);
      const regranted = await call(app, 'POST', path, {
        key: tenant.key,
        json: { action: 'grant', category: 'marketing', by: 'contact' },
      });
      expect(regranted.body.categories).toEqual([
        { key: 'marketing', state: 'valid', because: expect.any(String) },
      ]);
      const shown = await call(app, 'GET', path, { key: tenant.key });
      expect(shown.status).toBe(200);
      const stateOf = (key: string) =>
        shown.body.states.find((state: { key: string }) => state.key === key).state;
      expect(stateOf('marketing')).toBe('valid');
      expect(stateOf('sales_viewing')).toBe('withdrawn');
      expect(stateOf('owners_service')).toBe('never_given');
      const log = shown.body.log.filter(
        (entry: { category: string }) => entry.category === 'marketing',
      );
      expect(
        log.map((entry: { action: string; actor: string }) => `${entry.action}:${entry.actor}`),
      ).toEqual(['grant:operator', 'withdraw:contact', 'grant:contact']);
      expect(log[1]).toMatchObject({ source: 'api', reason: 'too many mails' });
      const before = await call(app, 'GET', `${path}?now=2020-01-01T00:00:00Z`, {
        key: tenant.key,
      });
      expect(before.body.now).toBe('2020-01-01T00:00:00.000Z');
      expect(
        before.body.states.find((state: { key: string }) => state.key === 'marketing').state,
      ).toBe('never_given');
    });

    it.each([
      {
        description: 'both a category and all',
        json: { action: 'grant', category: 'marketing', all: true, by: 'operator' },
        path: 'category',
        status: 400,
      },
      {
        description: 'neither a category nor all',
        json: { action: 'grant', by: 'operator' },
        path: 'category',
        status: 400,
      },
      {
        description: 'an unknown actor',
        json: { action: 'grant', category: 'marketing', by: 'robot' },
        path: 'by',
        status: 400,
      },
      {
        description: 'an unknown action',
        json: { action: 'toggle', category: 'marketing', by: 'operator' },
        path: 'action',
        status: 400,
      },
      {
        description: 'an unknown category',
        json: { action: 'grant', category: 'nope', by: 'operator' },
        path: 'category',
        status: 404,
      },
    ])('rejects $description', async ({ json, path, status }) => {
      const { store } = context();
      const tenant = await createTenant(store);
      const app = testApp(store);
      const contact = await postContact(app, tenant.key, { email: 'v@x.nl' });
      const response = await call(app, 'POST', `/v1/contacts/${contact.id}/consent`, {
        key: tenant.key,
        json,
      });
      expect(response.status).toBe(status);
      expect(response.body.error.path).toBe(path);
    });

    it('answers 404 for an unknown contact and 400 for a bad now', async () => {
      const { store } = context();
      const tenant = await createTenant(store);
      const app = testApp(store);
      const missing = await call(app, 'POST', '/v1/contacts/999999/consent', {
        key: tenant.key,
        json: { action: 'grant', category: 'marketing', by: 'operator' },
      });
      expect(missing.status).toBe(404);
      expect(
        (await call(app, 'GET', '/v1/contacts/999999/consent', { key: tenant.key })).status,
      ).toBe(404);
      const contact = await postContact(app, tenant.key, { email: 'n@x.nl' });
      const badNow = await call(app, 'GET', `/v1/contacts/${contact.id}/consent?now=yesterday`, {
        key: tenant.key,
      });
      expect(badNow.status).toBe(400);
      expect(badNow.body.error.path).toBe('now');
    });
  });
});
