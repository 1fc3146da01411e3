import { beforeAll, expect, it } from 'vitest';
import { type ApiApp, createApiKey } from '../../src/api/index.js';
import { call, testApp } from '../api/api-test-kit.js';
import { describeEachStore } from '../support/stores.js';
import { createSegmentWorld, type SegmentWorld, testNowIso } from './segment-test-data.js';

const nl = { type: 'field', field: 'country', op: 'eq', value: 'NL' };

describeEachStore('segments API', (context) => {
  let app: ApiApp;
  let key: string;
  let world: SegmentWorld;
  const request = (
    method: string,
    path: string,
    json?: unknown,
    headers?: Record<string, string>,
  ) => call(app, method, path, { key, json, ...(headers ? { headers } : {}) });

  beforeAll(async () => {
    const { store } = context();
    world = await createSegmentWorld(store);
    key = (
      await createApiKey(store.db, {
        workspaceId: world.workspace.id,
        name: 'test',
        now: Date.now(),
      })
    ).key;
    app = testApp(store);
  });

  it('creates, reads, updates with versions, and lists segments in tree order', async () => {
    const created = await request('POST', '/v1/segments', {
      key: 'nl',
      name: 'Dutch',
      condition: nl,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      key: 'nl',
      version: 1,
      kind: 'rules',
      built_in: false,
      active: true,
      parent: null,
    });
    const child = await request('POST', '/v1/segments', {
      key: 'nl-vip',
      name: 'Dutch VIPs',
      parent: 'nl',
      condition: { type: 'tag', op: 'has_any', tags: ['vip'] },
    });
    expect(child.status).toBe(201);
    const updated = await request('PUT', '/v1/segments/nl', {
      name: 'Netherlands',
      description: 'NL',
      condition: nl,
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      key: 'nl',
      name: 'Netherlands',
      description: 'NL',
      version: 2,
    });
    const shown = await request('GET', '/v1/segments/nl');
    expect(shown.status).toBe(200);
    expect(
      shown.body.versions.map((version: { version: number; definition: { name: string } }) => [
        version.version,
        version.definition.name,
      ]),
    ).toEqual([
      [1, 'Dutch'],
      [2, 'Netherlands'],
    ]);
    const versions = await request('GET', '/v1/segments/nl/versions');
    expect(versions.body.data).toHaveLength(2);
    const list = await request('GET', '/v1/segments');
    const keys = list.body.data.map(
      (segment: { key: string; depth: number }) => `${segment.key}@${segment.depth}`,
    );
    expect(keys.slice(-2)).toEqual(['nl@0', 'nl-vip@1']);
    expect(keys[0]).toBe('consent-marketing@0');
  });

  it('answers 400 validation_failed with every problem and its path', async () => {
    const response = await request('POST', '/v1/segments', {
      key: 'broken',
      name: 'Broken',
      condition: {
        type: 'any',
        conditions: [
          { type: 'field', field: 'country', op: 'gt', value: 3 },
          { type: 'tag', op: 'has_some', tags: ['vip'] },
          { type: 'event', event: 'purchase', count: { op: 'gte', value: 'three' } },
        ],
      },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(response.body.error.path).toBe('condition.conditions[0].op');
    const paths = response.body.error.details.map((detail: { path: string }) => detail.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'condition.conditions[0].op',
        'condition.conditions[1].op',
        'condition.conditions[2].count.value',
      ]),
    );
    const unknownField = await request('PUT', '/v1/segments/nl', {
      name: 'x',
      condition: { type: 'field', field: 'colour', op: 'eq', value: 1 },
    });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error).toMatchObject({
      code: 'validation_failed',
      path: 'condition.field',
    });
  });

  it('refuses trees past the bounds before parsing them', async () => {
    // Written as text: a tree this deep is beyond JSON.stringify's stack in a test worker.
    const deep = `${'{"type":"not","condition":'.repeat(5000)}${JSON.stringify(nl)}${'}'.repeat(5000)}`;
    const response = await call(app, 'POST', '/v1/segments', {
      key,
      body: `{"key":"deep","name":"Deep","condition":${deep}}`,
      headers: { 'Content-Type': 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(response.body.error.details[0].code).toBe('too_deep');
  });

  it('counts and pages members at ?now, and exports CSV', async () => {
    const count = await request('GET', `/v1/segments/nl/count?now=${testNowIso}`);
    expect(count.body).toEqual({ count: 2, now: '2026-03-01T12:00:00.000Z' });
    const first = await request('GET', '/v1/segments/consent-marketing/members?limit=2');
    expect(first.body.data.map((member: { id: number }) => member.id)).toEqual([
      world.ids.anna,
      world.ids.bob,
    ]);
    expect(first.body.next_cursor).toBe(String(world.ids.bob));
    const second = await request(
      'GET',
      `/v1/segments/consent-marketing/members?limit=2&after=${first.body.next_cursor}`,
    );
    expect(second.body).toMatchObject({
      data: [{ id: world.ids.carl, phone: '+31612345678' }],
      next_cursor: null,
    });
    const csv = await request('GET', '/v1/segments/nl/members', undefined, { Accept: 'text/csv' });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.body).toBe(
      'id,email,external_id,phone,first_name,last_name\n' +
        `${world.ids.anna},anna@example.nl,,,Anna,\n${world.ids.carl},carl@example.nl,,+31612345678,,\n`,
    );
    const byQuery = await request('GET', '/v1/segments/nl/members?format=csv&limit=1');
    expect(byQuery.body.trim().split('\n')).toHaveLength(2);
    const missing = await request('GET', '/v1/segments/ghost/members?format=csv');
    expect(missing.status).toBe(404);
    const badNow = await request('GET', '/v1/segments/nl/count?now=yesterday');
    expect(badNow.status).toBe(400);
  });

  it('explains a contact named by id or email, and lists the segments of a contact', async () => {
    const byEmail = await request(
      'GET',
      `/v1/segments/nl-vip/explain/${encodeURIComponent('anna@example.nl')}?now=${testNowIso}`,
    );
    expect(byEmail.status).toBe(200);
    expect(byEmail.body).toMatchObject({
      segment: 'nl-vip',
      contact: world.ids.anna,
      result: true,
      tree: { segment: 'nl-vip', result: true },
    });
    const byId = await request('GET', `/v1/segments/nl-vip/explain/${world.ids.bob}`);
    expect(byId.body.result).toBe(false);
    const nobody = await request('GET', '/v1/segments/nl-vip/explain/nobody@example.nl');
    expect(nobody.status).toBe(404);
    const segments = await request(
      'GET',
      `/v1/contacts/${world.ids.carl}/segments?now=${testNowIso}`,
    );
    expect(segments.status).toBe(200);
    expect(segments.body.data.map((segment: { key: string }) => segment.key).sort()).toEqual([
      'consent-marketing',
      'nl',
    ]);
  });

  it('previews an unsaved tree with count and sample', async () => {
    const preview = await request('POST', `/v1/segments/preview?now=${testNowIso}&sample=1`, {
      type: 'list',
      op: 'in',
      lists: ['newsletter'],
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ count: 2, sample: [{ id: world.ids.anna }] });
    const definition = await request('POST', '/v1/segments/preview', {
      parent: 'nl',
      condition: { type: 'list', op: 'in', lists: ['newsletter'] },
    });
    expect(definition.body.count).toBe(1);
    const invalid = await request('POST', '/v1/segments/preview', {
      type: 'list',
      op: 'in',
      lists: ['nope'],
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toMatchObject({ code: 'validation_failed', path: 'lists[0]' });
  });

  it('refuses deletes that would break dependents or a built-in, then deletes', async () => {
    const refused = await request('DELETE', '/v1/segments/nl');
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toEqual([
      expect.objectContaining({ path: 'nl-vip', code: 'child_segment' }),
    ]);
    expect((await request('DELETE', '/v1/segments/consent-marketing')).status).toBe(409);
    expect((await request('DELETE', '/v1/segments/nl-vip')).status).toBe(204);
    expect((await request('GET', '/v1/segments/nl-vip')).status).toBe(404);
  });

  it('describes the routes and the segment schema in the OpenAPI document', async () => {
    const document = await call(app, 'GET', '/openapi.json');
    expect(document.status).toBe(200);
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/segments',
        '/v1/segments/{key}',
        '/v1/segments/{key}/members',
        '/v1/segments/{key}/explain/{contact}',
        '/v1/segments/preview',
        '/v1/contacts/{id}/segments',
      ]),
    );
    expect(document.body.components.schemas.Condition.oneOf.length).toBeGreaterThan(5);
    expect(document.body.components.schemas.SegmentDefinition.properties.condition).toEqual({
      $ref: '#/components/schemas/Condition',
    });
  });
});
