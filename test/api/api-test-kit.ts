import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { expect } from 'vitest';
import { type ApiApp, createApiKey, createApp } from '../../src/api/index.js';
import type { Store } from '../../src/store/index.js';
import { createWorkspace, type Workspace } from '../../src/workspaces/index.js';

/** The instant every test app runs at, so recorded times are predictable. */
export const testNow = Date.parse('2026-03-01T12:00:00Z');

export interface TestTenant {
  workspace: Workspace;
  key: string;
}

/** A fresh workspace with one API key: tests never share rows. */
export async function createTenant(store: Store, timeZone = 'UTC'): Promise<TestTenant> {
  const workspaceKey = `ws-${randomBytes(4).toString('hex')}`;
  const workspace = await store.db
    .transaction()
    .execute((transaction) =>
      createWorkspace(transaction, { key: workspaceKey, timeZone, now: testNow }),
    );
  const created = await createApiKey(store.db, {
    workspaceId: workspace.id,
    name: 'test',
    now: testNow,
  });
  return { workspace, key: created.key };
}

export interface LogCapture {
  lines: Array<Record<string, unknown>>;
}

/** A pino logger whose lines land in memory, for assertions on what was logged. */
export function capturingLogger(): { logger: pino.Logger; capture: LogCapture } {
  const capture: LogCapture = { lines: [] };
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) {
        if (line.trim() !== '') capture.lines.push(JSON.parse(line));
      }
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), capture };
}

export function testApp(store: Store, options: { bodyLimitBytes?: number } = {}): ApiApp {
  return createApp({ store, now: () => testNow, ...options });
}

export interface CallOptions {
  key?: string | undefined;
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
  body: any;
}

/** One in-process request; the body is parsed when it is JSON. */
export async function call(
  app: ApiApp,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key !== undefined) headers.Authorization = `Bearer ${options.key}`;
  let body: string | undefined = options.body;
  if (options.json !== undefined) {
    headers['Content-Type'] ??= 'application/json';
    body = JSON.stringify(options.json);
  }
  const response = await app.request(path, { method, headers, body });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    headers: response.headers,
    body: type.includes('json') && text !== '' ? JSON.parse(text) : text,
  };
}

/** Creates a contact through the API (consent marketing) and returns its JSON. */
export async function postContact(
  app: ApiApp,
  key: string,
  contact: Record<string, unknown>,
): Promise<CallResult['body']> {
  const response = await call(app, 'POST', '/v1/contacts', {
    key,
    json: { consent: ['marketing'], ...contact },
  });
  if (response.status !== 201) {
    throw new Error(`contact not created: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

/** Follows `next_cursor` from the first page to the last; returns every page's items. */
export async function walkPages(
  app: ApiApp,
  key: string,
  path: string,
  limit: number,
): Promise<{ items: Array<{ id: number }>; pages: number }> {
  const items: Array<{ id: number }> = [];
  let after: string | null = null;
  let pages = 0;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const cursor: string = after === null ? '' : `&after=${encodeURIComponent(after)}`;
    const response = await call(app, 'GET', `${path}${separator}limit=${limit}${cursor}`, { key });
    if (response.status !== 200) throw new Error(`page failed: ${JSON.stringify(response.body)}`);
    expect(response.body.data.length).toBeLessThanOrEqual(limit);
    items.push(...response.body.data);
    after = response.body.next_cursor;
    pages += 1;
    if (pages > 1000) throw new Error('pagination does not end');
  } while (after !== null);
  return { items, pages };
}
