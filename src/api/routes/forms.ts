import { createRoute, z } from '@hono/zod-openapi';
import {
  createForm,
  FormDefinition,
  type Form as FormRecord,
  findForm,
  formPublicPath,
  listForms,
} from '../../forms/index.js';
import { SiftError } from '../../shared/errors.js';
import type { Workspace } from '../../workspaces/index.js';
import type { ApiApp } from '../api-env.js';
import {
  dataList,
  documented,
  errorResponses,
  isoInstant,
  jsonBody,
  jsonContent,
} from '../openapi.js';

export const Form = z
  .object({
    key: z.string(),
    name: z.string(),
    list: z.string(),
    consent: z.array(z.string()),
    fields: z.array(z.string()),
    redirect: z.string().nullable(),
    public_path: z.string().openapi({
      description: 'Where the website posts the form (no API key): `POST {public_path}`',
      example: '/f/newsletter',
    }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Form');

function toFormJson(workspace: Workspace, form: FormRecord): z.infer<typeof Form> {
  return {
    key: form.key,
    name: form.name,
    list: form.list,
    consent: form.consent,
    fields: form.fields,
    redirect: form.redirect,
    public_path: formPublicPath(workspace.key, form.key),
    created_at: isoInstant(form.createdAt),
    updated_at: isoInstant(form.updatedAt),
  };
}

const FormInput = documented(FormDefinition, 'FormInput', {
  description:
    'A website form: the visitor who submits it gives the `consent` categories themselves ' +
    '(actor `contact`) and joins `list`. `fields` default to email, first_name, last_name.',
  example: {
    key: 'newsletter',
    list: 'newsletter',
    consent: ['marketing'],
    fields: ['email', 'first_name'],
    redirect: 'https://example.com/thanks',
  },
});

const FormKeyParams = z.object({
  key: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'key', in: 'path' }, example: 'newsletter' }),
});

const listFormsRoute = createRoute({
  method: 'get',
  path: '/v1/forms',
  tags: ['forms'],
  summary: 'Every website form of the workspace',
  responses: { 200: jsonContent(dataList(Form), 'Forms by key'), ...errorResponses() },
});

const createFormRoute = createRoute({
  method: 'post',
  path: '/v1/forms',
  tags: ['forms'],
  summary: 'Create a website form (its public endpoint is POST /f/{form}, without API key)',
  request: { body: jsonBody(FormInput) },
  responses: { 201: jsonContent(Form, 'The new form'), ...errorResponses(400, 409) },
});

const getFormRoute = createRoute({
  method: 'get',
  path: '/v1/forms/{key}',
  tags: ['forms'],
  summary: 'One website form',
  request: { params: FormKeyParams },
  responses: { 200: jsonContent(Form, 'The form'), ...errorResponses(404) },
});

export function registerFormRoutes(app: ApiApp): void {
  app.openapi(listFormsRoute, async (c) => {
    const forms = await listForms(c.var.store.db, c.var.workspace.id);
    return c.json({ data: forms.map((form) => toFormJson(c.var.workspace, form)) }, 200);
  });
  app.openapi(createFormRoute, async (c) => {
    const form = await createForm(c.var.store.db, {
      workspaceId: c.var.workspace.id,
      definition: c.req.valid('json'),
      now: c.var.now,
    });
    return c.json(toFormJson(c.var.workspace, form), 201);
  });
  app.openapi(getFormRoute, async (c) => {
    const { key } = c.req.valid('param');
    const form = await findForm(c.var.store.db, { workspaceId: c.var.workspace.id, key });
    if (!form) throw new SiftError('not_found', `Form "${key}" does not exist`, { path: 'key' });
    return c.json(toFormJson(c.var.workspace, form), 200);
  });
}
