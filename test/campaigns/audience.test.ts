import '../../src/api/index.js';
import { expect, it } from 'vitest';
import { previewAudience } from '../../src/campaigns/index.js';
import { unsubscribeContact } from '../../src/consent/index.js';
import { upsertContact } from '../../src/contacts/index.js';
import { ingestEvents } from '../../src/events/index.js';
import { createSegment } from '../../src/segments/index.js';
import { isoInstant } from '../../src/shared/time.js';
import type { Store } from '../../src/store/index.js';
import type { Workspace } from '../../src/workspaces/index.js';
import { call, createTenant, testApp, testNow } from '../api/api-test-kit.js';
import { runSift } from '../contacts/cli-support.js';
import { describeEachStore } from '../support/stores.js';

interface Person {
  name: string;
  email?: string;
  phone?: string;
  country: string;
  consent: string[];
  tags?: string[];
  withdraw?: boolean;
  bounce?: { channel: string; type: string };
}

/** Each person is named for the one thing that decides them for `email`, `nl`, not `vip`. */
const people: Person[] = [
  { name: 'in', email: 'in@x.nl', country: 'NL', consent: ['marketing'] },
  { name: 'no-consent', email: 'nc@x.nl', country: 'NL', consent: ['sales_viewing'] },
  { name: 'no-email', phone: '+31611111111', country: 'NL', consent: ['marketing'] },
  {
    name: 'hard-bounce',
    email: 'hb@x.nl',
    phone: '+31622222222',
    country: 'NL',
    consent: ['marketing'],
    bounce: { channel: 'email', type: 'hard' },
  },
  { name: 'vip', email: 'vip@x.nl', country: 'NL', consent: ['marketing'], tags: ['vip'] },
  { name: 'belgian', email: 'be@x.nl', country: 'BE', consent: ['marketing'] },
  // Fails every check: counted once, under the first (no_consent).
  {
    name: 'withdrawn',
    phone: '+31633333333',
    country: 'NL',
    consent: ['marketing'],
    tags: ['vip'],
    withdraw: true,
  },
  {
    name: 'soft-bounce',
    email: 'sb@x.nl',
    country: 'NL',
    consent: ['marketing'],
    bounce: { channel: 'email', type: 'soft' },
  },
  {
    name: 'sms-bounce',
    email: 'smsb@x.nl',
    phone: '+31644444444',
    country: 'NL',
    consent: ['marketing'],
    bounce: { channel: 'sms', type: 'hard' },
  },
];

async function seed(store: Store, workspace: Workspace): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const person of people) {
    const { id } = await upsertContact(store.db, {
      workspaceId: workspace.id,
      now: testNow - 3_600_000,
      source: 'import',
      consent: person.consent,
      contact: {
        email: person.email,
        phone: person.phone,
        country: person.country,
        tags: person.tags ?? [],
      },
    });
    ids.set(person.name, id);
    if (person.withdraw) {
      await unsubscribeContact(store.db, {
        workspace,
        contactId: id,
        recordedAt: testNow - 60_000,
      });
    }
    if (person.bounce) {
      await ingestEvents({
        store,
        workspaceId: workspace.id,
        now: testNow,
        events: [
          {
            contact: { id },
            type: 'message.bounced',
            timestamp: isoInstant(testNow - 1000),
            properties: { campaign: 'spring', ...person.bounce },
          },
        ],
      });
    }
  }
  const segment = (key: string, condition: unknown, active = true) =>
    createSegment(store.db, {
      workspace,
      now: testNow,
      definition: { key, name: key, active, condition },
    });
  await segment('nl', { type: 'field', field: 'country', op: 'eq', value: 'NL' });
  await segment('vip', { type: 'tag', op: 'has_any', tags: ['vip'] });
  await segment('dormant', { type: 'tag', op: 'has_any', tags: ['dormant'] }, false);
  return ids;
}

