import { createRoute, z } from '@hono/zod-openapi';
import {
  EventInput,
  ingestEvents,
  listContactEvents,
  maximumEventPageSize,
  type StoredEvent,
} from '../../events/index.js';
import type { ApiApp } from '../api-env.js';
import {
  errorResponses,
  isoInstant,
  jsonBody,
  jsonContent,
  ProblemDetail,
  page,
  pageQuery,
} from '../openapi.js';
import { withCursorAsAfter } from '../pagination.js';
import { ContactIdParams, requireContact } from './contact-lookup.js';

/** More events than this in one request is a client bug or an import: use `sift import events`. */
export const maximumEventBatch = 10_000;

/**
 * Items are validated one by one (each against `EventInput`, the schema documented here), so
 * that one bad event rejects only itself; the request schema checks the envelope.
 */
const EventItem = z.unknown().openapi({ allOf: [{ $ref: '#/components/schemas/EventInput' }] });

const EventBatch = z
  .union([
    z.array(EventItem).max(maximumEventBatch),
    z.strictObject({ events: z.array(EventItem).max(maximumEventBatch) }),
  ])
  .openapi('EventBatch', {
    description: `A JSON array of events, or {"events": [...]}; at most ${maximumEventBatch}`,
  });

const EventResult = z
  .object({
    index: z.number().int(),
    status: z.enum(['created', 'duplicate', 'rejected']),
    contact_id: z.number().int().optional(),
    problems: z.array(ProblemDetail).optional(),
  })
  .openapi('EventResult');

const EventBatchResult = z
  .object({
    created: z.number().int(),
    duplicates: z.number().int(),
    rejected: z.number().int(),
    results: z.array(EventResult),
  })
  .openapi('EventBatchResult');

export const Event = z
  .object({
    id: z.number().int(),
    client_id: z.string().nullable(),
    contact_id: z.number().int(),
    type: z.string(),
    timestamp: z.string(),
    received_at: z.string(),
    properties: z.record(z.string(), z.unknown()),
  })
  .openapi('Event');

function toEventJson(event: StoredEvent): z.infer<typeof Event> {
  return {
    id: event.id,
    client_id: event.clientId,
    contact_id: event.contactId,
    type: event.type,
    timestamp: isoInstant(event.occurredAt),
    received_at: isoInstant(event.receivedAt),
    properties: event.properties,
  };
}

const ingestRoute = createRoute({
  method: 'post',
  path: '/v1/events',
  tags: ['events'],
  summary: 'Record a batch of events; each item gets its own result (idempotent by id)',
  description:
    'The status is 200 whenever the batch was processed, even when items were rejected: ' +
    "read `rejected` and each item's `problems`. Items are written in one transaction.",
  request: { body: jsonBody(EventBatch) },
  responses: {
    200: jsonContent(EventBatchResult, 'One result per event, in input order'),
    ...errorResponses(400, 413),
  },
});

const EventsQuery = pageQuery(maximumEventPageSize).extend({
  type: z
    .string()
    .min(1)
    .optional()
    .openapi({ param: { name: 'type', in: 'query' } }),
});

const contactEventsRoute = createRoute({
  method: 'get',
  path: '/v1/contacts/{id}/events',
  tags: ['events'],
  summary: "A contact's events, newest first (cursor pagination)",
  request: { params: ContactIdParams, query: EventsQuery },
  responses: { 200: jsonContent(page(Event), 'A page of events'), ...errorResponses(400, 404) },
});

export function registerEventRoutes(app: ApiApp): void {
  app.openAPIRegistry.register('EventInput', EventInput);
  app.openapi(ingestRoute, async (c) => {
    const body = c.req.valid('json');
    const events = Array.isArray(body) ? body : body.events;
    const result = await ingestEvents({
      store: c.var.store,
      workspaceId: c.var.workspace.id,
      events,
      now: c.var.now,
    });
    const results = result.results.map((item) =>
      item.status === 'rejected'
        ? { index: item.index, status: item.status, problems: item.problems }
        : { index: item.index, status: item.status, contact_id: item.contactId },
    );
    return c.json(
      {
        created: result.created,
        duplicates: result.duplicates,
        rejected: result.rejected,
        results,
      },
      200,
    );
  });
  app.openapi(contactEventsRoute, async (c) => {
    const { id } = c.req.valid('param');
    const query = c.req.valid('query');
    await requireContact(c, id);
    const eventPage = await withCursorAsAfter(() =>
      listContactEvents(c.var.store.db, {
        workspaceId: c.var.workspace.id,
        contactId: id,
        type: query.type,
        limit: query.limit,
        cursor: query.after,
      }),
    );
    return c.json(
      { data: eventPage.events.map(toEventJson), next_cursor: eventPage.nextCursor },
      200,
    );
  });
}
