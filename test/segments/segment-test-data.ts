import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { importBookings } from '../../src/bookings/index.js';
import {
  addListMembers,
  createField,
  ensureList,
  upsertContacts,
} from '../../src/contacts/index.js';
import { ingestEvents } from '../../src/events/index.js';
import type { Store } from '../../src/store/index.js';
import { createWorkspace, type Workspace } from '../../src/workspaces/index.js';

/**
 * A small workspace written through the real domain modules (contacts, lists, events,
 * bookings, consent), used by the segment tests on both stores.
 *
 * | contact | country | tags    | tier | list       | behaviour                                   | consent          |
 * | anna    | NL      | vip     | gold | newsletter | 3 purchases in Feb 2026 (100, 200, 300)     | marketing        |
 * | bob     | BE      | cycling |      | newsletter | 1 purchase in Jan 2025 (50); a booking      | marketing, booking_marketing |
 * | carl    | nl      |         |      |            | opened the "spring" campaign on 2026-02-20  | marketing        |
 * | dora    | DE      |         | silver |          |                                             | owners_marketing |
 */

export const testNow = Date.parse('2026-03-01T12:00:00Z');
export const testNowIso = '2026-03-01T12:00:00Z';

export interface SegmentWorld {
  workspace: Workspace;
  ids: { anna: number; bob: number; carl: number; dora: number };
}

async function contact(
  store: Store,
  input: { workspaceId: number; consent: string[]; contact: Record<string, unknown> },
): Promise<number> {
  const [result] = await upsertContacts(store.db, {
    workspaceId: input.workspaceId,
    now: Date.parse('2026-01-01T00:00:00Z'),
    source: 'import',
    consent: input.consent,
    contacts: [input.contact],
  });
  if (!result?.ok) throw new Error(`test contact rejected: ${JSON.stringify(result)}`);
  return result.id;
}

const bookingHeader =
  'booking_id,email,first_name,last_name,phone,property,room_type,arrival,departure,status,confirmed_at,channel,guests,amount';

export async function createWorkspaceFor(store: Store): Promise<Workspace> {
  return createWorkspace(store.db, {
    key: `seg-${randomBytes(4).toString('hex')}`,
    now: Date.parse('2026-01-01T00:00:00Z'),
  });
}

export async function createSegmentWorld(store: Store): Promise<SegmentWorld> {
  const workspace = await createWorkspaceFor(store);
  const workspaceId = workspace.id;
  const now = Date.parse('2026-01-01T00:00:00Z');
  await createField(store.db, {
    workspaceId,
    now,
    field: { key: 'tier', type: 'select', options: ['gold', 'silver'] },
  });
  const marketing = ['marketing'];
  const anna = await contact(store, {
    workspaceId,
    consent: marketing,
    contact: {
      email: 'anna@example.nl',
      first_name: 'Anna',
      country: 'NL',
      tags: ['VIP'],
      custom: { tier: 'gold' },
    },
  });
  const bob = await contact(store, {
    workspaceId,
    consent: marketing,
    contact: { email: 'bob@example.be', first_name: 'Bob', country: 'BE', tags: ['cycling'] },
  });
  const carl = await contact(store, {
    workspaceId,
    consent: marketing,
    contact: { email: 'carl@example.nl', phone: '+31612345678', country: 'nl' },
  });
  const dora = await contact(store, {
    workspaceId,
    consent: ['owners_marketing'],
    contact: {
      email: 'dora@example.de',
      external_id: 'D-1',
      country: 'DE',
      custom: { tier: 'silver' },
    },
  });
  await ensureList(store.db, { workspaceId, key: 'newsletter', source: 'manual', now });
  await addListMembers(store.db, {
    workspaceId,
    listKey: 'newsletter',
    contactIds: [anna, bob],
    now,
  });
  await ingestEvents({
    store,
    workspaceId,
    now,
    events: [
      ...[100, 200, 300].map((amount, index) => ({
        id: `p-anna-${index}`,
        contact: { id: anna },
        type: 'purchase',
        timestamp: `2026-02-0${index + 1}T10:00:00Z`,
        properties: { amount, department: 'Accessories' },
      })),
      {
        id: 'p-bob',
        contact: { id: bob },
        type: 'purchase',
        timestamp: '2025-01-15T10:00:00Z',
        properties: { amount: 50 },
      },
      {
        id: 'o-carl',
        contact: { email: 'carl@example.nl' },
        type: 'message.opened',
        timestamp: '2026-02-20T09:00:00Z',
        properties: { campaign: 'spring', channel: 'email' },
      },
    ],
  });
  await importBookings({
    store,
    workspace,
    now: Date.parse('2026-02-15T00:00:00Z'),
    input: Readable.from([
      `${bookingHeader}\nB-1,bob@example.be,Bob,,,Dune Hotel,double,2026-04-10,2026-04-12,confirmed,2026-02-15T00:00:00Z,web,2,400\n`,
    ]),
  });
  return { workspace, ids: { anna, bob, carl, dora } };
}
