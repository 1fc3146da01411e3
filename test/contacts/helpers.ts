import { randomBytes } from 'node:crypto';
import type { Store } from '../../src/store/index.js';
import { createWorkspace, type Workspace } from '../../src/workspaces/index.js';

/** A fresh workspace per test, so tests sharing a store never see each other's contacts. */
export async function freshWorkspace(store: Store, now = Date.UTC(2026, 0, 1)): Promise<Workspace> {
  return store.db
    .transaction()
    .execute((transaction) =>
      createWorkspace(transaction, { key: `w${randomBytes(5).toString('hex')}`, now }),
    );
}

export async function consentRows(store: Store, workspaceId: number, contactId: number) {
  return store.db
    .selectFrom('consent_log')
    .select(['category', 'action', 'actor', 'source', 'recorded_at'])
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', contactId)
    .orderBy('id')
    .execute();
}

export async function countRows(
  store: Store,
  table: 'contacts' | 'consent_log' | 'contact_tags' | 'list_members' | 'events' | 'reservations',
  workspaceId: number,
): Promise<number> {
  const row = await store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
