import { z } from 'zod';
import { SiftError } from '../shared/errors.js';
import type { Executor } from '../store/index.js';

export const listSources = ['imported', 'form', 'owners', 'sync', 'manual'] as const;
export type ListSource = (typeof listSources)[number];

export const listKeyPattern = /^[a-z0-9][a-z0-9_-]*$/;

export const ListInput = z.object({
  key: z.string().max(64).regex(listKeyPattern, 'lower-case letters, digits, - and _ only'),
  name: z.string().trim().min(1).max(200).optional(),
  source: z.enum(listSources).default('manual'),
});
export type ListInput = z.input<typeof ListInput>;

/** A static group of contacts (SPEC §1). */
export interface List {
  id: number;
  key: string;
  name: string;
  source: ListSource;
  createdAt: number;
  /** Members now. */
  members: number;
}

async function selectLists(
  db: Executor,
  filter: { workspaceId: number; key?: string; contactId?: number },
): Promise<List[]> {
  let query = db
    .selectFrom('lists')
    .select(['lists.id', 'lists.key', 'lists.name', 'lists.source', 'lists.created_at'])
    .select((eb) =>
      eb
        .selectFrom('list_members')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('list_members.workspace_id', '=', 'lists.workspace_id')
        .whereRef('list_members.list_id', '=', 'lists.id')
        .as('members'),
    )
    .where('lists.workspace_id', '=', filter.workspaceId);
  if (filter.key !== undefined) query = query.where('lists.key', '=', filter.key);
  if (filter.contactId !== undefined) {
    const contactId = filter.contactId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('list_members')
          .select('list_members.list_id')
          .whereRef('list_members.workspace_id', '=', 'lists.workspace_id')
          .whereRef('list_members.list_id', '=', 'lists.id')
          .where('list_members.contact_id', '=', contactId),
      ),
    );
  }
  const rows = await query.orderBy('lists.key').execute();
  return rows.map((row) => ({
    id: Number(row.id),
    key: row.key,
    name: row.name,
    source: row.source as ListSource,
    createdAt: Number(row.created_at),
    members: Number(row.members ?? 0),
  }));
}

export async function getList(
  db: Executor,
  input: { workspaceId: number; key: string },
): Promise<List | undefined> {
  const [list] = await selectLists(db, input);
  return list;
}

async function requireList(db: Executor, workspaceId: number, key: string): Promise<List> {
  const list = await getList(db, { workspaceId, key });
  if (!list) throw new SiftError('not_found', `List "${key}" does not exist`, { path: 'list' });
  return list;
}

export function listLists(db: Executor, workspaceId: number): Promise<List[]> {
  return selectLists(db, { workspaceId });
}

export function listsOfContact(
  db: Executor,
  input: { workspaceId: number; contactId: number },
): Promise<List[]> {
  return selectLists(db, input);
}

export async function createList(
  db: Executor,
  input: { workspaceId: number; list: unknown; now: number },
): Promise<List> {
  const parsed = ListInput.safeParse(input.list);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SiftError('invalid_input', `Invalid list: ${issue?.message ?? 'bad input'}`, {
      path: issue?.path.join('.') ?? '',
    });
  }
  const { key, name, source } = parsed.data;
  if (await getList(db, { workspaceId: input.workspaceId, key })) {
    throw new SiftError('conflict', `List "${key}" already exists`, { path: 'key' });
  }
  await db
    .insertInto('lists')
    .values({
      workspace_id: input.workspaceId,
      key,
      name: name ?? key,
      source,
      created_at: input.now,
    })
    .execute();
  return requireList(db, input.workspaceId, key);
}

/** The list with this key, created with `source` when missing (the importers' `--list`). */
export async function ensureList(
  db: Executor,
  input: { workspaceId: number; key: string; source: ListSource; name?: string; now: number },
): Promise<List> {
  const found = await getList(db, input);
  if (found) return found;
  return createList(db, {
    workspaceId: input.workspaceId,
    list: {
      key: input.key,
      source: input.source,
      ...(input.name === undefined ? {} : { name: input.name }),
    },
    now: input.now,
  });
}

