import { describe, expect, it } from 'vitest';
import { type ApiApp, createApiKey } from '../../src/api/index.js';
import { readConsentLog, readContactConsent, unsubscribeContact } from '../../src/consent/index.js';
import { findContact, listMemberIds } from '../../src/contacts/index.js';
import { listContactEvents } from '../../src/events/index.js';
import type { Store } from '../../src/store/index.js';
import { resolveWorkspace } from '../../src/workspaces/index.js';
import { call, createTenant, type TestTenant, testApp, testNow } from '../api/api-test-kit.js';
import { describeEachStore } from '../support/stores.js';

const urlencoded = { 'Content-Type': 'application/x-www-form-urlencoded' };
const browser = { ...urlencoded, Accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8' };

interface FormFixture {
  app: ApiApp;
  tenant: TestTenant;
  path: string;
}

async function createNewsletterForm(
  store: Store,
  definition: Record<string, unknown> = {},
): Promise<FormFixture> {
  const tenant = await createTenant(store);
  const app = testApp(store);
  const response = await call(app, 'POST', '/v1/forms', {
    key: tenant.key,
    json: {
      key: 'newsletter',
      list: 'newsletter',
      consent: ['marketing', 'sales_viewing'],
      fields: ['email', 'first_name', 'phone'],
      ...definition,
    },
  });
  expect(response.status).toBe(201);
  return { app, tenant, path: response.body.public_path };
}

async function contactByEmail(store: Store, tenant: TestTenant, email: string) {
  return findContact(store.db, { workspaceId: tenant.workspace.id, reference: { email } });
}

describeEachStore('website forms', (context) => {
  describe('definition', () => {
    it('creates and lists a form with its public path and default fields', async () => {
      const { store } = context();
      const tenant = await createTenant(store);
      const app = testApp(store);
      const created = await call(app, 'POST', '/v1/forms', {
        key: tenant.key,
        json: { key: 'signup', list: 'signups', consent: ['marketing'] },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        key: 'signup',
        list: 'signups',
        fields: ['email', 'first_name', 'last_name'],
        public_path: `/f/${tenant.workspace.key}.signup`,
      });
      const listed = await call(app, 'GET', '/v1/forms', { key: tenant.key });
      expect(listed.body.data.map((form: { key: string }) => form.key)).toEqual(['signup']);
      const again = await call(app, 'POST', '/v1/forms', {
        key: tenant.key,
        json: { key: 'signup', list: 'signups', consent: ['marketing'] },
      });
      expect(again.status).toBe(409);
    });

    it('refuses unknown categories and fields, naming each', async () => {
      const { store } = context();
      const tenant = await createTenant(store);
      const response = await call(testApp(store), 'POST', '/v1/forms', {
        key: tenant.key,
        json: { key: 'bad', list: 'bad', consent: ['nope'], fields: ['email', 'shoe'] },
      });
      expect(response.status).toBe(400);
      expect(response.body.error.details.map((d: { path: string }) => d.path)).toEqual([
        'consent[0]',
        'fields[1]',
      ]);
    });
  });

  describe('submission', () => {
    it('creates the contact from a browser post: consent by the contact, list, event, redirect', async () => {
      const { store } = context();
      const { app, tenant, path } = await createNewsletterForm(store, {
        redirect: 'https://example.com/thanks',
      });
      const response = await call(app, 'POST', path, {
        headers: browser,
        body: 'email=Ann%40Example.com&first_name=Ann&website=',
      });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('https://example.com/thanks');
      const contact = await contactByEmail(store, tenant, 'ann@example.com');
      expect(contact).toMatchObject({ first_name: 'Ann', source: 'form' });
      const workspaceId = tenant.workspace.id;
      const log = await readConsentLog(store.db, { workspaceId, contactId: contact!.id });
      const byContact = log.filter((entry) => entry.actor === 'contact');
      expect(byContact.map((entry) => [entry.category, entry.action, entry.source])).toEqual([
        ['marketing', 'grant', 'form'],
        ['sales_viewing', 'grant', 'form'],
      ]);
      const consent = await readContactConsent(store.db, {
        workspaceId,
        timeZone: 'UTC',
        contactId: contact!.id,
        now: testNow,
      });
      expect(consent.decisions.marketing!.state).toBe('valid');
      expect(consent.decisions.sales_viewing!.state).toBe('valid');
      expect(await listMemberIds(store.db, { workspaceId, listKey: 'newsletter' })).toEqual([
        contact!.id,
      ]);
      const events = await listContactEvents(store.db, { workspaceId, contactId: contact!.id });
      expect(events.events.map((event) => [event.type, event.properties])).toEqual([
        ['form.submitted', { form: 'newsletter' }],
      ]);
    });

    it('takes JSON, answers JSON, and updates the same contact on a second post', async () => {
      const { store } = context();
      const { app, tenant, path } = await createNewsletterForm(store);
      const first = await call(app, 'POST', path, { json: { email: 'bo@example.com' } });
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ status: 'accepted' });
      const second = await call(app, 'POST', path, {
        json: { email: 'BO@example.com', first_name: 'Bo', phone: '+31612345678' },
      });
      expect(second.status).toBe(200);
      const contact = await contactByEmail(store, tenant, 'bo@example.com');
      expect(contact).toMatchObject({ first_name: 'Bo', phone: '+31612345678', source: 'form' });
      const events = await listContactEvents(store.db, {
        workspaceId: tenant.workspace.id,
        contactId: contact!.id,
      });
      expect(events.events).toHaveLength(2);
    });

    it('answers bad input with field-level errors in JSON', async () => {
      const { store } = context();
      const { app, tenant, path } = await createNewsletterForm(store);
      const response = await call(app, 'POST', path, {
        json: { email: 'not-an-email', last_name: 'Smith' },
      });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
      expect(response.body.error.details.map((d: { path: string }) => d.path)).toEqual([
        'last_name',
        'email',
      ]);
      const invalidEmail = await call(app, 'POST', path, { json: { email: 'not-an-email' } });
      expect(invalidEmail.status).toBe(400);
      expect(invalidEmail.body.error.details[0].path).toBe('email');
      const missing = await call(app, 'POST', path, { json: { first_name: 'Ann' } });
      expect(missing.body.error.details[0]).toMatchObject({ path: 'email', code: 'required' });
      const { contacts } = await store.db
        .selectFrom('contacts')
        .select((eb) => eb.fn.countAll<number>().as('contacts'))
        .where('workspace_id', '=', tenant.workspace.id)
        .executeTakeFirstOrThrow();
      expect(Number(contacts)).toBe(0);
    });

    it('answers a browser post with an HTML page listing the errors', async () => {
      const { store } = context();
      const { app, path } = await createNewsletterForm(store);
      const response = await call(app, 'POST', path, {
        headers: { ...browser, Referer: 'https://example.com/signup' },
        body: 'email=nope&nickname=x',
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.body).toContain('<html lang="en">');
      expect(response.body).toContain('<strong>email</strong>');
      expect(response.body).toContain('<strong>nickname</strong>');
      // Mustache escapes "/" in attributes; a browser reads it back as the URL.
      expect(response.body).toContain('href="https:&#x2F;&#x2F;example.com&#x2F;signup"');
    });

    it('accepts a filled honeypot silently and stores nothing', async () => {
      const { store } = context();
      const { app, tenant, path } = await createNewsletterForm(store);
      const response = await call(app, 'POST', path, {
        headers: urlencoded,
        body: 'email=bot%40example.com&website=http%3A%2F%2Fspam.example',
      });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ status: 'accepted' });
      expect(await contactByEmail(store, tenant, 'bot@example.com')).toBeUndefined();
    });

    it('limits submissions per form and address, and answers 404 for unknown forms', async () => {
      const { store } = context();
      const { app, path } = await createNewsletterForm(store);
      const statuses: number[] = [];
      for (let index = 0; index < 11; index++) {
        const response = await call(app, 'POST', path, {
          json: { email: `rate${index}@example.com` },
        });
        statuses.push(response.status);
      }
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
      const limited = await call(app, 'POST', path, { json: { email: 'late@example.com' } });
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('rate_limited');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      const unknown = await call(app, 'POST', `${path}-missing`, { json: { email: 'a@b.nl' } });
      expect(unknown.status).toBe(404);
    });

    it('re-grants consent after the contact withdrew themselves; an operator import does not', async () => {
      const { store } = context();
      const { app, tenant, path } = await createNewsletterForm(store);
      await call(app, 'POST', path, { json: { email: 'cy@example.com' } });
      const contact = await contactByEmail(store, tenant, 'cy@example.com');
      const workspace = tenant.workspace;
      await unsubscribeContact(store.db, {
        workspace,
        contactId: contact!.id,
        recordedAt: testNow,
      });
      const stateAt = async (now: number) =>
        (
          await readContactConsent(store.db, {
            workspaceId: workspace.id,
            timeZone: 'UTC',
            contactId: contact!.id,
            now,
          })
        ).decisions.marketing!.state;
      expect(await stateAt(testNow)).toBe('withdrawn');
      const imported = await call(app, 'POST', '/v1/contacts/import?consent=marketing', {
        key: tenant.key,
        headers: { 'Content-Type': 'text/csv' },
        body: 'email\ncy@example.com\n',
      });
      expect(imported.status).toBe(200);
      expect(await stateAt(testNow)).toBe('withdrawn');
      const resubmitted = await call(testApp(store), 'POST', path, {
        json: { email: 'cy@example.com' },
      });
      expect(resubmitted.status).toBe(200);
      expect(await stateAt(testNow)).toBe('valid');
    });

    it('takes a form of the default workspace at its bare key', async () => {
      const { store } = context();
      const app = testApp(store);
      const workspace = await resolveWorkspace(store.db, undefined, testNow);
      const key = (
        await createApiKey(store.db, { workspaceId: workspace.id, name: 't', now: testNow })
      ).key;
      const formKey = `plain-${Date.now().toString(36)}`;
      const created = await call(app, 'POST', '/v1/forms', {
        key,
        json: { key: formKey, list: 'plain', consent: ['marketing'] },
      });
      expect(created.body.public_path).toBe(`/f/${formKey}`);
      const response = await call(app, 'POST', `/f/${formKey}`, {
        json: { email: `${formKey}@example.com` },
      });
      expect(response.status).toBe(200);
    });
  });
});
