import { z } from '@hono/zod-openapi';
import {
  Condition,
  maxMemberPageSize,
  SegmentDefinition,
  SegmentKey,
  segmentKinds,
} from '../../segments/index.js';
import { parseInstant } from '../../shared/time.js';
import { documented } from '../openapi.js';

/** The zod schemas of the segment routes (segments.ts): bodies, answers and parameters. */

// Registers the recursive condition as one component, so the document refers to it by $ref.
documented(Condition, 'Condition');

export const SegmentInput = documented(SegmentDefinition, 'SegmentDefinition', {
  description: 'Segment JSON (SPEC §7). The key is lower-case letters, digits and "-".',
});
export const SegmentUpdate = documented(SegmentDefinition.partial({ key: true }), 'SegmentUpdate', {
  description: 'The whole new definition; `key` may be left out (it cannot change).',
});
export const PreviewInput = z
  .union([SegmentDefinition.partial({ key: true, name: true }), Condition])
  .openapi('SegmentPreviewInput', {
    description: 'A condition, or a (possibly unsaved) Segment JSON whose parent counts too.',
  });

export const Segment = z
  .object({
    key: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    parent: z.string().nullable(),
    active: z.boolean(),
    kind: z.enum(segmentKinds),
    built_in: z.boolean().openapi({ description: 'A built-in consent segment (SPEC §3 rule 5)' }),
    depth: z.number().int().openapi({ description: 'Depth in the tree: 0 for a root' }),
    version: z.number().int(),
    condition: Condition,
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Segment');

export const SegmentVersion = z
  .object({
    version: z.number().int(),
    created_at: z.string(),
    definition: SegmentDefinition,
  })
  .openapi('SegmentVersion');

export const SegmentWithVersions = Segment.extend({ versions: z.array(SegmentVersion) }).openapi(
  'SegmentWithVersions',
);

export const SegmentMember = z
  .object({
    id: z.number().int(),
    email: z.string().nullable(),
    external_id: z.string().nullable(),
    phone: z.string().nullable(),
    first_name: z.string().nullable(),
    last_name: z.string().nullable(),
  })
  .openapi('SegmentMember');

export const ExplanationNode = z
  .object({
    type: z.string(),
    result: z.boolean(),
    path: z
      .string()
      .optional()
      .openapi({ description: 'JSON path in the condition of `segment_key`' }),
    segment: z
      .string()
      .optional()
      .openapi({ description: 'Set on the node that stands for a whole segment' }),
    segment_key: z.string().optional(),
    source: z.unknown().optional().openapi({ description: 'The rule as written' }),
    condition: z.unknown().optional().openapi({ description: 'The rule as evaluated (core tree)' }),
    found: z.record(z.string(), z.unknown()).optional().openapi({
      description: 'What the leaf found: value, count, aggregate, last, consent, tags, lists',
    }),
    children: z.array(z.unknown()).optional().openapi({ description: 'ExplanationNode objects' }),
  })
  .openapi('ExplanationNode');

export const Explanation = z
  .object({
    segment: z.string(),
    contact: z.number().int(),
    now: z.string(),
    result: z.boolean().openapi({ description: 'Whether the contact is a member at `now`' }),
    tree: ExplanationNode,
  })
  .openapi('SegmentExplanation');

const nowParameter = z
  .string()
  .refine((text) => parseInstant(text) !== null, { message: 'expected an ISO 8601 instant' })
  .optional()
  .openapi({
    param: { name: 'now', in: 'query' },
    description: 'Evaluate at this instant (default: the current time)',
  });

export const NowQuery = z.object({ now: nowParameter });

export const KeyParams = z.object({
  key: documented(SegmentKey, { param: { name: 'key', in: 'path' }, example: 'nl-vip' }),
});

export const MembersQuery = z.object({
  now: nowParameter,
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(maxMemberPageSize)
    .optional()
    .openapi({
      param: { name: 'limit', in: 'query' },
      description: 'Page size (default 100 for JSON; CSV exports every member unless given)',
    }),
  after: z
    .string()
    .min(1)
    .optional()
    .openapi({
      param: { name: 'after', in: 'query' },
      description: 'next_cursor of the previous page',
    }),
  format: z
    .enum(['json', 'csv'])
    .optional()
    .openapi({
      param: { name: 'format', in: 'query' },
      description: 'csv, or send Accept: text/csv',
    }),
});

export const PreviewQuery = z.object({
  now: nowParameter,
  sample: z.coerce
    .number()
    .int()
    .min(0)
    .max(100)
    .optional()
    .openapi({
      param: { name: 'sample', in: 'query' },
      description: 'Sample size, first by id (default 20)',
    }),
});

export const ExplainParams = KeyParams.extend({
  contact: z
    .string()
    .min(1)
    .openapi({
      param: { name: 'contact', in: 'path' },
      description: 'Contact id or email',
      example: '42',
    }),
});
