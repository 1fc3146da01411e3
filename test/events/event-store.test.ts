import { expect, it } from 'vitest';
import {
  countEvents,
  insertEvents,
  listContactEvents,
  type NormalisedEvent,
  parseEvent,
  type ResolvedEvent,
} from '../../src/events/index.js';
import { readJson } from '../../src/store/index.js';
import { createWorkspace } from '../../src/workspaces/index.js';
import { describeEachStore } from '../support/stores.js';

const now = Date.parse('2026-02-01T00:00:00Z');

function event(fields: Record<string, unknown>): NormalisedEvent {
  const result = parseEvent({
    contact: { id: 1 },
    type: 'purchase',
    timestamp: '2026-01-31T10:00:00Z',
    ...fields,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.event;
}

function resolved(contactId: number, fields: Record<string, unknown>): ResolvedEvent {
  return { contactId, event: event(fields) };
}

let workspaceCounter = 0;

describeEachStore('event store', (context) => {
  async function freshWorkspace(): Promise<number> {
    workspaceCounter += 1;
    const workspace = await createWorkspace(context().store.db, {
      key: `events-${workspaceCounter}`,
      now,
    });
    return workspace.id;
  }

  async function insert(workspaceId: number, events: ResolvedEvent[]): Promise<boolean[]> {
    const { store } = context();
    return store.db
      .transaction()
      .execute((db) => insertEvents({ store, db, workspaceId, events, receivedAt: now }));
  }

  it('ignores a client id seen earlier in the same batch, even with other content', async () => {
    const workspaceId = await freshWorkspace();
    const stored = await insert(workspaceId, [
      resolved(1, { id: 'e-1', properties: { amount: 10 } }),
      resolved(1, { id: 'e-1', properties: { amount: 99 } }),
      resolved(1, { properties: { amount: 5 } }),
      resolved(1, { properties: { amount: 5 } }),
    ]);
    expect(stored).toEqual([true, false, true, true]);
    const page = await listContactEvents(context().store.db, { workspaceId, contactId: 1 });
    const amounts = page.events.map((stored) => stored.properties.amount).sort();
    expect(amounts).toEqual([10, 5, 5]);
  });

  it('ignores a client id stored by an earlier batch: the first delivery counts', async () => {
    const workspaceId = await freshWorkspace();
    expect(await insert(workspaceId, [resolved(1, { id: 'e-1', type: 'first' })])).toEqual([true]);
    expect(
      await insert(workspaceId, [
        resolved(2, { id: 'e-2' }),
        resolved(1, { id: 'e-1', type: 'second' }),
      ]),
    ).toEqual([true, false]);
    const page = await listContactEvents(context().store.db, { workspaceId, contactId: 1 });
    expect(page.events.map((stored) => stored.type)).toEqual(['first']);
    expect(await countEvents(context().store.db, { workspaceId })).toBe(2);
  });

  it('keeps client ids per workspace', async () => {
    const first = await freshWorkspace();
    const second = await freshWorkspace();
    expect(await insert(first, [resolved(1, { id: 'shared' })])).toEqual([true]);
    expect(await insert(second, [resolved(1, { id: 'shared' })])).toEqual([true]);
  });

  it('stores properties as received with their text and number twins', async () => {
    const workspaceId = await freshWorkspace();
    await insert(workspaceId, [
      resolved(1, {
        properties: { amount: '80.5', product: ' TRUCK ', gift: true, meta: { a: 1 }, code: '1e3' },
      }),
    ]);
    const row = await context()
      .store.db.selectFrom('events')
      .select(['properties', 'property_text', 'property_number', 'occurred_at', 'received_at'])
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow();
    expect(readJson(row.properties)).toEqual({
      amount: '80.5',
      product: ' TRUCK ',
      gift: true,
      meta: { a: 1 },
      code: '1e3',
    });
    expect(readJson(row.property_text)).toEqual({
      amount: '80.5',
      product: 'truck',
      gift: 'true',
      code: '1e3',
    });
    expect(readJson(row.property_number)).toEqual({ amount: 80.5 });
    expect(Number(row.occurred_at)).toBe(Date.parse('2026-01-31T10:00:00Z'));
    expect(Number(row.received_at)).toBe(now);
  });

  it('pages a contact’s events newest first with a stable cursor', async () => {
    const workspaceId = await freshWorkspace();
    const timestamps = [
      '2026-01-01T00:00:00Z',
      '2026-01-03T00:00:00Z',
      '2026-01-02T00:00:00Z',
      '2026-01-03T00:00:00Z',
      '2026-01-04T00:00:00+02:00',
    ];
    await insert(
      workspaceId,
      timestamps.map((timestamp, index) => resolved(7, { timestamp, id: `t-${index}` })),
    );
    await insert(workspaceId, [resolved(8, { id: 'other' })]);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const result = await listContactEvents(context().store.db, {
        workspaceId,
        contactId: 7,
        limit: 2,
        cursor,
      });
      seen.push(...result.events.map((stored) => stored.clientId!));
      if (result.nextCursor === null) break;
      cursor = result.nextCursor;
    }
    // Same instant: the later stored (t-3) comes first.
    expect(seen).toEqual(['t-4', 't-3', 't-1', 't-2', 't-0']);
    expect(await countEvents(context().store.db, { workspaceId, contactId: 7 })).toBe(5);
    expect(await countEvents(context().store.db, { workspaceId, contactId: 7, type: 'x' })).toBe(0);
  });

  it('filters a contact’s events by type', async () => {
    const workspaceId = await freshWorkspace();
    await insert(workspaceId, [
      resolved(3, { type: 'message.opened', properties: { campaign: 'Spring' } }),
      resolved(3, { type: 'purchase' }),
    ]);
    const page = await listContactEvents(context().store.db, {
      workspaceId,
      contactId: 3,
      type: 'message.opened',
    });
    expect(page.events.map((stored) => stored.properties)).toEqual([{ campaign: 'Spring' }]);
    expect(page.nextCursor).toBeNull();
  });
});
