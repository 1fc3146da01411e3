import { describe, expect, it } from 'vitest';
import { describeEachStore } from '../support/stores.js';
import { call, createTenant, postContact, testApp, walkPages } from './api-test-kit.js';

describeEachStore('fields, tags and lists api', (context) => {
  describe('fields', () => {
    it('defines a field, lists it, and writes typed values through it', async () => {
      const { store } = context();
      const tenant = await createTenant(store);
      const app = testApp(store);
      const created = await call(app, 'POST', '/v1/fields', {
        key: tenant.key,
        json: { key: 'interests', type: 'multiselect', options: ['golf', 'sailing'] },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        key: 'interests',
        label: 'interests',
        type: 'multiselect',
        options: ['golf', 'sailing'],
      });
      const listed = await call(app, 'GET', '/v1/fields', { key: tenant.key });
      expect(listed.body.data.map((field: { key: string }) => field.key)).toEqual(['interests']);
      const contact = await postContact(app, tenant.key, {
        email: 'f@x.nl',
        custom: { interests: ['golf'] },
      });
      expect(contact.custom).toEqual({ interests: ['golf'] });
    });

    it.each([
      { description: 'a key with capitals', json: { key: 'Revenue', type: 'number' }, path: 'key' },
      { description: 'an unknown type', json: { key: 'revenue', type: 'money' }, path: 'type' },
      {
        description: 'an option of the wrong type',
        json: { key: 'size', type: 'select', options: ['s', 3] },
        path: 'options[1]',
      },
      {
        description: 'a select without options',
        json: { key: 'size', type: 'select' },
        path: 'options',
      },
      { description: 'a standard field key', json: { key: 'email', type: 'text' }, path: 'key' },
    ])('rejects $description with 400 at $path', async ({ json, path }) => {
      const { store } = context();
      const tenant = await createTenant(store);
      const response = await call(testApp(store), 'POST', '/v1/fields', { key: tenant.key, json });
      expect(response.status).toBe(400);
      expect(response.body.error.path).toBe(path);
    });

    it('answers 409 for a key that exists', async () => {
      const { store } = context();
      const tenant = await createTenant(store);
      const app = testApp(store);
      const json = { key: 'revenue', type: 'number' };
      expect((await call(app, 'POST', '/v1/fields', { key: tenant.key, json })).status).toBe(201);
      const again = await call(app, 'POST', '/v1/fields', { key: tenant.key, json });
      expect(again.status).toBe(409);
      expect(again.body.error.path).toBe('key');
    });
  });

  describe('tags', () => {
    it('adds and removes tags of a contact and counts them per tag', async () => {
      const { store } = context();
      const tenant = await createTenant(store);
      const app = testApp(store);
      const contact = await postContact(app, tenant.key, { email: 't@x.nl' });
      const path = `/v1/contacts/${contact.id}/tags`;
      const added = await call(app, 'POST', path, {
        key: tenant.key,
        json: { tags: [' VIP', 'Golf'] },
      });
      expect(added.status).toBe(200);
      expect(added.body).toEqual({ tags: ['golf', 'vip'] });
      const removed = await call(app, 'DELETE', path, {
        key: tenant.key,
        json: { tags: ['vip', 'never-had'] },
      });
      expect(removed.body).toEqual({ tags: ['golf'] });
      const tags = await call(app, 'GET', '/v1/tags', { key: tenant.key });
      expect(
        tags.body.data.map((tag: { tag: string; contacts: number }) => [tag.tag, tag.contacts]),
      ).toEqual([
        ['golf', 1],
        ['vip', 0],
      ]);
    });

    it('marks a tag public, and a label-only change keeps it public', async () => {
      const { store } = context();
      const tenant = await createTenant(store);
      const app = testApp(store);
      const made = await call(app, 'PATCH', '/v1/tags/Cycling', {
        key: tenant.key,
        json: { public: true },
      });
      expect(made.status).toBe(200);
      expect(made.body).toMatchObject({ tag: 'cycling', public: true });
      const relabelled = await call(app, 'PATCH', '/v1/tags/cycling', {
        key: tenant.key,
        json: { label: 'Cycling trips' },
      });
      expect(relabelled.body).toMatchObject({
        tag: 'cycling',
        label: 'Cycling trips',
        public: true,
      });
    });

    it.each([
      { description: 'an empty change', json: {}, path: 'public' },
      { description: 'public not a boolean', json: { public: 'yes' }, path: 'public' },
    ])('rejects $description with 400', async ({ json, path }) => {
      const { store } = context();
      const tenant = await createTenant(store);
      const response = await call(testApp(store), 'PATCH', '/v1/tags/vip', {
        key: tenant.key,
        json,
      });
      expect(response.status).toBe(400);
      expect(response.body.error.path).toBe(path);
    });

    it('answers 404 when tagging an unknown contact', async () => {
      const { store } = context();
      const tenant = await createTenant(store);
      const response = await call(testApp(store), 'POST', '/v1/contacts/424242/tags', {
        key: tenant.key,
        json: { tags: ['vip'] },
      });
      expect(response.status).toBe(404);
    });
  });

  describe('lists', () => {
    it('creates a list, lists it next to the built-in Owners list, refuses a duplicate', async () => {
      const { store } = context();
      const tenant = await createTenant(store);
      const app = testApp(store);
      const created = await call(app, 'POST', '/v1/lists', {
        key: tenant.key,
        json: { key: 'fair-2026', name: 'Fair 2026', source: 'sync' },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ key: 'fair-2026', source: 'sync', members: 0 });
      const listed = await call(app, 'GET', '/v1/lists', { key: tenant.key });
      expect(listed.body.data.map((list: { key: string }) => list.key)).toEqual([
        'fair-2026',
        'owners',
      ]);
      const again = await call(app, 'POST', '/v1/lists', {
        key: tenant.key,
        json: { key: 'fair-2026' },
      });
      expect(again.status).toBe(409);
      const invalid = await call(app, 'POST', '/v1/lists', {
        key: tenant.key,
        json: { key: 'Bad Key' },
      });
      expect(invalid.status).toBe(400);
      expect(invalid.body.error.path).toBe('key');
    });

    it('adds members by id and by email, removes them, and replaces them wholesale', async () => {
      const { store } = context();
      const tenant = await createTenant(store);
      const app = testApp(store);
      const [a, b, c] = [
        await postContact(app, tenant.key, { email: 'a@x.nl' }),
        await postContact(app, tenant.key, { email: 'b@x.nl' }),
        await postContact(app, tenant.key, { external_id: 'crm-3' }),
      ];
      await call(app, 'POST', '/v1/lists', { key: tenant.key, json: { key: 'vip' } });
      const path = '/v1/lists/vip/members';
      const added = await call(app, 'POST', path, {
        key: tenant.key,
        json: { contacts: [a.id, { email: 'B@x.nl' }] },
      });
      expect(added.status).toBe(200);
      expect(added.body.members).toBe(2);
      const removed = await call(app, 'DELETE', path, {
        key: tenant.key,
        json: { contacts: [a.id, { email: 'nobody@x.nl' }] },
      });
      expect(removed.body.members).toBe(1);
      const synced = await call(app, 'PUT', path, {
        key: tenant.key,
        json: { contacts: [{ external_id: 'crm-3' }, a.id] },
      });
      expect(synced.status).toBe(200);
      expect(synced.body).toMatchObject({ added: 2, removed: 1, list: { members: 2 } });
      const members = await call(app, 'GET', path, { key: tenant.key });
      expect(members.body.data.map((contact: { id: number }) => contact.id)).toEqual([a.id, c.id]);
      expect(members.body.data.map((contact: { id: number }) => contact.id)).not.toContain(b.id);
    });

    it('answers 404 naming the reference that matches no contact, and changes nothing', async () => {
      const { store } = context();
      const tenant = await createTenant(store);
      const app = testApp(store);
      const a = await postContact(app, tenant.key, { email: 'a@x.nl' });
      const response = await call(app, 'PUT', '/v1/lists/owners/members', {
        key: tenant.key,
        json: { contacts: [a.id, { email: 'ghost@x.nl' }] },
      });
      expect(response.status).toBe(404);
      expect(response.body.error.path).toBe('contacts[1]');
      const members = await call(app, 'GET', '/v1/lists/owners/members', { key: tenant.key });
      expect(members.body.data).toEqual([]);
    });

    it.each([
      {
        description: 'two keys in one reference',
        contacts: [{ email: 'a@x.nl', phone: '+32470000000' }],
        path: 'contacts[0]',
      },
      { description: 'a negative id', contacts: [-1], path: 'contacts[0]' },
    ])('rejects $description with 400', async ({ contacts, path }) => {
      const { store } = context();
      const tenant = await createTenant(store);
      const response = await call(testApp(store), 'POST', '/v1/lists/owners/members', {
        key: tenant.key,
        json: { contacts },
      });
      expect(response.status).toBe(400);
      expect(response.body.error.path).toBe(path);
    });

    it('answers 404 for an unknown list', async () => {
      const { store } = context();
      const tenant = await createTenant(store);
      const app = testApp(store);
      for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
        const json = method === 'GET' ? undefined : { contacts: [] };
        const response = await call(app, method, '/v1/lists/nope/members', {
          key: tenant.key,
          json,
        });
        expect(response.status).toBe(404);
        expect(response.body.error.path).toBe('key');
      }
    });

    it('walks the members page by page, each exactly once', async () => {
      const { store } = context();
      const tenant = await createTenant(store);
      const app = testApp(store);
      const ids: number[] = [];
      for (let index = 0; index < 5; index++) {
        ids.push((await postContact(app, tenant.key, { email: `m${index}@x.nl` })).id);
      }
      await call(app, 'POST', '/v1/lists', { key: tenant.key, json: { key: 'walk' } });
      await call(app, 'PUT', '/v1/lists/walk/members', {
        key: tenant.key,
        json: { contacts: [...ids].reverse() },
      });
      const walked = await walkPages(app, tenant.key, '/v1/lists/walk/members', 2);
      expect(walked.items.map((item) => item.id)).toEqual(ids);
      expect(walked.pages).toBe(3);
      // Four members in pages of two: the second page is the last and says so (no empty third
      // page), and a contact outside the list never shows.
      await postContact(app, tenant.key, { email: 'outsider@x.nl' });
      await call(app, 'DELETE', '/v1/lists/walk/members', {
        key: tenant.key,
        json: { contacts: [ids[1]] },
      });
      const even = await walkPages(app, tenant.key, '/v1/lists/walk/members', 2);
      expect(even.items.map((item) => item.id)).toEqual([ids[0], ids[2], ids[3], ids[4]]);
      expect(even.pages).toBe(2);
    });

    it("cannot add another workspace's contact", async () => {
      const { store } = context();
      const first = await createTenant(store);
      const second = await createTenant(store);
      const app = testApp(store);
      const foreign = await postContact(app, first.key, { email: 'mine@x.nl' });
      const response = await call(app, 'POST', '/v1/lists/owners/members', {
        key: second.key,
        json: { contacts: [foreign.id] },
      });
      expect(response.status).toBe(404);
      const byEmail = await call(app, 'POST', '/v1/lists/owners/members', {
        key: second.key,
        json: { contacts: [{ email: 'mine@x.nl' }] },
      });
      expect(byEmail.status).toBe(404);
    });
  });
});
