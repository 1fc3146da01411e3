import { createRoute, z } from '@hono/zod-openapi';
import {
  addContactTags,
  contactTags,
  listTags,
  normaliseTags,
  removeContactTags,
  setTagPublic,
  type Tag as TagRecord,
} from '../../contacts/index.js';
import type { ApiApp } from '../api-env.js';
import { dataList, errorResponses, isoInstant, jsonBody, jsonContent } from '../openapi.js';
import { ContactIdParams } from './contact-lookup.js';

export const Tag = z
  .object({
    tag: z.string().openapi({ description: 'Folded: trimmed and lower-cased' }),
    label: z.string(),
    public: z.boolean().openapi({ description: 'An interest: contacts may set or clear it' }),
    contacts: z.number().int(),
    created_at: z.string(),
  })
  .openapi('Tag');

function toTagJson(tag: TagRecord): z.infer<typeof Tag> {
  return {
    tag: tag.tag,
    label: tag.label,
    public: tag.public,
    contacts: tag.contacts,
    created_at: isoInstant(tag.createdAt),
  };
}

const TagUpdate = z
  .strictObject({
    public: z.boolean().optional(),
    label: z.string().trim().min(1).max(200).optional(),
  })
  .refine((update) => update.public !== undefined || update.label !== undefined, {
    message: 'give public, label or both',
    path: ['public'],
  })
  .openapi('TagUpdate');

const TagParams = z.object({
  tag: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'tag', in: 'path' }, example: 'cycling' }),
});

const ContactTagsBody = z
  .strictObject({ tags: z.array(z.string().max(200)).min(1).max(1000) })
  .openapi('ContactTagsChange');

const ContactTags = z.object({ tags: z.array(z.string()) }).openapi('ContactTags');

const listRoute = createRoute({
  method: 'get',
  path: '/v1/tags',
  tags: ['tags'],
  summary: 'Every tag with its number of contacts',
  responses: { 200: jsonContent(dataList(Tag), 'Tags by name'), ...errorResponses() },
});

const updateRoute = createRoute({
  method: 'patch',
  path: '/v1/tags/{tag}',
  tags: ['tags'],
  summary: 'Make a tag an interest (public) or not, or relabel it; creates it when missing',
  request: { params: TagParams, body: jsonBody(TagUpdate) },
  responses: { 200: jsonContent(Tag, 'The tag'), ...errorResponses(400) },
});

const addRoute = createRoute({
  method: 'post',
  path: '/v1/contacts/{id}/tags',
  tags: ['tags'],
  summary: 'Add tags to a contact (tags are folded; existing ones stay)',
  request: { params: ContactIdParams, body: jsonBody(ContactTagsBody) },
  responses: { 200: jsonContent(ContactTags, "The contact's tags"), ...errorResponses(400, 404) },
});

const removeRoute = createRoute({
  method: 'delete',
  path: '/v1/contacts/{id}/tags',
  tags: ['tags'],
  summary: 'Remove tags from a contact (tags it does not have are ignored)',
  request: { params: ContactIdParams, body: jsonBody(ContactTagsBody) },
  responses: { 200: jsonContent(ContactTags, "The contact's tags"), ...errorResponses(400, 404) },
});

export function registerTagRoutes(app: ApiApp): void {
  app.openapi(listRoute, async (c) => {
    const tags = await listTags(c.var.store.db, c.var.workspace.id);
    return c.json({ data: tags.map(toTagJson) }, 200);
  });
  app.openapi(updateRoute, async (c) => {
    const { tag } = c.req.valid('param');
    const update = c.req.valid('json');
    const db = c.var.store.db;
    const updated = await db.transaction().execute(async (transaction) => {
      // A label-only change keeps the tag's current public flag.
      const [folded] = normaliseTags([tag]).keys();
      const current = (await listTags(transaction, c.var.workspace.id)).find(
        (existing) => existing.tag === folded,
      );
      return setTagPublic(transaction, {
        workspaceId: c.var.workspace.id,
        tag,
        public: update.public ?? current?.public ?? false,
        ...(update.label === undefined ? {} : { label: update.label }),
        now: c.var.now,
      });
    });
    return c.json(toTagJson(updated), 200);
  });
  app.openapi(addRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { tags } = c.req.valid('json');
    const target = { workspaceId: c.var.workspace.id, contactId: id };
    await addContactTags(c.var.store.db, { ...target, tags, now: c.var.now });
    return c.json({ tags: await contactTags(c.var.store.db, target) }, 200);
  });
  app.openapi(removeRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { tags } = c.req.valid('json');
    const target = { workspaceId: c.var.workspace.id, contactId: id };
    await removeContactTags(c.var.store.db, { ...target, tags });
    return c.json({ tags: await contactTags(c.var.store.db, target) }, 200);
  });
}