async function requireContacts(db: Executor, workspaceId: number, contactIds: readonly number[]) {
  const wanted = [...new Set(contactIds)];
  const found = new Set<number>();
  for (let start = 0; start < wanted.length; start += 1000) {
    const rows = await db
      .selectFrom('contacts')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', wanted.slice(start, start + 1000))
      .execute();
    for (const row of rows) found.add(Number(row.id));
  }
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new SiftError('not_found', `Contacts do not exist: ${missing.slice(0, 10).join(', ')}`, {
      path: 'contacts',
    });
  }
  return wanted;
}

async function insertMembers(
  db: Executor,
  list: List,
  workspaceId: number,
  ids: number[],
  now: number,
) {
  for (let start = 0; start < ids.length; start += 1000) {
    await db
      .insertInto('list_members')
      .values(
        ids.slice(start, start + 1000).map((contactId) => ({
          workspace_id: workspaceId,
          list_id: list.id,
          contact_id: contactId,
          added_at: now,
        })),
      )
      .onConflict((conflict) =>
        conflict.columns(['workspace_id', 'list_id', 'contact_id']).doNothing(),
      )
      .execute();
  }
}

/** Adds contacts to a list (members already in it keep their date added). */
export async function addListMembers(
  db: Executor,
  input: { workspaceId: number; listKey: string; contactIds: readonly number[]; now: number },
): Promise<void> {
  const list = await requireList(db, input.workspaceId, input.listKey);
  const ids = await requireContacts(db, input.workspaceId, input.contactIds);
  await insertMembers(db, list, input.workspaceId, ids, input.now);
}

export async function removeListMembers(
  db: Executor,
  input: { workspaceId: number; listKey: string; contactIds: readonly number[] },
): Promise<void> {
  const list = await requireList(db, input.workspaceId, input.listKey);
  const ids = [...new Set(input.contactIds)];
  for (let start = 0; start < ids.length; start += 1000) {
    await db
      .deleteFrom('list_members')
      .where('workspace_id', '=', input.workspaceId)
      .where('list_id', '=', list.id)
      .where('contact_id', 'in', ids.slice(start, start + 1000))
      .execute();
  }
}

/**
 * Replaces a list's members wholesale (a `sync` list fed by another system): contacts not
 * given leave, new ones join, the others stay with their date added. Run it in a transaction.
 */
export async function replaceListMembers(
  db: Executor,
  input: { workspaceId: number; listKey: string; contactIds: readonly number[]; now: number },
): Promise<{ added: number; removed: number }> {
  const list = await requireList(db, input.workspaceId, input.listKey);
  const ids = await requireContacts(db, input.workspaceId, input.contactIds);
  const current = await db
    .selectFrom('list_members')
    .select('contact_id')
    .where('workspace_id', '=', input.workspaceId)
    .where('list_id', '=', list.id)
    .execute();
  const currentIds = new Set(current.map((row) => Number(row.contact_id)));
  const wanted = new Set(ids);
  const leaving = [...currentIds].filter((id) => !wanted.has(id));
  const joining = ids.filter((id) => !currentIds.has(id));
  await removeListMembers(db, {
    workspaceId: input.workspaceId,
    listKey: input.listKey,
    contactIds: leaving,
  });
  await insertMembers(db, list, input.workspaceId, joining, input.now);
  return { added: joining.length, removed: leaving.length };
}

/** Contact ids of a list, ordered by id. */
export async function listMemberIds(
  db: Executor,
  input: { workspaceId: number; listKey: string },
): Promise<number[]> {
  const list = await requireList(db, input.workspaceId, input.listKey);
  const rows = await db
    .selectFrom('list_members')
    .select('contact_id')
    .where('workspace_id', '=', input.workspaceId)
    .where('list_id', '=', list.id)
    .orderBy('contact_id')
    .execute();
  return rows.map((row) => Number(row.contact_id));
}
