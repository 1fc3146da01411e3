// First: @hono/zod-openapi must extend zod before any domain schema is created (routes call
// .openapi on domain schemas, and zod 4 copies prototype methods when a schema is created).
import '../../src/api/index.js';
import { expect, it } from 'vitest';
import { readConsentLog, readContactConsent } from '../../src/consent/index.js';
import { contactTags } from '../../src/contacts/index.js';
import {
  preferenceLink,
  setWorkspacePreferenceTexts,
  signPreferenceToken,
} from '../../src/preferences/index.js';
import type { Store } from '../../src/store/index.js';
import type { Workspace } from '../../src/workspaces/index.js';
import { call, createTenant, testApp, testNow } from '../api/api-test-kit.js';
import { describeEachStore } from '../support/stores.js';
import { createPreferenceContact } from './preference-support.js';

const formPost = { 'Content-Type': 'application/x-www-form-urlencoded' };

async function statesOf(store: Store, workspace: Workspace, contactId: number) {
  const consent = await readContactConsent(store.db, {
    workspaceId: workspace.id,
    timeZone: workspace.timeZone,
    contactId,
    now: testNow,
  });
  return Object.fromEntries(
    Object.entries(consent.decisions).map(([key, decision]) => [key, decision.state]),
  );
}

describeEachStore('preference center', (context) => {
  async function setUp(language?: string) {
    const { store } = context();
    const tenant = await createTenant(store);
    const email = `pc-${Math.random().toString(36).slice(2)}@example.com`;
    const contactId = await createPreferenceContact(store, tenant.workspace, {
      email,
      ...(language === undefined ? {} : { language }),
    });
    const token = signPreferenceToken({ workspace: tenant.workspace, contactId });
    return { store, tenant, contactId, token, app: testApp(store) };
  }

  it('shows each category with its state and the public interests', async () => {
    const { app, token } = await setUp();
    const page = await call(app, 'GET', `/p/${token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html: string = page.body;
    expect(html).toMatch(/id="category-marketing"[^>]* checked>/);
    expect(html).toMatch(/id="category-owners_service"[^>]* checked>/);
    expect(html).not.toMatch(/id="category-sales_real_estate"[^>]* checked>/);
    // Never booked: booking consent is not offered (it would change nothing).
    expect(html).not.toContain('category-booking_marketing');
    expect(html).toContain('<label for="interest-0">Cycling</label>');
    expect(html).toContain('<label for="interest-1">Golf</label>');
    expect(html).not.toContain('vip');
  });

  it('records changes as the contact, only for the boxes that changed', async () => {
    const { store, tenant, contactId, token, app } = await setUp();
    // marketing and sales_viewing unticked, sales_real_estate ticked, golf instead of cycling.
    const body =
      'intent=save&category=sales_real_estate&category=owners_marketing&category=owners_service&interest=golf';
    const saved = await call(app, 'POST', `/p/${token}`, { headers: formPost, body });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/p/${token}?done=saved`);
    const states = await statesOf(store, tenant.workspace, contactId);
    expect(states).toMatchObject({
      marketing: 'withdrawn',
      sales_viewing: 'withdrawn',
      sales_real_estate: 'valid',
      owners_marketing: 'valid',
      owners_service: 'valid',
    });
    const log = await readConsentLog(store.db, { workspaceId: tenant.workspace.id, contactId });
    const fromPage = log.filter((entry) => entry.source === 'preference_center');
    expect(fromPage.map((entry) => [entry.category, entry.action, entry.actor])).toEqual([
      ['sales_viewing', 'grant', 'contact'],
      ['sales_real_estate', 'grant', 'contact'],
      ['marketing', 'withdraw', 'contact'],
      ['sales_viewing', 'withdraw', 'contact'],
    ]);
    expect(await contactTags(store.db, { workspaceId: tenant.workspace.id, contactId })).toEqual([
      'golf',
    ]);
    const after = await call(app, 'GET', `/p/${token}?done=saved`);
    expect(after.body).toContain('role="status">Your preferences have been saved.');
    // Saving the page untouched writes nothing more.
    await call(app, 'POST', `/p/${token}`, { headers: formPost, body });
    const again = await readConsentLog(store.db, { workspaceId: tenant.workspace.id, contactId });
    expect(again).toHaveLength(log.length);
  });

  it('unsubscribes from every marketing category, never from service ones', async () => {
    const { store, tenant, contactId, token, app } = await setUp();
    const response = await call(app, 'POST', `/p/${token}`, {
      headers: formPost,
      body: 'intent=unsubscribe_all',
    });
    expect(response.headers.get('location')).toBe(`/p/${token}?done=unsubscribed`);
    expect(await statesOf(store, tenant.workspace, contactId)).toEqual({
      marketing: 'withdrawn',
      booking_marketing: 'withdrawn',
      sales_viewing: 'withdrawn',
      sales_real_estate: 'withdrawn',
      owners_marketing: 'withdrawn',
      owners_service: 'valid',
    });
  });

  it('unsubscribes in one click (RFC 8058) with actor contact, source unsubscribe', async () => {
    const { store, tenant, contactId, token, app } = await setUp();
    const scanned = await call(app, 'GET', `/u/${token}`);
    expect(scanned.status).toBe(303);
    expect((await statesOf(store, tenant.workspace, contactId)).marketing).toBe('valid');
    const response = await call(app, 'POST', `/u/${token}`, {
      headers: formPost,
      body: 'List-Unsubscribe=One-Click',
    });
    expect(response.status).toBe(200);
    const states = await statesOf(store, tenant.workspace, contactId);
    expect(states.marketing).toBe('withdrawn');
    expect(states.owners_marketing).toBe('withdrawn');
    expect(states.owners_service).toBe('valid');
    const log = await readConsentLog(store.db, { workspaceId: tenant.workspace.id, contactId });
    const oneClick = log.filter((entry) => entry.source === 'unsubscribe');
    expect(oneClick.length).toBe(5);
    expect(
      oneClick.every((entry) => entry.actor === 'contact' && entry.action === 'withdraw'),
    ).toBe(true);
  });

  it.each([
    {
      description: 'a changed contact id',
      tamper: (token: string) => token.replace(/\.(\d+)\./, '.999999.'),
    },
    {
      description: 'a changed signature',
      tamper: (token: string) => `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`,
    },
    { description: 'garbage', tamper: () => 'nonsense' },
  ])('refuses $description with a 403 page and changes nothing', async ({ tamper }) => {
    const { store, tenant, contactId, token, app } = await setUp();
    const tampered = tamper(token);
    const page = await call(app, 'GET', `/p/${tampered}`);
    expect(page.status).toBe(403);
    expect(page.body).toContain('This link is not valid');
    const post = await call(app, 'POST', `/u/${tampered}`, {
      headers: formPost,
      body: 'List-Unsubscribe=One-Click',
    });
    expect(post.status).toBe(403);
    expect((await statesOf(store, tenant.workspace, contactId)).marketing).toBe('valid');
  });

  it("refuses another workspace's token for this contact", async () => {
    const { store, contactId, app } = await setUp();
    const other = await createTenant(store);
    const token = signPreferenceToken({ workspace: other.workspace, contactId });
    expect((await call(app, 'GET', `/p/${token}`)).status).toBe(403);
  });

  it("speaks the contact's language, with the workspace's own texts first", async () => {
    const { store, tenant, token, app } = await setUp('nl-BE');
    const dutch = await call(app, 'GET', `/p/${token}`);
    expect(dutch.body).toContain('<html lang="nl">');
    expect(dutch.body).toContain('Mijn voorkeuren opslaan');
    const oneClick = await call(app, 'POST', `/u/${token}`, {
      headers: formPost,
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.body).toContain('Je bent afgemeld voor alle marketingberichten.');
    await setWorkspacePreferenceTexts(store.db, {
      workspaceId: tenant.workspace.id,
      language: 'nl',
      texts: { save: 'Bewaren', interests: { golf: 'Golfen' } },
      now: testNow,
    });
    const custom = await call(app, 'GET', `/p/${token}`);
    expect(custom.body).toContain('Bewaren');
    expect(custom.body).toContain('<label for="interest-1">Golfen</label>');
    await expect(
      setWorkspacePreferenceTexts(store.db, {
        workspaceId: tenant.workspace.id,
        language: 'nl',
        texts: { sav: 'typo' },
        now: testNow,
      }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('builds links on the base URL', async () => {
    const { tenant, contactId, token } = await setUp();
    expect(preferenceLink(tenant.workspace, contactId, 'https://mail.example.com/')).toBe(
      `https://mail.example.com/p/${token}`,
    );
  });
});
