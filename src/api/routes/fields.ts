import { createRoute, z } from '@hono/zod-openapi';
import {
  createField,
  type FieldDefinition,
  FieldDefinitionInput,
  fieldTypes,
  listFields,
} from '../../contacts/index.js';
import type { ApiApp } from '../api-env.js';
import {
  dataList,
  documented,
  errorResponses,
  isoInstant,
  jsonBody,
  jsonContent,
} from '../openapi.js';

export const Field = z
  .object({
    key: z.string(),
    label: z.string(),
    type: z.enum(fieldTypes),
    options: z.array(z.string()).nullable(),
    created_at: z.string(),
  })
  .openapi('Field');
export type Field = z.infer<typeof Field>;

export function toFieldJson(field: FieldDefinition): Field {
  return {
    key: field.key,
    label: field.label,
    type: field.type,
    options: field.options,
    created_at: isoInstant(field.createdAt),
  };
}

const listRoute = createRoute({
  method: 'get',
  path: '/v1/fields',
  tags: ['fields'],
  summary: 'Custom field definitions, by key',
  responses: { 200: jsonContent(dataList(Field), 'Custom fields'), ...errorResponses() },
});

const createFieldRoute = createRoute({
  method: 'post',
  path: '/v1/fields',
  tags: ['fields'],
  summary: 'Define a custom field (select and multiselect need options)',
  request: { body: jsonBody(documented(FieldDefinitionInput, 'FieldInput')) },
  responses: {
    201: jsonContent(Field, 'The new field'),
    ...errorResponses(400, 409),
  },
});

export function registerFieldRoutes(app: ApiApp): void {
  app.openapi(listRoute, async (c) => {
    const fields = await listFields(c.var.store.db, c.var.workspace.id);
    return c.json({ data: fields.map(toFieldJson) }, 200);
  });
  app.openapi(createFieldRoute, async (c) => {
    const field = await createField(c.var.store.db, {
      workspaceId: c.var.workspace.id,
      field: c.req.valid('json'),
      now: c.var.now,
    });
    return c.json(toFieldJson(field), 201);
  });
}