describeEachStore('campaign audiences', (context) => {
  async function setUp() {
    const { store } = context();
    const tenant = await createTenant(store);
    const ids = await seed(store, tenant.workspace);
    return { store, tenant, ids };
  }

  it('counts the audience and each reason once, by the first reason failed', async () => {
    const { store, tenant, ids } = await setUp();
    const preview = await previewAudience(store, {
      workspace: tenant.workspace,
      now: testNow,
      request: { consent: 'marketing', include: ['nl'], exclude: ['vip'], channel: 'email' },
    });
    expect(preview.count).toBe(3);
    expect(preview.sample.map((member) => member.id)).toEqual(
      ['in', 'soft-bounce', 'sms-bounce'].map((name) => ids.get(name)),
    );
    expect(preview.excluded).toEqual({
      no_consent: 2,
      no_address: 1,
      bounced: 1,
      excluded_segment: 1,
    });
    expect(preview.candidates).toBe(8);
  });

  it('uses the phone and the sms bounces for sms, and everyone without includes', async () => {
    const { store, tenant, ids } = await setUp();
    const preview = await previewAudience(store, {
      workspace: tenant.workspace,
      now: testNow,
      request: { consent: 'marketing', channel: 'sms' },
    });
    expect(preview.sample.map((member) => member.id)).toEqual(
      ['no-email', 'hard-bounce'].map((name) => ids.get(name)),
    );
    expect(preview.excluded).toEqual({
      no_consent: 2,
      no_address: 4,
      bounced: 1,
      excluded_segment: 0,
    });
    expect(preview.candidates).toBe(people.length);
  });

  it('evaluates at now: before the consent was given nobody is in', async () => {
    const { store, tenant } = await setUp();
    const preview = await previewAudience(store, {
      workspace: tenant.workspace,
      now: testNow - 7_200_000,
      request: { consent: 'marketing', include: ['nl'], channel: 'email' },
    });
    expect(preview.count).toBe(0);
    expect(preview.excluded.no_consent).toBe(preview.candidates);
  });

  it('refuses inactive and unknown segments over the API, naming each', async () => {
    const { store, tenant } = await setUp();
    const app = testApp(store);
    const response = await call(app, 'POST', '/v1/audiences/preview', {
      key: tenant.key,
      json: {
        consent: 'marketing',
        include: ['nl', 'dormant'],
        exclude: ['ghost'],
        channel: 'email',
      },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([
      expect.objectContaining({ code: 'inactive_segment', path: 'include[1]' }),
      expect.objectContaining({ code: 'unknown_segment', path: 'exclude[0]' }),
    ]);
    expect(response.body.error.message).toContain('dormant');
    const unknownCategory = await call(app, 'POST', '/v1/audiences/preview', {
      key: tenant.key,
      json: { consent: 'nope', channel: 'email' },
    });
    expect(unknownCategory.status).toBe(400);
    expect(unknownCategory.body.error.path).toBe('consent');
    const ok = await call(app, 'POST', `/v1/audiences/preview?now=${isoInstant(testNow)}`, {
      key: tenant.key,
      json: { consent: 'marketing', include: ['nl'], exclude: ['vip'], channel: 'email' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ count: 3, candidates: 8, now: isoInstant(testNow) });
  });

  it('samples the first 20 by id and counts exactly', async () => {
    const { store } = context();
    const tenant = await createTenant(store);
    const ids: number[] = [];
    for (let index = 0; index < 25; index++) {
      const { id } = await upsertContact(store.db, {
        workspaceId: tenant.workspace.id,
        now: testNow,
        source: 'import',
        consent: ['marketing'],
        contact: { email: `many${index}@x.nl` },
      });
      ids.push(id);
    }
    const preview = await previewAudience(store, {
      workspace: tenant.workspace,
      now: testNow,
      request: { consent: 'marketing', channel: 'email' },
    });
    expect(preview.count).toBe(25);
    expect(preview.sample.map((member) => member.id)).toEqual(
      [...ids].sort((a, b) => a - b).slice(0, 20),
    );
  });

  it('previews from the CLI as JSON', async () => {
    const { store, url } = context();
    const tenant = await createTenant(store);
    await seed(store, tenant.workspace);
    const result = await runSift([
      'audience',
      'preview',
      '--db',
      url,
      '--workspace',
      tenant.workspace.key,
      '--consent',
      'marketing',
      '--include',
      'nl',
      '--exclude',
      'vip',
      '--channel',
      'email',
      '--now',
      isoInstant(testNow),
      '--json',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      count: 3,
      excluded: { no_consent: 2, no_address: 1, bounced: 1, excluded_segment: 1 },
    });
    const refused = await runSift([
      'audience',
      'preview',
      '--db',
      url,
      '--workspace',
      tenant.workspace.key,
      '--consent',
      'marketing',
      '--include',
      'dormant',
      '--channel',
      'email',
    ]);
    expect(refused.code).toBe(65);
    expect(refused.stderr).toContain('dormant');
  });
});
