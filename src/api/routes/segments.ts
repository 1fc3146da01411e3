import { createRoute, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type { ZodError } from 'zod';
import { findContactIds, parseContactReference } from '../../contacts/index.js';
import {
  checkTreeBounds,
  countSegment,
  createSegment,
  deleteSegment,
  explainSegment,
  explanationToJson,
  getSegment,
  isDefinitionBody,
  iterateSegmentMembers,
  listSegments,
  memberCsvLine,
  membersCsvHeader,
  previewSegment,
  segmentDetailToJson,
  segmentMembers,
  segmentsOfContact,
  segmentToJson,
  updateSegment,
  versionToJson,
} from '../../segments/index.js';
import { SiftError } from '../../shared/errors.js';
import { parseInstant } from '../../shared/time.js';
import type { ApiApp, ApiEnv } from '../api-env.js';
import { validationHook } from '../error-handler.js';
import { dataList, errorResponses, isoInstant, jsonBody, jsonContent, page } from '../openapi.js';
import { idCursor, parseIdCursor } from '../pagination.js';
import { ContactIdParams } from './contact-lookup.js';
import {
  ExplainParams,
  Explanation,
  KeyParams,
  MembersQuery,
  NowQuery,
  PreviewInput,
  PreviewQuery,
  Segment,
  SegmentInput,
  SegmentMember,
  SegmentUpdate,
  SegmentVersion,
  SegmentWithVersions,
} from './segment-schemas.js';

/**
 * Segments over HTTP (SPEC §5): records, versions, count, members (JSON pages or CSV export),
 * explanations, a contact's segments and the preview of an unsaved tree. Bodies are checked by
 * the segment language's validator, which reports every problem with its JSON path.
 */

function nowOf(c: Context<ApiEnv>, now: string | undefined): number {
  return now === undefined ? c.var.now : parseInstant(now)!;
}

/**
 * Refuses an oversized condition before the schema walks it (SPEC §2 bounds), so that no body
 * can exhaust the stack of a recursive parser.
 */
const boundedCondition: MiddlewareHandler<ApiEnv> = async (c, next) => {
  if (c.req.method !== 'POST' && c.req.method !== 'PUT') return next();
  const body: unknown = await c.req.json().catch(() => undefined);
  if (typeof body === 'object' && body !== null) {
    const definition = isDefinitionBody(body);
    const problem = checkTreeBounds(definition ? body.condition : body);
    if (problem) {
      const path = definition
        ? `condition${problem.path.startsWith('[') || problem.path === '' ? '' : '.'}${problem.path}`
        : problem.path;
      throw new SiftError('validation_failed', `Condition is invalid: ${problem.message}`, {
        path,
        details: [{ ...problem, path }],
      });
    }
  }
  await next();
};

const createSegmentRoute = createRoute({
  method: 'post',
  path: '/v1/segments',
  tags: ['segments'],
  summary: 'Create a segment (validated against the workspace; every problem with its path)',
  request: { body: jsonBody(SegmentInput) },
  responses: { 201: jsonContent(Segment, 'The new segment'), ...errorResponses(400, 409) },
});

const listSegmentsRoute = createRoute({
  method: 'get',
  path: '/v1/segments',
  tags: ['segments'],
  summary: 'Every segment in tree order (children right after their parent), built-ins first',
  responses: { 200: jsonContent(dataList(Segment), 'Segments'), ...errorResponses() },
});

const previewRoute = createRoute({
  method: 'post',
  path: '/v1/segments/preview',
  tags: ['segments'],
  summary:
    'Exact count and first members of an unsaved condition (the live count of a rule builder)',
  request: { query: PreviewQuery, body: jsonBody(PreviewInput) },
  responses: {
    200: jsonContent(
      z.object({ count: z.number().int(), now: z.string(), sample: z.array(SegmentMember) }),
      'Count and sample',
    ),
    ...errorResponses(400),
  },
});

const getSegmentRoute = createRoute({
  method: 'get',
  path: '/v1/segments/{key}',
  tags: ['segments'],
  summary: 'One segment with every saved version',
  request: { params: KeyParams },
  responses: { 200: jsonContent(SegmentWithVersions, 'The segment'), ...errorResponses(400, 404) },
});

const updateSegmentRoute = createRoute({
  method: 'put',
  path: '/v1/segments/{key}',
  tags: ['segments'],
  summary: 'Save a new definition as the next version (the same definition again changes nothing)',
  request: { params: KeyParams, body: jsonBody(SegmentUpdate) },
  responses: {
    200: jsonContent(Segment, 'The saved segment'),
    ...errorResponses(400, 404, 409),
  },
});

const deleteSegmentRoute = createRoute({
  method: 'delete',
  path: '/v1/segments/{key}',
  tags: ['segments'],
  summary: 'Delete a segment (never its contacts); 409 naming the segments that depend on it',
  request: { params: KeyParams },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(400, 404, 409) },
});

