import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { upsertContacts } from '../../src/contacts/index.js';
import {
  countEvents,
  importEvents,
  ingestEvents,
  listContactEvents,
} from '../../src/events/index.js';
import { createWorkspace } from '../../src/workspaces/index.js';
import { describeEachStore } from '../support/stores.js';

const now = Date.parse('2026-02-01T00:00:00Z');
let workspaceCounter = 0;

function ndjson(lines: readonly (string | object)[]): Readable {
  const text = lines
    .map((line) => (typeof line === 'string' ? line : JSON.stringify(line)))
    .join('\n');
  // Small chunks: lines straddle chunk boundaries as they do in real files.
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += 13)
    chunks.push(bytes.subarray(start, start + 13));
  return Readable.from(chunks);
}

const purchase = (fields: Record<string, unknown>) => ({
  contact: { email: 'ann@example.com' },
  type: 'purchase',
  timestamp: '2026-01-31T10:00:00Z',
  ...fields,
});

describeEachStore('events import and ingest', (context) => {
  async function workspaceWithContacts(): Promise<{
    workspaceId: number;
    ann: number;
    bob: number;
  }> {
    workspaceCounter += 1;
    const { store } = context();
    const workspace = await createWorkspace(store.db, { key: `import-${workspaceCounter}`, now });
    const results = await upsertContacts(store.db, {
      workspaceId: workspace.id,
      now,
      source: 'import',
      consent: ['marketing'],
      contacts: [
        { email: 'Ann@Example.com', external_id: 'C-ann' },
        { email: 'bob@example.com', phone: '+32470123456' },
      ],
    });
    const [ann, bob] = results.map((result) => (result.ok ? result.id : Number.NaN));
    return { workspaceId: workspace.id, ann: ann!, bob: bob! };
  }

  it('imports good lines, rejects bad ones with line and path, ignores duplicates', async () => {
    const { workspaceId, ann, bob } = await workspaceWithContacts();
    const summary = await importEvents({
      store: context().store,
      workspaceId,
      now,
      batchSize: 3,
      input: ndjson([
        purchase({ id: 'e-1', properties: { amount: 10 } }),
        '',
        purchase({ properties: [] }),
        '{"id": "broken"',
        purchase({ id: 'e-1', properties: { amount: 99 } }),
        purchase({ contact: { email: 'nobody@example.com' } }),
        '   ',
        purchase({ contact: { phone: '+32470123456' }, type: 'message.opened' }),
        purchase({ contact: { external_id: 'C-ann' }, id: 'e-2' }),
        purchase({ contact: { id: bob }, timestamp: '2026-01-31' }),
        purchase({ id: 'e-2' }),
      ]),
    });
    expect(summary).toMatchObject({
      rows: 9,
      created: 3,
      skipped: 2,
      duplicates: 2,
      rejectedCount: 4,
    });
    expect(summary.rejected.map((row) => [row.line, row.reason])).toEqual([
      [3, 'properties: expected an object'],
      [4, expect.stringMatching(/^invalid JSON: /)],
      [6, 'contact: no contact with email "nobody@example.com"'],
      [10, 'timestamp: expected an ISO 8601 date-time such as 2026-01-31T10:00:00Z'],
    ]);
    const annEvents = await listContactEvents(context().store.db, { workspaceId, contactId: ann });
    expect(annEvents.events.map((event) => [event.clientId, event.properties])).toEqual([
      ['e-2', {}],
      ['e-1', { amount: 10 }],
    ]);
    expect(await countEvents(context().store.db, { workspaceId, contactId: bob })).toBe(1);
  });

  it('a second import of the same file stores nothing new', async () => {
    const { workspaceId } = await workspaceWithContacts();
    const lines = [purchase({ id: 'a' }), purchase({ id: 'b' }), purchase({})];
    const first = await importEvents({
      store: context().store,
      workspaceId,
      now,
      input: ndjson(lines),
    });
    const second = await importEvents({
      store: context().store,
      workspaceId,
      now,
      input: ndjson(lines),
    });
    expect([first.created, first.duplicates]).toEqual([3, 0]);
    // The event without id counts again: SPEC §2, events without id all count.
    expect([second.created, second.duplicates]).toEqual([1, 2]);
    expect(await countEvents(context().store.db, { workspaceId })).toBe(4);
  });

  it('ingests an API batch with one result per item', async () => {
    const { workspaceId, ann } = await workspaceWithContacts();
    await ingestEvents({
      store: context().store,
      workspaceId,
      now,
      events: [purchase({ id: 'old' })],
    });
    const result = await ingestEvents({
      store: context().store,
      workspaceId,
      now,
      events: [
        purchase({ id: 'old', type: 'changed' }),
        purchase({ id: 'new', timestamp: '2026-01-31T12:00:00+02:00' }),
        purchase({ id: 'new' }),
        purchase({ contact: { email: 'ghost@example.com' } }),
        'not an object',
      ],
    });
    expect(result.results).toEqual([
      { index: 0, status: 'duplicate', contactId: ann },
      { index: 1, status: 'created', contactId: ann },
      { index: 2, status: 'duplicate', contactId: ann },
      {
        index: 3,
        status: 'rejected',
        problems: [
          {
            code: 'unknown_contact',
            path: 'contact',
            message: 'no contact with email "ghost@example.com"',
          },
        ],
      },
      {
        index: 4,
        status: 'rejected',
        problems: [{ code: 'invalid_event', message: 'expected an object' }],
      },
    ]);
    expect(result).toMatchObject({ created: 1, duplicates: 2, rejected: 2, contactIds: [ann] });
    const page = await listContactEvents(context().store.db, { workspaceId, contactId: ann });
    expect(page.events.map((event) => [event.clientId, event.type, event.occurredAt])).toEqual([
      ['new', 'purchase', Date.parse('2026-01-31T10:00:00Z')],
      ['old', 'purchase', Date.parse('2026-01-31T10:00:00Z')],
    ]);
  });

  it('does not see contacts of another workspace', async () => {
    const first = await workspaceWithContacts();
    const second = await workspaceWithContacts();
    const result = await ingestEvents({
      store: context().store,
      workspaceId: second.workspaceId,
      now,
      events: [purchase({ contact: { id: first.ann } })],
    });
    expect(result.results[0]?.status).toBe('rejected');
  });
});
