import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { createRoute, z } from '@hono/zod-openapi';
import { importContactsCsv } from '../../contacts/index.js';
import { type ImportSummary, rejectedRowsError } from '../../shared/batch-import.js';
import { errorBody, httpStatusOf, SiftError } from '../../shared/errors.js';
import type { ApiApp } from '../api-env.js';
import { ErrorResponse, errorResponses, jsonContent } from '../openapi.js';

const commaList = (separators: RegExp) =>
  z.string().transform((text) =>
    text
      .split(separators)
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  );

const ImportQuery = z.object({
  consent: commaList(/,/)
    .pipe(z.array(z.string()).min(1, { message: 'name at least one consent category' }))
    .openapi({
      param: { name: 'consent', in: 'query', required: true },
      description: 'Categories granted to every row, comma-separated',
      example: 'marketing,sales_viewing',
    }),
  list: z
    .string()
    .min(1)
    .optional()
    .openapi({
      param: { name: 'list', in: 'query' },
      description: 'A list key the rows join; created (source imported) when missing',
    }),
  tags: commaList(/[;,]/)
    .optional()
    .openapi({
      param: { name: 'tags', in: 'query' },
      description: 'Tags added to every row, separated by ; (or ,)',
      example: 'fair-2026;vip',
    }),
});

const RejectedRow = z.object({
  line: z.number().int().openapi({ description: 'Physical line in the file (header = 1)' }),
  reason: z.string(),
  path: z.string().optional(),
});

const ImportSummaryJson = z
  .object({
    rows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    skipped: z.number().int(),
    rejected_count: z.number().int(),
    rejected: z.array(RejectedRow),
    rejected_truncated: z.boolean(),
  })
  .openapi('ImportSummary');

const ImportRejected = ErrorResponse.extend({ summary: ImportSummaryJson }).openapi(
  'ImportRejected',
);

function summaryJson(summary: ImportSummary): z.infer<typeof ImportSummaryJson> {
  return {
    rows: summary.rows,
    created: summary.created,
    updated: summary.updated,
    skipped: summary.skipped,
    rejected_count: summary.rejectedCount,
    rejected: summary.rejected,
    rejected_truncated: summary.rejectedTruncated,
  };
}

const csvMediaTypes = ['text/csv', 'application/csv'];

const importRoute = createRoute({
  method: 'post',
  path: '/v1/contacts/import',
  tags: ['contacts'],
  summary: 'Import contacts from CSV (SPEC §7); good rows are kept even when others are rejected',
  description:
    'The body is the CSV file itself (`Content-Type: text/csv`). 200 when every row was ' +
    'imported; 422 `import_rejected_rows` when some rows were rejected: the good rows are ' +
    'imported all the same, `error.details` lists each rejected line and `summary` counts.',
  request: {
    query: ImportQuery,
    body: { required: true, content: { 'text/csv': { schema: z.string() } } },
  },
  responses: {
    200: jsonContent(ImportSummaryJson, 'Every row was imported'),
    422: jsonContent(ImportRejected, 'Some rows were rejected; the others were imported'),
    ...errorResponses(400, 413, 415),
  },
});

export function registerContactImportRoutes(app: ApiApp): void {
  app.openapi(importRoute, async (c) => {
    const mediaType = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!csvMediaTypes.includes(mediaType)) {
      throw new SiftError('unsupported_media_type', 'Send the CSV with Content-Type: text/csv');
    }
    const query = c.req.valid('query');
    const body = c.req.raw.body;
    const summary = await importContactsCsv({
      store: c.var.store,
      workspaceId: c.var.workspace.id,
      input: body ? Readable.fromWeb(body as WebReadableStream) : Readable.from([]),
      consent: query.consent,
      listKey: query.list,
      tags: query.tags,
      now: c.var.now,
    });
    if (summary.rejectedCount === 0) return c.json(summaryJson(summary), 200);
    const error = rejectedRowsError(summary);
    const status = httpStatusOf(error.code) as 422;
    return c.json({ ...errorBody(error), summary: summaryJson(summary) }, status);
  });
}
