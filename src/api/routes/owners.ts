import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { createRoute, z } from '@hono/zod-openapi';
import { importOwnersCsv } from '../../owners/index.js';
import { type ImportSummary, rejectedRowsError } from '../../shared/batch-import.js';
import { errorBody, httpStatusOf, SiftError } from '../../shared/errors.js';
import type { ApiApp } from '../api-env.js';
import { ErrorResponse, errorResponses, jsonContent } from '../openapi.js';

const OwnersQuery = z.object({
  consent: z
    .string()
    .optional()
    .openapi({
      param: { name: 'consent', in: 'query' },
      description:
        'Categories granted besides owners_marketing and owners_service, comma-separated',
    }),
  tags: z
    .string()
    .optional()
    .openapi({
      param: { name: 'tags', in: 'query' },
      description: 'Tags added to every row, separated by ;',
    }),
});

const OwnersImportSummary = z
  .object({
    rows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    rejected_count: z.number().int(),
    rejected: z.array(
      z.object({ line: z.number().int(), reason: z.string(), path: z.string().optional() }),
    ),
  })
  .openapi('OwnersImportSummary');

function summaryJson(summary: ImportSummary): z.infer<typeof OwnersImportSummary> {
  return {
    rows: summary.rows,
    created: summary.created,
    updated: summary.updated,
    rejected_count: summary.rejectedCount,
    rejected: summary.rejected,
  };
}

function split(text: string | undefined, separator: RegExp): string[] {
  return (text ?? '')
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

const importRoute = createRoute({
  method: 'post',
  path: '/v1/owners/import',
  tags: ['contacts'],
  summary: 'Import property owners from a contacts CSV: Owners list, owner consent, source owner',
  description:
    'The body is a contacts CSV (`Content-Type: text/csv`, the format of /v1/contacts/import). ' +
    'Every row joins the built-in Owners list and gets owners_marketing and owners_service; ' +
    'contacts created have source `owner`. 422 when some rows were rejected (the others are kept).',
  request: {
    query: OwnersQuery,
    body: { required: true, content: { 'text/csv': { schema: z.string() } } },
  },
  responses: {
    200: jsonContent(OwnersImportSummary, 'Every row was imported'),
    422: jsonContent(
      ErrorResponse.extend({ summary: OwnersImportSummary }).openapi('OwnersImportRejected'),
      'Some rows were rejected; the others were imported',
    ),
    ...errorResponses(400, 413, 415),
  },
});

export function registerOwnerRoutes(app: ApiApp): void {
  app.openapi(importRoute, async (c) => {
    const mediaType = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (mediaType !== 'text/csv' && mediaType !== 'application/csv') {
      throw new SiftError('unsupported_media_type', 'Send the CSV with Content-Type: text/csv');
    }
    const query = c.req.valid('query');
    const body = c.req.raw.body;
    const summary = await importOwnersCsv({
      store: c.var.store,
      workspaceId: c.var.workspace.id,
      input: body ? Readable.fromWeb(body as WebReadableStream) : Readable.from([]),
      consent: split(query.consent, /,/),
      tags: split(query.tags, /[;,]/),
      now: c.var.now,
    });
    if (summary.rejectedCount === 0) return c.json(summaryJson(summary), 200);
    const error = rejectedRowsError(summary);
    return c.json(
      { ...errorBody(error), summary: summaryJson(summary) },
      httpStatusOf(error.code) as 422,
    );
  });
}
