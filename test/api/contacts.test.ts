import { describe, expect, it } from 'vitest';
import { describeEachStore } from '../support/stores.js';
import { call, createTenant, postContact, testApp, testNow, walkPages } from './api-test-kit.js';

describeEachStore('contacts api', (context) => {
  describe('POST /v1/contacts', () => {
    it('creates a contact from the API with its consent, folded tags and dates', async () => {
      const { store } = context();
      const tenant = await createTenant(store);
      const app = testApp(store);
      const response = await call(app, 'POST', '/v1/contacts', {
        key: tenant.key,
        json: {
          email: ' Ann@Example.NL ',
          first_name: 'Ann',
          country: 'nl',
          tags: [' VIP', 'cycling'],
          consent: ['marketing'],
        },
      });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        email: 'ann@example.nl',
        first_name: 'Ann',
        country: 'NL',
        source: 'api',
        tags: ['cycling', 'vip'],
        created_at: new Date(testNow).toISOString(),
      });
      const consent = await call(app, 'GET', `/v1/contacts/${response.body.id}/consent`, {
        key: tenant.key,
      });
      const marketing = consent.body.states.find(
        (state: { key: string }) => state.key === 'marketing',
      );
      expect(marketing.state).toBe('valid');
    });

    it.each([
      {
        description: 'consent missing',
        json: { email: 'a@x.nl' },
        path: 'consent',
        code: 'invalid_input',
      },
      {
        description: 'consent empty',
        json: { email: 'a@x.nl', consent: [] },
        path: 'consent',
        code: 'invalid_input',
      },
      {
        description: 'a tag that is not a string',
        json: { email: 'a@x.nl', consent: ['marketing'], tags: ['ok', 7] },
        path: 'tags[1]',
        code: 'invalid_input',
      },
      {
        description: 'an unknown property',
        json: { email: 'a@x.nl', consent: ['marketing'], shoe_size: 42 },
        path: 'shoe_size',
        code: 'invalid_input',
      },
      {
        description: 'an invalid email',
        json: { email: 'not-an-email', consent: ['marketing'] },
        path: 'email',
        code: 'validation_failed',
      },
      {
        description: 'an unknown consent category',
        json: { email: 'a@x.nl', consent: ['newsletter'] },
        path: 'consent',
        code: 'invalid_input',
      },
      {
        description: 'an unknown custom field',
        json: { email: 'a@x.nl', consent: ['marketing'], custom: { shoe: 42 } },
        path: 'custom.shoe',
        code: 'validation_failed',
      },
    ])('rejects $description with 400 at $path', async ({ json, path, code }) => {
      const { store } = context();
      const tenant = await createTenant(store);
      const response = await call(testApp(store), 'POST', '/v1/contacts', {
        key: tenant.key,
        json,
      });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe(code);
      expect(response.body.error.path).toBe(path);
    });

    it('answers 409 when the email is taken, ignoring case', async () => {
      const { store } = context();
      const tenant = await createTenant(store);
      const app = testApp(store);
      await postContact(app, tenant.key, { email: 'a@x.nl' });
      const again = await call(app, 'POST', '/v1/contacts', {
        key: tenant.key,
        json: { email: 'A@X.nl', consent: ['marketing'] },
      });
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({ code: 'conflict', path: 'email' });
    });
  });

  describe('GET, PATCH, DELETE /v1/contacts/{id}', () => {
    it('reads, changes (null erases) and deletes a contact', async () => {
      const { store } = context();
      const tenant = await createTenant(store);
      const app = testApp(store);
      const created = await postContact(app, tenant.key, {
        email: 'b@x.nl',
        first_name: 'Bo',
        city: 'Gent',
      });
      const path = `/v1/contacts/${created.id}`;
      expect((await call(app, 'GET', path, { key: tenant.key })).body).toEqual(created);
      const patched = await call(app, 'PATCH', path, {
        key: tenant.key,
        json: { city: null, last_name: 'Peeters', tags: ['new'] },
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({
        first_name: 'Bo',
        city: null,
        last_name: 'Peeters',
        tags: ['new'],
      });
      expect((await call(app, 'DELETE', path, { key: tenant.key })).status).toBe(204);
      const gone = await call(app, 'GET', path, { key: tenant.key });
      expect(gone.status).toBe(404);
      expect(gone.body.error).toMatchObject({ code: 'not_found', path: 'id' });
      expect((await call(app, 'DELETE', path, { key: tenant.key })).status).toBe(404);
    });

    it.each([
      { description: 'PATCH of an unknown contact', method: 'PATCH', json: { city: 'x' } },
      { description: 'GET of an unknown contact', method: 'GET', json: undefined },
    ])('answers 404 for $description', async ({ method, json }) => {
      const { store } = context();
      const tenant = await createTenant(store);
      const response = await call(testApp(store), method, '/v1/contacts/999999', {
        key: tenant.key,
        json,
      });
      expect(response.status).toBe(404);
    });

    it('answers 409 when a PATCH takes the email of another contact', async () => {
      const { store } = context();
      const tenant = await createTenant(store);
      const app = testApp(store);
      await postContact(app, tenant.key, { email: 'one@x.nl' });
      const second = await postContact(app, tenant.key, { email: 'two@x.nl' });
      const response = await call(app, 'PATCH', `/v1/contacts/${second.id}`, {
        key: tenant.key,
        json: { email: 'ONE@x.nl' },
      });
      expect(response.status).toBe(409);
      expect(response.body.error.path).toBe('email');
    });

    it('rejects an id that is not a positive integer with 400 at id', async () => {
      const { store } = context();
      const tenant = await createTenant(store);
      const response = await call(testApp(store), 'GET', '/v1/contacts/-3', { key: tenant.key });
      expect(response.status).toBe(400);
      expect(response.body.error.path).toBe('id');
    });
  });

  describe('GET /v1/contacts', () => {
    it.each([1, 3, 7, 100])('walks every contact exactly once with limit %i', async (limit) => {
      const { store } = context();
      const tenant = await createTenant(store);
      const app = testApp(store);
      const ids: number[] = [];
      for (let index = 0; index < 7; index++) {
        ids.push((await postContact(app, tenant.key, { email: `p${index}@x.nl` })).id);
      }
      const walked = await walkPages(app, tenant.key, '/v1/contacts', limit);
      expect(walked.items.map((item) => item.id)).toEqual(ids);
      expect(walked.pages).toBeGreaterThanOrEqual(Math.ceil(7 / limit));
    });

    it.each([
      { description: 'limit 0', query: 'limit=0', path: 'limit' },
      { description: 'limit over 1000', query: 'limit=1001', path: 'limit' },
      { description: 'limit not a number', query: 'limit=ten', path: 'limit' },
      { description: 'a forged cursor', query: 'after=abc', path: 'after' },
    ])('rejects $description with 400', async ({ query, path }) => {
      const { store } = context();
      const tenant = await createTenant(store);
      const response = await call(testApp(store), 'GET', `/v1/contacts?${query}`, {
        key: tenant.key,
      });
      expect(response.status).toBe(400);
      expect(response.body.error.path).toBe(path);
    });
  });

  describe('workspace isolation', () => {
    it("never shows, changes or deletes another workspace's contacts", async () => {
      const { store } = context();
      const first = await createTenant(store);
      const second = await createTenant(store);
      const app = testApp(store);
      const mine = await postContact(app, first.key, { email: 'private@x.nl' });
      const listed = await call(app, 'GET', '/v1/contacts', { key: second.key });
      expect(listed.body.data).toEqual([]);
      const path = `/v1/contacts/${mine.id}`;
      for (const [method, json] of [
        ['GET', undefined],
        ['PATCH', { city: 'Stolen' }],
        ['DELETE', undefined],
      ] as const) {
        expect((await call(app, method, path, { key: second.key, json })).status).toBe(404);
      }
      // The same email is free in the other workspace: uniqueness is per workspace.
      await postContact(app, second.key, { email: 'private@x.nl' });
      const still = await call(app, 'GET', path, { key: first.key });
      expect(still.body).toMatchObject({ email: 'private@x.nl', city: null });
    });
  });

  describe('POST /v1/contacts/import', () => {
    const csv = (text: string) => ({ body: text, headers: { 'Content-Type': 'text/csv' } });

    it('imports every row, joins the list and adds the tags', async () => {
      const { store } = context();
      const tenant = await createTenant(store);
      const app = testApp(store);
      const response = await call(
        app,
        'POST',
        '/v1/contacts/import?consent=marketing&list=fair&tags=a;B',
        {
          key: tenant.key,
          ...csv('email,first_name\nx@y.nl,Xavi\nz@y.nl,Zoe\n'),
        },
      );
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ rows: 2, created: 2, rejected_count: 0, rejected: [] });
      const members = await call(app, 'GET', '/v1/lists/fair/members', { key: tenant.key });
      expect(members.body.data.map((contact: { email: string }) => contact.email)).toEqual([
        'x@y.nl',
        'z@y.nl',
      ]);
      expect(members.body.data[0].tags).toEqual(['a', 'b']);
    });

    it('keeps the good rows and answers 422 with each rejected line', async () => {
      const { store } = context();
      const tenant = await createTenant(store);
      const app = testApp(store);
      const response = await call(app, 'POST', '/v1/contacts/import?consent=marketing', {
        key: tenant.key,
        ...csv('email,first_name\ngood@y.nl,G\nbad-email,B\nalso@y.nl,A\n'),
      });
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('import_rejected_rows');
      expect(response.body.error.details).toHaveLength(1);
      expect(response.body.error.details[0].message).toContain('line 3');
      expect(response.body.summary).toMatchObject({ rows: 3, created: 2, rejected_count: 1 });
      expect(response.body.summary.rejected[0]).toMatchObject({ line: 3, path: 'email' });
      const listed = await call(app, 'GET', '/v1/contacts', { key: tenant.key });
      expect(listed.body.data.map((contact: { email: string }) => contact.email)).toEqual([
        'good@y.nl',
        'also@y.nl',
      ]);
    });

    it.each([
      { description: 'no consent', query: '', headers: 'text/csv', status: 400, path: 'consent' },
      {
        description: 'an unknown consent category',
        query: 'consent=nope',
        headers: 'text/csv',
        status: 400,
        path: 'consent',
      },
      {
        description: 'a JSON body',
        query: 'consent=marketing',
        headers: 'application/json',
        status: 415,
        path: undefined,
      },
    ])('refuses $description', async ({ query, headers, status, path }) => {
      const { store } = context();
      const tenant = await createTenant(store);
      const response = await call(testApp(store), 'POST', `/v1/contacts/import?${query}`, {
        key: tenant.key,
        body: 'email\na@b.nl\n',
        headers: { 'Content-Type': headers },
      });
      expect(response.status).toBe(status);
      expect(response.body.error.path).toBe(path);
      const listed = await call(testApp(store), 'GET', '/v1/contacts', { key: tenant.key });
      expect(listed.body.data).toEqual([]);
    });
  });
});
