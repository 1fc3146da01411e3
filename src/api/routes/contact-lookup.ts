import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { type Contact, getContact } from '../../contacts/index.js';
import type { ApiEnv } from '../api-env.js';

/** `{id}` of `/v1/contacts/{id}/…`: a Sift contact id. */
export const ContactIdParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'id', in: 'path' }, example: 42 }),
});

/** The contact of this workspace with this id; 404 otherwise (also for other workspaces' ids). */
export function requireContact(c: Context<ApiEnv>, id: number): Promise<Contact> {
  return getContact(c.var.store.db, { workspaceId: c.var.workspace.id, id });
}
