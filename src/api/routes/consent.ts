import { createRoute, z } from '@hono/zod-openapi';
import {
  ConsentCategoryInput,
  type ConsentCategory as ConsentCategoryRecord,
  ConsentChangeRequest,
  consentCategoryKinds,
  consentStates,
  createConsentCategory,
  grantConsent,
  listConsentCategories,
  readContactConsent,
  targetOf,
  withdrawConsent,
} from '../../consent/index.js';
import { parseInstant } from '../../shared/time.js';
import type { ApiApp } from '../api-env.js';
import {
  dataList,
  documented,
  errorResponses,
  isoInstant,
  jsonBody,
  jsonContent,
} from '../openapi.js';
import { ContactIdParams, requireContact } from './contact-lookup.js';

export const ConsentCategory = z
  .object({
    key: z.string(),
    label: z.string(),
    kind: z.enum(consentCategoryKinds),
    time_bound: z.boolean(),
    created_at: z.string(),
  })
  .openapi('ConsentCategory');

function toCategoryJson(category: ConsentCategoryRecord): z.infer<typeof ConsentCategory> {
  return {
    key: category.key,
    label: category.label,
    kind: category.kind,
    time_bound: category.timeBound,
    created_at: isoInstant(category.createdAt),
  };
}

const ConsentChange = ConsentChangeRequest.safeExtend({
  action: z.enum(['grant', 'withdraw']),
}).openapi('ConsentChange', {
  description:
    '`category` or `all: true` (every marketing category); `by` says who asked: the contact ' +
    'or an operator. An operator cannot grant a category the contact withdrew themselves (409).',
});

const CategoryState = z.object({
  key: z.string(),
  state: z.enum(consentStates),
  because: z.string(),
});

const ConsentChangeResult = z
  .object({
    contact_id: z.number().int(),
    action: z.enum(['grant', 'withdraw']),
    categories: z.array(CategoryState),
  })
  .openapi('ConsentChangeResult');

const ConsentLogEntry = z.object({
  id: z.number().int(),
  category: z.string(),
  action: z.enum(['grant', 'withdraw']),
  actor: z.enum(['contact', 'operator']),
  source: z.string(),
  reason: z.string().nullable(),
  recorded_at: z.string(),
});

const ContactConsent = z
  .object({
    contact_id: z.number().int(),
    now: z.string().openapi({ description: 'The instant the states hold at' }),
    states: z.array(
      CategoryState.extend({ label: z.string(), kind: z.enum(consentCategoryKinds) }),
    ),
    log: z.array(ConsentLogEntry).openapi({ description: 'The whole audit trail, in log order' }),
  })
  .openapi('ContactConsent');

const ConsentQuery = z.object({
  now: z
    .string()
    .refine((text) => parseInstant(text) !== null, { message: 'expected an ISO 8601 instant' })
    .optional()
    .openapi({
      param: { name: 'now', in: 'query' },
      description: 'Evaluate the states at this instant (default: the current time)',
    }),
});

const listCategoriesRoute = createRoute({
  method: 'get',
  path: '/v1/consent/categories',
  tags: ['consent'],
  summary: 'Consent categories: the six defaults, then custom ones',
  responses: { 200: jsonContent(dataList(ConsentCategory), 'Categories'), ...errorResponses() },
});

const createCategoryRoute = createRoute({
  method: 'post',
  path: '/v1/consent/categories',
  tags: ['consent'],
  summary: 'Add a consent category (never time-bound)',
  request: { body: jsonBody(documented(ConsentCategoryInput, 'ConsentCategoryInput')) },
  responses: {
    201: jsonContent(ConsentCategory, 'The new category'),
    ...errorResponses(400, 409),
  },
});

const changeRoute = createRoute({
  method: 'post',
  path: '/v1/contacts/{id}/consent',
  tags: ['consent'],
  summary: 'Grant or withdraw consent for a contact (logged with who and why)',
  request: { params: ContactIdParams, body: jsonBody(ConsentChange) },
  responses: {
    200: jsonContent(ConsentChangeResult, 'The resulting states'),
    ...errorResponses(400, 404, 409),
  },
});

const showRoute = createRoute({
  method: 'get',
  path: '/v1/contacts/{id}/consent',
  tags: ['consent'],
  summary: "A contact's consent state per category, and the consent log",
  request: { params: ContactIdParams, query: ConsentQuery },
  responses: { 200: jsonContent(ContactConsent, 'States and log'), ...errorResponses(400, 404) },
});

function registerContactConsentRoutes(app: ApiApp): void {
  app.openapi(changeRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { action, by, reason, ...request } = c.req.valid('json');
    const change = action === 'grant' ? grantConsent : withdrawConsent;
    const result = await change(c.var.store.db, {
      workspace: c.var.workspace,
      contactId: id,
      target: targetOf({ ...request, by, reason }),
      actor: by,
      source: 'api',
      reason,
      recordedAt: c.var.now,
    });
    return c.json(
      { contact_id: result.contactId, action: result.action, categories: result.categories },
      200,
    );
  });
  app.openapi(showRoute, async (c) => {
    const { id } = c.req.valid('param');
    const query = c.req.valid('query');
    const now = query.now === undefined ? c.var.now : parseInstant(query.now)!;
    await requireContact(c, id);
    const consent = await readContactConsent(c.var.store.db, {
      workspaceId: c.var.workspace.id,
      timeZone: c.var.workspace.timeZone,
      contactId: id,
      now,
    });
    const states = consent.categories.map((category) => {
      const decision = consent.decisions[category.key]!;
      const { key, label, kind } = category;
      return { key, label, kind, state: decision.state, because: decision.because };
    });
    const log = consent.log.map((entry) => ({
      id: entry.id,
      category: entry.category,
      action: entry.action,
      actor: entry.actor,
      source: entry.source,
      reason: entry.reason,
      recorded_at: isoInstant(entry.recordedAt),
    }));
    return c.json({ contact_id: id, now: isoInstant(now), states, log }, 200);
  });
}

export function registerConsentRoutes(app: ApiApp): void {
  app.openapi(listCategoriesRoute, async (c) => {
    const categories = await listConsentCategories(c.var.store.db, c.var.workspace.id);
    return c.json({ data: categories.map(toCategoryJson) }, 200);
  });
  app.openapi(createCategoryRoute, async (c) => {
    const category = await createConsentCategory(c.var.store.db, {
      workspaceId: c.var.workspace.id,
      category: c.req.valid('json'),
      now: c.var.now,
    });
    return c.json(toCategoryJson(category), 201);
  });
  registerContactConsentRoutes(app);
}
