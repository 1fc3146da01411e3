import { createRoute, z } from '@hono/zod-openapi';
import type { ApiApp } from '../api-env.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../api-key-repository.js';
import { dataList, errorResponses, isoInstant, jsonBody, jsonContent } from '../openapi.js';

export const ApiKey = z
  .object({
    id: z.number().int(),
    name: z.string(),
    prefix: z
      .string()
      .openapi({ description: 'The first characters of the key, for telling keys apart' }),
    created_at: z.string(),
  })
  .openapi('ApiKey');
export type ApiKey = z.infer<typeof ApiKey>;

export const CreatedApiKey = ApiKey.extend({
  key: z.string().openapi({ description: 'The secret; shown once, only its hash is stored' }),
}).openapi('CreatedApiKey');

export const ApiKeyCreate = z
  .object({ name: z.string().trim().min(1).max(200).optional() })
  .strict()
  .openapi('ApiKeyCreate');

const ApiKeyParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'id', in: 'path' } }),
});

const listRoute = createRoute({
  method: 'get',
  path: '/v1/api-keys',
  tags: ['api keys'],
  summary: "The workspace's API keys (never the secrets)",
  responses: { 200: jsonContent(dataList(ApiKey), 'API keys'), ...errorResponses() },
});

const createKeyRoute = createRoute({
  method: 'post',
  path: '/v1/api-keys',
  tags: ['api keys'],
  summary: 'Create an API key for this workspace; the response is the only time it is shown',
  request: { body: jsonBody(ApiKeyCreate) },
  responses: { 201: jsonContent(CreatedApiKey, 'The new key'), ...errorResponses(400) },
});

const revokeRoute = createRoute({
  method: 'delete',
  path: '/v1/api-keys/{id}',
  tags: ['api keys'],
  summary: 'Revoke an API key; requests with it get 401 from now on',
  request: { params: ApiKeyParams },
  responses: { 204: { description: 'Revoked' }, ...errorResponses(400, 404) },
});

export function registerApiKeyRoutes(app: ApiApp): void {
  app.openapi(listRoute, async (c) => {
    const keys = await listApiKeys(c.var.store.db, c.var.workspace.id);
    const data = keys.map((key) => ({
      id: key.id,
      name: key.name,
      prefix: key.prefix,
      created_at: isoInstant(key.createdAt),
    }));
    return c.json({ data }, 200);
  });
  app.openapi(createKeyRoute, async (c) => {
    const body = c.req.valid('json');
    const created = await createApiKey(c.var.store.db, {
      workspaceId: c.var.workspace.id,
      name: body.name,
      now: c.var.now,
    });
    const { createdAt, ...rest } = created;
    return c.json({ ...rest, created_at: isoInstant(createdAt) }, 201);
  });
  app.openapi(revokeRoute, async (c) => {
    const { id } = c.req.valid('param');
    await revokeApiKey(c.var.store.db, { workspaceId: c.var.workspace.id, id });
    return c.body(null, 204);
  });
}
