import { createRoute, z } from '@hono/zod-openapi';
import { AudienceRequest, exclusionReasons, previewAudience } from '../../campaigns/index.js';
import { parseInstant } from '../../shared/time.js';
import type { ApiApp } from '../api-env.js';
import { documented, errorResponses, isoInstant, jsonBody, jsonContent } from '../openapi.js';
import { SegmentMember } from './segment-schemas.js';

const AudienceInput = documented(AudienceRequest, 'AudienceRequest', {
  description:
    'The base consent category (its built-in consent segment), segments to include (any of; ' +
    'everyone when none) and to exclude, and the channel whose address recipients need.',
  example: { consent: 'marketing', include: ['nl'], exclude: ['recent-buyers'], channel: 'email' },
});

const ExcludedCounts = z
  .object(Object.fromEntries(exclusionReasons.map((reason) => [reason, z.number().int()])))
  .openapi('AudienceExclusions', {
    description:
      'Included contacts left out, each counted once under the first reason it fails, in this ' +
      'order: no valid consent for the base category, no address for the channel, a hard ' +
      'bounce on the channel, in an excluded segment',
  });

const AudiencePreview = z
  .object({
    count: z.number().int().openapi({ description: 'The exact audience size at `now`' }),
    now: z.string(),
    sample: z.array(SegmentMember).openapi({ description: 'The first 20 members by id' }),
    excluded: ExcludedCounts,
    candidates: z.number().int().openapi({
      description: 'Contacts of the included segments (everyone when none): count + excluded',
    }),
  })
  .openapi('AudiencePreview');

const AudienceQuery = z.object({
  now: z
    .string()
    .refine((text) => parseInstant(text) !== null, { message: 'expected an ISO 8601 instant' })
    .optional()
    .openapi({
      param: { name: 'now', in: 'query' },
      description: 'Evaluate at this instant (default: the current time)',
    }),
});

const previewRoute = createRoute({
  method: 'post',
  path: '/v1/audiences/preview',
  tags: ['audiences'],
  summary: 'Size, sample and exclusions of a campaign audience (consent, segments, channel)',
  description:
    'Inactive or unknown segments are refused (400, each named in `error.details`). Hard-bounced ' +
    'means a `message.bounced` event with `channel` = the channel and `type` = `hard`.',
  request: { query: AudienceQuery, body: jsonBody(AudienceInput) },
  responses: {
    200: jsonContent(AudiencePreview, 'The audience at `now`'),
    ...errorResponses(400),
  },
});

export function registerAudienceRoutes(app: ApiApp): void {
  app.openapi(previewRoute, async (c) => {
    const query = c.req.valid('query');
    const now = query.now === undefined ? c.var.now : parseInstant(query.now)!;
    const preview = await previewAudience(c.var.store, {
      workspace: c.var.workspace,
      now,
      request: c.req.valid('json'),
    });
    return c.json({ ...preview, now: isoInstant(now) }, 200);
  });
}