const versionsRoute = createRoute({
  method: 'get',
  path: '/v1/segments/{key}/versions',
  tags: ['segments'],
  summary: 'Every saved definition, oldest first',
  request: { params: KeyParams },
  responses: {
    200: jsonContent(dataList(SegmentVersion), 'Versions'),
    ...errorResponses(400, 404),
  },
});

const countRoute = createRoute({
  method: 'get',
  path: '/v1/segments/{key}/count',
  tags: ['segments'],
  summary: 'How many contacts are in the segment at `now`',
  request: { params: KeyParams, query: NowQuery },
  responses: {
    200: jsonContent(z.object({ count: z.number().int(), now: z.string() }), 'The count'),
    ...errorResponses(400, 404),
  },
});

const membersRoute = createRoute({
  method: 'get',
  path: '/v1/segments/{key}/members',
  tags: ['segments'],
  summary: 'Members at `now` ordered by id: JSON pages, or CSV (`?format=csv`, `Accept: text/csv`)',
  request: { params: KeyParams, query: MembersQuery },
  responses: {
    200: {
      description: 'A page of members, or the CSV export',
      content: {
        'application/json': { schema: page(SegmentMember) },
        'text/csv': { schema: z.string() },
      },
    },
    ...errorResponses(400, 404),
  },
});

const explainRoute = createRoute({
  method: 'get',
  path: '/v1/segments/{key}/explain/{contact}',
  tags: ['segments'],
  summary: 'Why a contact is in or out: the tree with each node’s result and what leaves found',
  request: { params: ExplainParams, query: NowQuery },
  responses: { 200: jsonContent(Explanation, 'The explanation'), ...errorResponses(400, 404) },
});

const contactSegmentsRoute = createRoute({
  method: 'get',
  path: '/v1/contacts/{id}/segments',
  tags: ['segments'],
  summary: 'Every segment the contact is in at `now` (inactive ones included)',
  request: { params: ContactIdParams, query: NowQuery },
  responses: {
    200: jsonContent(dataList(Segment).extend({ now: z.string() }), 'Segments'),
    ...errorResponses(400, 404),
  },
});

/**
 * When the schema refuses a body, the segment validator reports instead: it finds every
 * problem (shape and meaning) with its path. `retry` runs the request on the raw body, which
 * throws those problems; should it pass, its answer is the response.
 */
function revalidate(retry: (c: Context<ApiEnv>, body: unknown) => Promise<Response>): never {
  const hook = async (
    result: { success: true } | { success: false; error: ZodError; target: string; data?: unknown },
    c: Context<ApiEnv>,
  ): Promise<Response | undefined> => {
    if (result.success) return undefined;
    if (result.target === 'json') return retry(c, result.data);
    validationHook(result);
    return undefined;
  };
  // The library types a hook per route; this one serves several routes alike.
  return hook as never;
}

async function resolveContactId(c: Context<ApiEnv>, text: string): Promise<number> {
  const [id] = await findContactIds(c.var.store.db, c.var.workspace.id, [
    parseContactReference(text),
  ]);
  if (id === undefined) {
    throw new SiftError('not_found', `No contact "${text}"`, { path: 'contact' });
  }
  return id;
}

function wantsCsv(c: Context<ApiEnv>, format: 'json' | 'csv' | undefined): boolean {
  if (format !== undefined) return format === 'csv';
  const accept = c.req.header('accept') ?? '';
  return /\btext\/csv\b/.test(accept) && !/\bapplication\/json\b/.test(accept);
}

function registerRecordRoutes(app: ApiApp): void {
  const create = async (c: Context<ApiEnv>, definition: unknown) => {
    const segment = await createSegment(c.var.store.db, {
      workspace: c.var.workspace,
      now: c.var.now,
      definition,
    });
    return c.json(segmentToJson(segment), 201);
  };
  app.openapi(
    createSegmentRoute,
    (c) => create(c, c.req.valid('json')) as never,
    revalidate(create),
  );
  app.openapi(listSegmentsRoute, async (c) => {
    const segments = await listSegments(c.var.store.db, {
      workspace: c.var.workspace,
      now: c.var.now,
    });
    return c.json({ data: segments.map(segmentToJson) }, 200);
  });
  const preview = async (c: Context<ApiEnv>, tree: unknown) => {
    const query = c.req.query();
    const sample = query.sample === undefined ? undefined : Number(query.sample);
    const now = nowOf(c, query.now);
    const result = await previewSegment(c.var.store, {
      workspace: c.var.workspace,
      now,
      tree,
      sampleSize: sample,
    });
    return c.json({ count: result.count, now: isoInstant(now), sample: result.sample }, 200);
  };
  app.openapi(previewRoute, (c) => preview(c, c.req.valid('json')) as never, revalidate(preview));
}

