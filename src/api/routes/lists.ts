import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  addListMembers,
  type ContactReference,
  createList,
  findContactIds,
  getList,
  ListInput,
  type List as ListRecord,
  listContacts,
  listLists,
  listSources,
  removeListMembers,
  replaceListMembers,
} from '../../contacts/index.js';
import { EventContactReference } from '../../events/index.js';
import { SiftError } from '../../shared/errors.js';
import type { ApiApp, ApiEnv } from '../api-env.js';
import {
  dataList,
  documented,
  errorResponses,
  isoInstant,
  jsonBody,
  jsonContent,
  PageQuery,
  page,
} from '../openapi.js';
import { idCursor, parseIdCursor } from '../pagination.js';
import { Contact, contactsAsJson } from './contacts.js';

export const List = z
  .object({
    key: z.string(),
    name: z.string(),
    source: z.enum(listSources),
    members: z.number().int(),
    created_at: z.string(),
  })
  .openapi('List');

function toListJson(list: ListRecord): z.infer<typeof List> {
  return {
    key: list.key,
    name: list.name,
    source: list.source,
    members: list.members,
    created_at: isoInstant(list.createdAt),
  };
}

/** A member named by Sift id, or by exactly one of id, email, external_id, phone. */
const MemberReference = z.union([z.number().int().positive(), EventContactReference]);

const MembersBody = z
  .strictObject({ contacts: z.array(MemberReference).max(100_000) })
  .openapi('ListMembersChange', {
    description: 'Contacts as ids (`12`) or references (`{"email": "a@x.nl"}`)',
  });

const ListKeyParams = z.object({
  key: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'key', in: 'path' }, example: 'owners' }),
});

const SyncResult = z
  .object({ added: z.number().int(), removed: z.number().int(), list: List })
  .openapi('ListSyncResult');

function toReference(reference: z.infer<typeof MemberReference>): ContactReference {
  if (typeof reference === 'number') return { id: reference };
  if (reference.id !== undefined) return { id: Number(reference.id) };
  if (reference.email !== undefined) return { email: reference.email };
  if (reference.external_id !== undefined) return { external_id: reference.external_id };
  return { phone: reference.phone! };
}

/** Contact ids for the references; an unknown one is a 404 naming its index (unless skipped). */
async function resolveMembers(
  c: Context<ApiEnv>,
  references: readonly z.infer<typeof MemberReference>[],
  unknown: 'reject' | 'skip',
): Promise<number[]> {
  const ids = await findContactIds(c.var.store.db, c.var.workspace.id, references.map(toReference));
  const missing = ids.indexOf(undefined);
  if (unknown === 'reject' && missing !== -1) {
    throw new SiftError('not_found', `No contact matches contacts[${missing}]`, {
      path: `contacts[${missing}]`,
    });
  }
  return ids.filter((id): id is number => id !== undefined);
}

async function requireList(c: Context<ApiEnv>, key: string): Promise<ListRecord> {
  const list = await getList(c.var.store.db, { workspaceId: c.var.workspace.id, key });
  if (!list) throw new SiftError('not_found', `List "${key}" does not exist`, { path: 'key' });
  return list;
}

const listRoute = createRoute({
  method: 'get',
  path: '/v1/lists',
  tags: ['lists'],
  summary: 'Every list with its number of members',
  responses: { 200: jsonContent(dataList(List), 'Lists by key'), ...errorResponses() },
});

const createListRoute = createRoute({
  method: 'post',
  path: '/v1/lists',
  tags: ['lists'],
  summary: 'Create a static list',
  request: { body: jsonBody(documented(ListInput, 'ListInput')) },
  responses: { 201: jsonContent(List, 'The new list'), ...errorResponses(400, 409) },
});

