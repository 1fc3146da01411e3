import { sql } from 'kysely';
import { SiftError } from '../shared/errors.js';
import { fold } from '../shared/fold.js';
import type { Executor } from '../store/index.js';

/** A tag of the workspace. A public tag is an interest (SPEC §1): contacts may set it. */
export interface Tag {
  /** Folded: `" VIP"` is `vip`. */
  tag: string;
  label: string;
  public: boolean;
  /** Contacts carrying the tag. */
  contacts: number;
  createdAt: number;
}

/** Folded, distinct, non-empty tags, with the label each gets when it is new. */
export function normaliseTags(tags: readonly string[]): Map<string, string> {
  const normalised = new Map<string, string>();
  for (const label of tags) {
    const tag = fold(label);
    if (tag !== '' && !normalised.has(tag)) normalised.set(tag, label.trim());
  }
  return normalised;
}

async function requireContact(db: Executor, workspaceId: number, contactId: number) {
  const found = await db
    .selectFrom('contacts')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', contactId)
    .executeTakeFirst();
  if (!found)
    throw new SiftError('not_found', `Contact ${contactId} does not exist`, { path: 'id' });
}

async function defineTags(
  db: Executor,
  workspaceId: number,
  tags: Map<string, string>,
  now: number,
) {
  if (tags.size === 0) return;
  await db
    .insertInto('tags')
    .values(
      [...tags].map(([tag, label]) => ({
        workspace_id: workspaceId,
        tag,
        label,
        public: 0,
        created_at: now,
      })),
    )
    .onConflict((conflict) => conflict.columns(['workspace_id', 'tag']).doNothing())
    .execute();
}

export async function addContactTags(
  db: Executor,
  input: { workspaceId: number; contactId: number; tags: readonly string[]; now: number },
): Promise<void> {
  const tags = normaliseTags(input.tags);
  await requireContact(db, input.workspaceId, input.contactId);
  if (tags.size === 0) return;
  await defineTags(db, input.workspaceId, tags, input.now);
  await db
    .insertInto('contact_tags')
    .values(
      [...tags.keys()].map((tag) => ({
        workspace_id: input.workspaceId,
        contact_id: input.contactId,
        tag,
      })),
    )
    .onConflict((conflict) => conflict.columns(['workspace_id', 'contact_id', 'tag']).doNothing())
    .execute();
}

export async function removeContactTags(
  db: Executor,
  input: { workspaceId: number; contactId: number; tags: readonly string[] },
): Promise<void> {
  const tags = [...normaliseTags(input.tags).keys()];
  await requireContact(db, input.workspaceId, input.contactId);
  if (tags.length === 0) return;
  await db
    .deleteFrom('contact_tags')
    .where('workspace_id', '=', input.workspaceId)
    .where('contact_id', '=', input.contactId)
    .where('tag', 'in', tags)
    .execute();
}

export async function contactTags(
  db: Executor,
  input: { workspaceId: number; contactId: number },
): Promise<string[]> {
  const rows = await db
    .selectFrom('contact_tags')
    .select('tag')
    .where('workspace_id', '=', input.workspaceId)
    .where('contact_id', '=', input.contactId)
    .orderBy('tag')
    .execute();
  return rows.map((row) => row.tag);
}

async function selectTags(db: Executor, workspaceId: number, only?: string): Promise<Tag[]> {
  let query = db
    .selectFrom('tags')
    .select(['tags.tag', 'tags.label', 'tags.public', 'tags.created_at'])
    .select((eb) =>
      eb
        .selectFrom('contact_tags')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('contact_tags.workspace_id', '=', 'tags.workspace_id')
        .whereRef('contact_tags.tag', '=', 'tags.tag')
        .as('contacts'),
    )
    .where('tags.workspace_id', '=', workspaceId);
  if (only !== undefined) query = query.where('tags.tag', '=', only);
  const rows = await query.orderBy('tags.tag').execute();
  return rows.map((row) => ({
    tag: row.tag,
    label: row.label,
    public: Number(row.public) === 1,
    contacts: Number(row.contacts ?? 0),
    createdAt: Number(row.created_at),
  }));
}

/** Every tag of the workspace with its number of contacts, ordered by tag. */
export function listTags(db: Executor, workspaceId: number): Promise<Tag[]> {
  return selectTags(db, workspaceId);
}

/** Marks a tag public (an interest) or not; creates the tag when it does not exist yet. */
export async function setTagPublic(
  db: Executor,
  input: { workspaceId: number; tag: string; public: boolean; label?: string; now: number },
): Promise<Tag> {
  const tags = normaliseTags([input.tag]);
  const [tag] = [...tags.keys()];
  if (tag === undefined)
    throw new SiftError('invalid_input', 'A tag may not be empty', { path: 'tag' });
  await defineTags(db, input.workspaceId, tags, input.now);
  await db
    .updateTable('tags')
    .set({
      public: input.public ? 1 : 0,
      ...(input.label === undefined ? {} : { label: input.label.trim() }),
    })
    .where('workspace_id', '=', input.workspaceId)
    .where('tag', '=', tag)
    .execute();
  const [updated] = await selectTags(db, input.workspaceId, tag);
  return updated!;
}
