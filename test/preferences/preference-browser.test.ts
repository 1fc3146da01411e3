import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/api/index.js';
import { signPreferenceToken } from '../../src/preferences/index.js';
import { createTenant } from '../api/api-test-kit.js';
import { describeEachStore } from '../support/stores.js';
import { createPreferenceContact } from './preference-support.js';

/**
 * The preference center driven in a real browser (Chromium, headless) against the real server:
 * the page a contact sees, a change saved through the HTML form, and the result read back
 * through the API with an API key.
 */

const executablePath = process.env.SIFT_CHROMIUM ?? '/usr/bin/chromium';
const screenshotPath = '/tmp/preference-center.png';

let browser: Browser | undefined;

beforeAll(async () => {
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium is needed at ${executablePath} (apt-get install chromium, or SIFT_CHROMIUM)`,
    );
  }
  browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});

afterAll(async () => {
  await browser?.close();
});

interface CategoryState {
  key: string;
  state: string;
}

interface ConsentBody {
  states: CategoryState[];
  log: Array<{ category: string; action: string; actor: string; source: string }>;
}

async function consentOf(
  server: RunningServer,
  key: string,
  contactId: number,
): Promise<ConsentBody> {
  const response = await fetch(`${server.url}/v1/contacts/${contactId}/consent`, {
    headers: { Authorization: `Bearer ${key}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as ConsentBody;
}

function stateOf(body: ConsentBody, key: string): string | undefined {
  return body.states.find((state) => state.key === key)?.state;
}

describeEachStore('preference center in a browser', (context) => {
  let server: RunningServer | undefined;

  beforeAll(async () => {
    server = await startServer({ store: context().store, port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await server?.close();
  });

  async function setUp() {
    const { store } = context();
    const tenant = await createTenant(store);
    const email = `browser-${Math.random().toString(36).slice(2)}@example.com`;
    const contactId = await createPreferenceContact(store, tenant.workspace, { email });
    const token = signPreferenceToken({ workspace: tenant.workspace, contactId });
    return { tenant, contactId, token, email };
  }

  it('shows the page, saves an unticked category as the contact, and the API shows it', async () => {
    const { tenant, contactId, token, email } = await setUp();
    const page = await browser!.newPage({ viewport: { width: 900, height: 1100 } });
    try {
      const response = await page.goto(`${server!.url}/p/${token}`);
      expect(response?.status()).toBe(200);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      await expect(page.locator('h1').textContent()).resolves.toBe('Your preferences');
      expect(await page.locator('.who strong').textContent()).toBe(email);
      await page.screenshot({ path: screenshotPath, fullPage: true });

      // Every checkbox has an accessible name from its label, and the groups have legends.
      const marketing = page.getByRole('checkbox', { name: 'Marketing messages', exact: true });
      await expect(marketing.isChecked()).resolves.toBe(true);
      const service = page.getByRole('checkbox', { name: 'Owners: service messages' });
      await expect(service.isChecked()).resolves.toBe(true);
      await expect(page.getByRole('group', { name: 'Service messages' }).count()).resolves.toBe(1);

      // The keyboard reaches the boxes and shows where it is.
      await page.keyboard.press('Tab');
      const outline = await page.evaluate(() => {
        const focused = document.activeElement as HTMLElement;
        return { tag: focused.tagName, outline: getComputedStyle(focused).outlineStyle };
      });
      expect(outline.tag).toBe('INPUT');
      expect(outline.outline).not.toBe('none');

      await marketing.uncheck();
      await Promise.all([
        page.waitForURL(/done=saved/),
        page.getByRole('button', { name: 'Save my preferences' }).click(),
      ]);
      await expect(page.getByRole('status').textContent()).resolves.toBe(
        'Your preferences have been saved.',
      );
      await expect(
        page.getByRole('checkbox', { name: 'Marketing messages', exact: true }).isChecked(),
      ).resolves.toBe(false);
    } finally {
      await page.close();
    }
    const consent = await consentOf(server!, tenant.key, contactId);
    expect(stateOf(consent, 'marketing')).toBe('withdrawn');
    expect(stateOf(consent, 'owners_marketing')).toBe('valid');
    const withdrawal = consent.log.filter(
      (entry) => entry.category === 'marketing' && entry.action === 'withdraw',
    );
    expect(withdrawal).toEqual([
      expect.objectContaining({ actor: 'contact', source: 'preference_center' }),
    ]);
  });

  it('refuses a tampered token with a 403 page', async () => {
    const { token } = await setUp();
    const page = await browser!.newPage();
    try {
      const tampered = token.replace(/\.(\d+)\./, (_match, id) => `.${Number(id) + 1}.`);
      const response = await page.goto(`${server!.url}/p/${tampered}`);
      expect(response?.status()).toBe(403);
      await expect(page.locator('h1').textContent()).resolves.toBe('This link is not valid');
    } finally {
      await page.close();
    }
  });

  it('unsubscribes in one click from every marketing category but not owners_service', async () => {
    const { tenant, contactId, token } = await setUp();
    const response = await fetch(`${server!.url}/u/${token}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(response.status).toBe(200);
    const consent = await consentOf(server!, tenant.key, contactId);
    for (const key of [
      'marketing',
      'booking_marketing',
      'sales_viewing',
      'sales_real_estate',
      'owners_marketing',
    ]) {
      expect([key, stateOf(consent, key)]).toEqual([key, 'withdrawn']);
    }
    expect(stateOf(consent, 'owners_service')).toBe('valid');
    expect(
      consent.log
        .filter((entry) => entry.source === 'unsubscribe')
        .every((entry) => entry.actor === 'contact'),
    ).toBe(true);
  });
});