function registerKeyRoutes(app: ApiApp): void {
  app.openapi(getSegmentRoute, async (c) => {
    const { key } = c.req.valid('param');
    const segment = await getSegment(c.var.store.db, {
      workspace: c.var.workspace,
      now: c.var.now,
      key,
    });
    return c.json(segmentDetailToJson(segment), 200);
  });
  const update = async (c: Context<ApiEnv>, definition: unknown) => {
    const segment = await updateSegment(c.var.store.db, {
      workspace: c.var.workspace,
      now: c.var.now,
      key: c.req.param('key') ?? '',
      definition,
    });
    return c.json(segmentToJson(segment), 200);
  };
  app.openapi(
    updateSegmentRoute,
    (c) => update(c, c.req.valid('json')) as never,
    revalidate(update),
  );
  app.openapi(deleteSegmentRoute, async (c) => {
    const { key } = c.req.valid('param');
    await deleteSegment(c.var.store.db, { workspace: c.var.workspace, now: c.var.now, key });
    return c.body(null, 204);
  });
  app.openapi(versionsRoute, async (c) => {
    const { key } = c.req.valid('param');
    const segment = await getSegment(c.var.store.db, {
      workspace: c.var.workspace,
      now: c.var.now,
      key,
    });
    return c.json({ data: segment.versions.map(versionToJson) }, 200);
  });
}

/** Streams every member page as CSV; the first page is read first so errors still get a status. */
async function csvResponse(
  c: Context<ApiEnv>,
  input: { key: string; now: number; limit: number | undefined; after: number | undefined },
): Promise<Response> {
  const pages = iterateSegmentMembers(c.var.store, { workspace: c.var.workspace, ...input });
  const first = await pages.next();
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(encoder.encode(membersCsvHeader()));
      if (!first.done) {
        controller.enqueue(encoder.encode(first.value.map(memberCsvLine).join('')));
        for await (const members of pages)
          controller.enqueue(encoder.encode(members.map(memberCsvLine).join('')));
      }
      controller.close();
    },
  });
  return new Response(stream, {
    status: 200,
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${input.key}.csv"`,
    },
  });
}

function registerEvaluationRoutes(app: ApiApp): void {
  app.openapi(countRoute, async (c) => {
    const { key } = c.req.valid('param');
    const now = nowOf(c, c.req.valid('query').now);
    const count = await countSegment(c.var.store, { workspace: c.var.workspace, now, key });
    return c.json({ count, now: isoInstant(now) }, 200);
  });
  app.openapi(membersRoute, async (c) => {
    const { key } = c.req.valid('param');
    const query = c.req.valid('query');
    const now = nowOf(c, query.now);
    const after = parseIdCursor(query.after);
    if (wantsCsv(c, query.format)) {
      return (await csvResponse(c, { key, now, limit: query.limit, after })) as never;
    }
    const result = await segmentMembers(c.var.store, {
      workspace: c.var.workspace,
      now,
      key,
      after,
      limit: query.limit ?? 100,
    });
    return c.json({ data: result.members, next_cursor: idCursor(result.next) }, 200);
  });
  app.openapi(explainRoute, async (c) => {
    const { key, contact } = c.req.valid('param');
    const now = nowOf(c, c.req.valid('query').now);
    const contactId = await resolveContactId(c, contact);
    const explanation = await explainSegment(c.var.store, {
      workspace: c.var.workspace,
      now,
      key,
      contactId,
    });
    return c.json(explanationToJson(explanation) as never, 200);
  });
  app.openapi(contactSegmentsRoute, async (c) => {
    const { id } = c.req.valid('param');
    const now = nowOf(c, c.req.valid('query').now);
    const segments = await segmentsOfContact(c.var.store, {
      workspace: c.var.workspace,
      now,
      contactId: id,
    });
    return c.json({ data: segments.map(segmentToJson), now: isoInstant(now) }, 200);
  });
}

export function registerSegmentRoutes(app: ApiApp): void {
  app.use('/v1/segments', boundedCondition);
  app.use('/v1/segments/*', boundedCondition);
  registerRecordRoutes(app);
  registerKeyRoutes(app);
  registerEvaluationRoutes(app);
}
