import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/index.js';
import { openStore } from '../../src/store/index.js';
import { describeEachStore } from '../support/stores.js';
import { call, capturingLogger, createTenant, testApp, testNow } from './api-test-kit.js';

describeEachStore('api shell', (context) => {
  describe('authentication', () => {
    it.each<{ description: string; headers: Record<string, string> }>([
      { description: 'no Authorization header', headers: {} },
      { description: 'an unknown key', headers: { Authorization: 'Bearer sift_not-a-real-key' } },
      { description: 'a key without the sift_ prefix', headers: { Authorization: 'Bearer abc' } },
      { description: 'a Basic credential', headers: { Authorization: 'Basic dXNlcjpwYXNz' } },
      { description: 'an empty Bearer', headers: { Authorization: 'Bearer ' } },
    ])('refuses $description with 401', async ({ headers }) => {
      const app = testApp(context().store);
      const response = await call(app, 'GET', '/v1/workspace', { headers });
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('unauthorized');
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="sift"');
    });

    it('accepts a valid key and refuses it once revoked', async () => {
      const { store } = context();
      const tenant = await createTenant(store);
      const app = testApp(store);
      const created = await call(app, 'POST', '/v1/api-keys', {
        key: tenant.key,
        json: { name: 'short-lived' },
      });
      expect(created.status).toBe(201);
      expect(created.body.key).toMatch(/^sift_[A-Za-z0-9_-]{43}$/);
      expect(created.body.key.startsWith(created.body.prefix)).toBe(true);
      const before = await call(app, 'GET', '/v1/workspace', { key: created.body.key });
      expect(before.status).toBe(200);
      const revoked = await call(app, 'DELETE', `/v1/api-keys/${created.body.id}`, {
        key: tenant.key,
      });
      expect(revoked.status).toBe(204);
      const after = await call(app, 'GET', '/v1/workspace', { key: created.body.key });
      expect(after.status).toBe(401);
      const stillValid = await call(app, 'GET', '/v1/workspace', { key: tenant.key });
      expect(stillValid.status).toBe(200);
    });

    it('keeps public pages public', async () => {
      const app = testApp(context().store);
      expect((await call(app, 'GET', '/healthz')).body).toEqual({ status: 'ok' });
      expect((await call(app, 'GET', '/openapi.json')).status).toBe(200);
    });
  });

  describe('workspace', () => {
    it("returns the key's own workspace with its time zone", async () => {
      const { store } = context();
      const tenant = await createTenant(store, 'Europe/Amsterdam');
      const response = await call(testApp(store), 'GET', '/v1/workspace', { key: tenant.key });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        key: tenant.workspace.key,
        name: tenant.workspace.key,
        time_zone: 'Europe/Amsterdam',
        created_at: new Date(testNow).toISOString(),
      });
    });

    it('renames and changes the time zone, and only of its own workspace', async () => {
      const { store } = context();
      const first = await createTenant(store);
      const second = await createTenant(store);
      const app = testApp(store);
      const patched = await call(app, 'PATCH', '/v1/workspace', {
        key: first.key,
        json: { name: 'Hotel Zee', time_zone: 'America/New_York' },
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ name: 'Hotel Zee', time_zone: 'America/New_York' });
      const again = await call(app, 'GET', '/v1/workspace', { key: first.key });
      expect(again.body.time_zone).toBe('America/New_York');
      const other = await call(app, 'GET', '/v1/workspace', { key: second.key });
      expect(other.body).toMatchObject({ name: second.workspace.key, time_zone: 'UTC' });
    });

    it.each([
      {
        description: 'an unknown time zone',
        json: { time_zone: 'Mars/Olympus' },
        path: 'time_zone',
      },
      { description: 'an empty name', json: { name: '  ' }, path: 'name' },
      { description: 'an unknown property', json: { colour: 'red' }, path: 'colour' },
      { description: 'a wrong type', json: { name: 42 }, path: 'name' },
    ])('rejects $description with 400 naming the path', async ({ json, path }) => {
      const { store } = context();
      const tenant = await createTenant(store);
      const response = await call(testApp(store), 'PATCH', '/v1/workspace', {
        key: tenant.key,
        json,
      });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('invalid_input');
      expect(response.body.error.path ?? '').toBe(path);
      expect(response.body.error.details.length).toBeGreaterThan(0);
    });
  });

  describe('api keys', () => {
    it('lists prefixes, never secrets, and only of its own workspace', async () => {
      const { store } = context();
      const first = await createTenant(store);
      const second = await createTenant(store);
      const app = testApp(store);
      const listed = await call(app, 'GET', '/v1/api-keys', { key: first.key });
      expect(listed.status).toBe(200);
      expect(listed.body.data).toHaveLength(1);
      expect(listed.body.data[0]).toEqual({
        id: expect.any(Number),
        name: 'test',
        prefix: first.key.slice(0, 12),
        created_at: new Date(testNow).toISOString(),
      });
      expect(JSON.stringify(listed.body)).not.toContain(first.key);
      const otherId = (await call(app, 'GET', '/v1/api-keys', { key: second.key })).body.data[0].id;
      const crossRevoke = await call(app, 'DELETE', `/v1/api-keys/${otherId}`, { key: first.key });
      expect(crossRevoke.status).toBe(404);
      expect((await call(app, 'GET', '/v1/workspace', { key: second.key })).status).toBe(200);
    });

    it('rejects a non-numeric id with 400 and names the parameter', async () => {
      const { store } = context();
      const tenant = await createTenant(store);
      const response = await call(testApp(store), 'DELETE', '/v1/api-keys/abc', {
        key: tenant.key,
      });
      expect(response.status).toBe(400);
      expect(response.body.error.path).toBe('id');
    });
  });

  describe('protocol errors', () => {
    it('answers malformed JSON with 400', async () => {
      const { store } = context();
      const tenant = await createTenant(store);
      const response = await call(testApp(store), 'PATCH', '/v1/workspace', {
        key: tenant.key,
        body: '{"name": ',
        headers: { 'Content-Type': 'application/json' },
      });
      expect(response.status).toBe(400);
      expect(response.body.error).toEqual({
        code: 'invalid_input',
        message: 'Malformed JSON in request body',
      });
    });

    it('answers an unknown route with a JSON 404', async () => {
      const { store } = context();
      const tenant = await createTenant(store);
      const app = testApp(store);
      const underV1 = await call(app, 'GET', '/v1/nothing-here', { key: tenant.key });
      expect(underV1.status).toBe(404);
      expect(underV1.body.error.code).toBe('not_found');
      const outside = await call(app, 'GET', '/nothing-here');
      expect(outside.status).toBe(404);
      expect(outside.body.error.code).toBe('not_found');
    });

    it('answers a wrong method with 405 and an Allow header', async () => {
      const { store } = context();
      const tenant = await createTenant(store);
      const response = await call(testApp(store), 'PUT', '/v1/workspace', { key: tenant.key });
      expect(response.status).toBe(405);
      expect(response.body.error.code).toBe('method_not_allowed');
      expect(response.headers.get('allow')).toBe('GET, HEAD, PATCH');
    });

    it('answers a body over the limit with 413 before reading it', async () => {
      const { store } = context();
      const tenant = await createTenant(store);
      const app = testApp(store, { bodyLimitBytes: 64 });
      const response = await call(app, 'PATCH', '/v1/workspace', {
        key: tenant.key,
        json: { name: 'x'.repeat(100) },
      });
      expect(response.status).toBe(413);
      expect(response.body.error.code).toBe('payload_too_large');
    });

    it('answers a non-JSON body on a JSON route with 415', async () => {
      const { store } = context();
      const tenant = await createTenant(store);
      const response = await call(testApp(store), 'PATCH', '/v1/workspace', {
        key: tenant.key,
        body: 'name=x',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      expect(response.status).toBe(415);
      expect(response.body.error.code).toBe('unsupported_media_type');
    });

    it('logs each request with method, path, status and duration', async () => {
      const { store } = context();
      const { logger, capture } = capturingLogger();
      const app = createApp({ store, logger, now: () => testNow });
      await call(app, 'GET', '/healthz');
      await call(app, 'GET', '/v1/workspace');
      const requests = capture.lines.filter((line) => line.msg === 'request');
      expect(requests.map((line) => [line.method, line.path, line.status])).toEqual([
        ['GET', '/healthz', 200],
        ['GET', '/v1/workspace', 401],
      ]);
      expect(typeof requests[0]?.duration_ms).toBe('number');
    });
  });
});

describe('api shell on a broken store', () => {
  it('answers 500 with a generic message and logs the cause', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sift-api-'));
    const store = await openStore(join(directory, 'broken.db'));
    await store.close();
    try {
      const { logger, capture } = capturingLogger();
      const app = createApp({ store, logger });
      const response = await app.request('/v1/workspace', {
        headers: { Authorization: 'Bearer sift_anything' },
      });
      const body = await response.json();
      expect(response.status).toBe(500);
      expect(body).toEqual({ error: { code: 'internal', message: 'Internal error' } });
      const failure = capture.lines.find((line) => line.msg === 'request failed');
      expect(failure?.path).toBe('/v1/workspace');
      expect(JSON.stringify(failure?.err)).toMatch(/destroyed|closed|not open/i);
      const health = await app.request('/healthz');
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: 'unavailable' });
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
