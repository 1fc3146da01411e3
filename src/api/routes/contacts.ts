import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  ContactInput,
  type Contact as ContactRecord,
  contactSources,
  contactToJson,
  createContact,
  deleteContact,
  getContact,
  listContacts,
  loadFieldCoercers,
  updateContact,
} from '../../contacts/index.js';
import type { ApiApp, ApiEnv } from '../api-env.js';
import { documented, errorResponses, jsonBody, jsonContent, PageQuery, page } from '../openapi.js';
import { idCursor, parseIdCursor } from '../pagination.js';
import { ContactIdParams } from './contact-lookup.js';

const customValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);

export const Contact = z
  .object({
    id: z.number().int(),
    email: z.string().nullable(),
    phone: z.string().nullable().openapi({ description: 'E.164' }),
    external_id: z.string().nullable(),
    first_name: z.string().nullable(),
    last_name: z.string().nullable(),
    language: z.string().nullable(),
    country: z.string().nullable(),
    city: z.string().nullable(),
    gender: z.string().nullable(),
    birthdate: z.string().nullable().openapi({ description: 'YYYY-MM-DD' }),
    source: z.enum(contactSources),
    custom: z.record(z.string(), customValue),
    tags: z.array(z.string()),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Contact');
export type Contact = z.infer<typeof Contact>;

const ContactUpdate = documented(ContactInput, 'ContactUpdate', {
  description:
    'Given values replace, null erases a field, omitted fields stay; `tags` are added. ' +
    'At least one of email, phone, external_id must remain.',
});

const ContactCreate = ContactInput.extend({
  consent: z
    .array(z.string().min(1))
    .min(1, { message: 'name at least one consent category the contact gave (SPEC §3 rule 1)' })
    .openapi({ example: ['marketing'] }),
}).openapi('ContactCreate', {
  description: 'At least one of email, phone, external_id; `consent` is required.',
});

/** Contacts as JSON, with custom values in their JSON form (datetimes as ISO 8601). */
export async function contactsAsJson(
  c: Context<ApiEnv>,
  contacts: readonly ContactRecord[],
): Promise<Contact[]> {
  const coercers = await loadFieldCoercers(c.var.store.db, c.var.workspace.id);
  return contacts.map((contact) => contactToJson(contact, coercers));
}

async function contactAsJson(c: Context<ApiEnv>, contact: ContactRecord): Promise<Contact> {
  const [json] = await contactsAsJson(c, [contact]);
  return json!;
}

const createContactRoute = createRoute({
  method: 'post',
  path: '/v1/contacts',
  tags: ['contacts'],
  summary: 'Create a contact (source api) with the consent it gave',
  request: { body: jsonBody(ContactCreate) },
  responses: {
    201: jsonContent(Contact, 'The new contact'),
    ...errorResponses(400, 409),
  },
});

const listContactsRoute = createRoute({
  method: 'get',
  path: '/v1/contacts',
  tags: ['contacts'],
  summary: 'Contacts by id (cursor pagination)',
  request: { query: PageQuery },
  responses: { 200: jsonContent(page(Contact), 'A page of contacts'), ...errorResponses(400) },
});

const getContactRoute = createRoute({
  method: 'get',
  path: '/v1/contacts/{id}',
  tags: ['contacts'],
  summary: 'One contact',
  request: { params: ContactIdParams },
  responses: { 200: jsonContent(Contact, 'The contact'), ...errorResponses(400, 404) },
});

const updateContactRoute = createRoute({
  method: 'patch',
  path: '/v1/contacts/{id}',
  tags: ['contacts'],
  summary: 'Change a contact: values replace, null erases, tags are added',
  request: { params: ContactIdParams, body: jsonBody(ContactUpdate) },
  responses: {
    200: jsonContent(Contact, 'The updated contact'),
    ...errorResponses(400, 404, 409),
  },
});

const deleteContactRoute = createRoute({
  method: 'delete',
  path: '/v1/contacts/{id}',
  tags: ['contacts'],
  summary: 'Delete a contact with its tags, memberships, events, reservations and consent log',
  request: { params: ContactIdParams },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(400, 404) },
});

export function registerContactRoutes(app: ApiApp): void {
  app.openapi(createContactRoute, async (c) => {
    const { consent, ...contact } = c.req.valid('json');
    const created = await createContact(c.var.store.db, {
      workspaceId: c.var.workspace.id,
      now: c.var.now,
      source: 'api',
      consent,
      contact,
    });
    return c.json(await contactAsJson(c, created), 201);
  });
  app.openapi(listContactsRoute, async (c) => {
    const query = c.req.valid('query');
    const result = await listContacts(c.var.store.db, {
      workspaceId: c.var.workspace.id,
      after: parseIdCursor(query.after),
      limit: query.limit,
    });
    const data = await contactsAsJson(c, result.contacts);
    return c.json({ data, next_cursor: idCursor(result.next) }, 200);
  });
  app.openapi(getContactRoute, async (c) => {
    const { id } = c.req.valid('param');
    const contact = await getContact(c.var.store.db, { workspaceId: c.var.workspace.id, id });
    return c.json(await contactAsJson(c, contact), 200);
  });
  app.openapi(updateContactRoute, async (c) => {
    const { id } = c.req.valid('param');
    const updated = await updateContact(c.var.store.db, {
      workspaceId: c.var.workspace.id,
      id,
      changes: c.req.valid('json'),
      now: c.var.now,
    });
    return c.json(await contactAsJson(c, updated), 200);
  });
  app.openapi(deleteContactRoute, async (c) => {
    const { id } = c.req.valid('param');
    await deleteContact(c.var.store.db, { workspaceId: c.var.workspace.id, id });
    return c.body(null, 204);
  });
}