const membersRoute = createRoute({
  method: 'get',
  path: '/v1/lists/{key}/members',
  tags: ['lists'],
  summary: 'The members of a list by contact id (cursor pagination)',
  request: { params: ListKeyParams, query: PageQuery },
  responses: { 200: jsonContent(page(Contact), 'A page of members'), ...errorResponses(400, 404) },
});

const addMembersRoute = createRoute({
  method: 'post',
  path: '/v1/lists/{key}/members',
  tags: ['lists'],
  summary: 'Add contacts to a list (members already in it keep their date added)',
  request: { params: ListKeyParams, body: jsonBody(MembersBody) },
  responses: { 200: jsonContent(List, 'The list'), ...errorResponses(400, 404) },
});

const removeMembersRoute = createRoute({
  method: 'delete',
  path: '/v1/lists/{key}/members',
  tags: ['lists'],
  summary: 'Remove contacts from a list (unknown contacts and non-members are ignored)',
  request: { params: ListKeyParams, body: jsonBody(MembersBody) },
  responses: { 200: jsonContent(List, 'The list'), ...errorResponses(400, 404) },
});

const syncMembersRoute = createRoute({
  method: 'put',
  path: '/v1/lists/{key}/members',
  tags: ['lists'],
  summary: "Replace a list's members wholesale (sync from another system)",
  request: { params: ListKeyParams, body: jsonBody(MembersBody) },
  responses: { 200: jsonContent(SyncResult, 'What changed'), ...errorResponses(400, 404) },
});

function registerMemberChanges(app: ApiApp): void {
  app.openapi(addMembersRoute, async (c) => {
    const { key } = c.req.valid('param');
    await requireList(c, key);
    const contactIds = await resolveMembers(c, c.req.valid('json').contacts, 'reject');
    const workspaceId = c.var.workspace.id;
    await addListMembers(c.var.store.db, { workspaceId, listKey: key, contactIds, now: c.var.now });
    return c.json(toListJson(await requireList(c, key)), 200);
  });
  app.openapi(removeMembersRoute, async (c) => {
    const { key } = c.req.valid('param');
    await requireList(c, key);
    const contactIds = await resolveMembers(c, c.req.valid('json').contacts, 'skip');
    await removeListMembers(c.var.store.db, {
      workspaceId: c.var.workspace.id,
      listKey: key,
      contactIds,
    });
    return c.json(toListJson(await requireList(c, key)), 200);
  });
  app.openapi(syncMembersRoute, async (c) => {
    const { key } = c.req.valid('param');
    await requireList(c, key);
    const contactIds = await resolveMembers(c, c.req.valid('json').contacts, 'reject');
    const changes = await c.var.store.db.transaction().execute((transaction) =>
      replaceListMembers(transaction, {
        workspaceId: c.var.workspace.id,
        listKey: key,
        contactIds,
        now: c.var.now,
      }),
    );
    return c.json({ ...changes, list: toListJson(await requireList(c, key)) }, 200);
  });
}

export function registerListRoutes(app: ApiApp): void {
  app.openapi(listRoute, async (c) => {
    const lists = await listLists(c.var.store.db, c.var.workspace.id);
    return c.json({ data: lists.map(toListJson) }, 200);
  });
  app.openapi(createListRoute, async (c) => {
    const list = await createList(c.var.store.db, {
      workspaceId: c.var.workspace.id,
      list: c.req.valid('json'),
      now: c.var.now,
    });
    return c.json(toListJson(list), 201);
  });
  app.openapi(membersRoute, async (c) => {
    const { key } = c.req.valid('param');
    const query = c.req.valid('query');
    const workspaceId = c.var.workspace.id;
    const list = await requireList(c, key);
    const page = await listContacts(c.var.store.db, {
      workspaceId,
      listId: list.id,
      after: parseIdCursor(query.after),
      limit: query.limit,
    });
    const data = await contactsAsJson(c, page.contacts);
    return c.json({ data, next_cursor: idCursor(page.next) }, 200);
  });
  registerMemberChanges(app);
}
