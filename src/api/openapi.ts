import { z } from '@hono/zod-openapi';
import { isoInstant } from '../shared/time.js';
import type { ApiApp } from './api-env.js';

export const securitySchemeName = 'apiKey';

export const ProblemDetail = z.object({
  code: z.string(),
  message: z.string(),
  path: z.string().optional(),
});

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'invalid_input' }),
      message: z.string(),
      path: z.string().optional().openapi({ example: 'contacts[3].email' }),
      details: z.array(ProblemDetail).optional(),
    }),
  })
  .openapi('Error');

const errorDescriptions = {
  400: 'Invalid input (`invalid_input`, `validation_failed`); `path` names the first problem',
  401: 'Missing, unknown or revoked API key',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict with an existing record',
  413: 'Request body too large',
  415: 'Unsupported media type',
  422: 'Some rows were rejected (`import_rejected_rows`); the good rows were kept',
  500: 'Internal error (details are logged, never returned)',
} as const;

export type ErrorStatus = keyof typeof errorDescriptions;

/** The `responses` entries of error statuses, all with the one error shape. */
export function errorResponses<const S extends ErrorStatus>(
  ...statuses: S[]
): Record<
  S,
  { description: string; content: { 'application/json': { schema: typeof ErrorResponse } } }
> {
  const responses = {} as Record<
    S,
    { description: string; content: { 'application/json': { schema: typeof ErrorResponse } } }
  >;
  for (const status of [...statuses, 401, 500] as S[]) {
    responses[status] = {
      description: errorDescriptions[status],
      content: { 'application/json': { schema: ErrorResponse } },
    };
  }
  return responses;
}

export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } };
}

/** `?limit=&after=`: keyset pagination, `after` is the `next_cursor` of the previous page. */
export function pageQuery(maximum = 1000) {
  return z.object({
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(maximum)
      .default(Math.min(100, maximum))
      .openapi({ param: { name: 'limit', in: 'query' }, example: 100 }),
    after: z
      .string()
      .min(1)
      .optional()
      .openapi({
        param: { name: 'after', in: 'query' },
        description: 'next_cursor of the previous page',
      }),
  });
}

export const PageQuery = pageQuery();
export type PageQuery = z.infer<typeof PageQuery>;

export function page<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    next_cursor: z
      .string()
      .nullable()
      .openapi({ description: 'Pass as `after` for the next page; null on the last page' }),
  });
}

export function dataList<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item) });
}

export { isoInstant };

export function isoInstantOrNull(milliseconds: number | null | undefined): string | null {
  return milliseconds === null || milliseconds === undefined ? null : isoInstant(milliseconds);
}

export const openApiInfo = {
  openapi: '3.1.0',
  info: {
    title: 'Sift API',
    version: '1.0.0',
    description:
      'Audience segmentation: contacts, consent, events, reservations and live segments. ' +
      'Every `/v1` request needs a workspace API key: `Authorization: Bearer sift_…` ' +
      '(create one with `sift apikey create`).',
  },
  security: [{ [securitySchemeName]: [] }],
};

export function registerSecurityScheme(app: ApiApp): void {
  app.openAPIRegistry.registerComponent('securitySchemes', securitySchemeName, {
    type: 'http',
    scheme: 'bearer',
    description: 'A workspace API key, `sift_` followed by 43 characters',
  });
}

type OpenApiArguments = [string, Record<string, unknown>?] | [Record<string, unknown>];

/**
 * Names a schema defined by a domain module for the OpenAPI document. Under zod 4 only schemas
 * created after `@hono/zod-openapi` has loaded carry `.openapi()`; domain modules use plain zod
 * and may load first, so the method is applied from the prototype whatever the load order.
 */
export function documented<T extends z.ZodType>(schema: T, ...options: OpenApiArguments): T {
  const openapi = (z.ZodType.prototype as unknown as { openapi: (...args: OpenApiArguments) => T })
    .openapi;
  return openapi.apply(schema, options);
}
