import { z } from 'zod';

/**
 * The segment language as stored and exchanged (SPEC §2). This schema checks shape only;
 * meaning (fields exist, operator fits the field's type, durations, references) is checked by
 * `validate.ts` against the workspace, so that every problem is reported with its JSON path.
 */

export const fieldOperators = [
  'eq',
  'neq',
  'contains',
  'not_contains',
  'starts_with',
  'ends_with',
  'in',
  'not_in',
  'is_set',
  'is_not_set',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'is_true',
  'is_false',
  'on',
  'before',
  'after',
  'within_last',
  'within_next',
  'more_than_ago',
  'anniversary_within_next',
  'has_any',
  'has_all',
  'has_none',
] as const;
export const FieldOperator = z.enum(fieldOperators);
export type FieldOperator = z.infer<typeof FieldOperator>;

export const ComparisonOperator = z.enum(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between']);
export type ComparisonOperator = z.infer<typeof ComparisonOperator>;

/** `value` is a number, or `[lo, hi]` for `between`. */
export const Comparison = z.strictObject({
  op: ComparisonOperator,
  value: z.union([z.number(), z.tuple([z.number(), z.number()])]),
});
export type Comparison = z.infer<typeof Comparison>;

export const Within = z.union([
  z.strictObject({ last: z.string() }),
  z.strictObject({ from: z.string(), to: z.string() }),
]);
export type Within = z.infer<typeof Within>;

export const Aggregate = z.strictObject({
  fn: z.enum(['sum', 'avg', 'min', 'max']),
  property: z.string().min(1),
  op: ComparisonOperator,
  value: z.union([z.number(), z.tuple([z.number(), z.number()])]),
});
export type Aggregate = z.infer<typeof Aggregate>;

export const LastOperator = z.enum([
  'within_last',
  'more_than_ago',
  'before',
  'after',
  'between',
  'on',
]);
export const LastOccurrence = z.strictObject({
  op: LastOperator,
  value: z.union([z.string(), z.tuple([z.string(), z.string()])]),
});
export type LastOccurrence = z.infer<typeof LastOccurrence>;

export const WhereFilter = z.strictObject({
  property: z.string().min(1),
  op: FieldOperator,
  value: z.unknown().optional(),
});
export type WhereFilter = z.infer<typeof WhereFilter>;

export const FieldCondition = z.strictObject({
  type: z.literal('field'),
  field: z.string().min(1),
  op: FieldOperator,
  value: z.unknown().optional(),
});
export type FieldCondition = z.infer<typeof FieldCondition>;

export const TagCondition = z.strictObject({
  type: z.literal('tag'),
  op: z.enum(['has_any', 'has_all', 'has_none']),
  tags: z.array(z.string()),
});
export type TagCondition = z.infer<typeof TagCondition>;

export const ListCondition = z.strictObject({
  type: z.literal('list'),
  op: z.enum(['in', 'not_in']),
  lists: z.array(z.string()),
});
export type ListCondition = z.infer<typeof ListCondition>;

export const SegmentReference = z.strictObject({
  type: z.literal('segment'),
  op: z.enum(['in', 'not_in']),
  segment: z.string().min(1),
});
export type SegmentReference = z.infer<typeof SegmentReference>;

export const consentStates = ['valid', 'withdrawn', 'never_given', 'expired'] as const;
export const ConsentState = z.enum(consentStates);
export type ConsentState = z.infer<typeof ConsentState>;

export const ConsentCondition = z.strictObject({
  type: z.literal('consent'),
  category: z.string().min(1),
  op: ConsentState,
});
export type ConsentCondition = z.infer<typeof ConsentCondition>;

export const EventCondition = z.strictObject({
  type: z.literal('event'),
  event: z.string().min(1),
  where: z.array(WhereFilter).optional(),
  within: Within.optional(),
  count: Comparison.optional(),
  aggregate: Aggregate.optional(),
  last: LastOccurrence.optional(),
});
export type EventCondition = z.infer<typeof EventCondition>;

export const messageActivities = [
  'received',
  'delivered',
  'opened',
  'clicked',
  'bounced',
  'unsubscribed',
] as const;
export const MessageActivity = z.enum(messageActivities);
export type MessageActivity = z.infer<typeof MessageActivity>;

export const MessageCondition = z.strictObject({
  type: z.literal('message'),
  activity: MessageActivity,
  campaign: z.string().optional(),
  link: z.string().optional(),
  channel: z.string().optional(),
  within: Within.optional(),
  count: Comparison.optional(),
  last: LastOccurrence.optional(),
});
export type MessageCondition = z.infer<typeof MessageCondition>;

export const ReservationCondition = z.strictObject({
  type: z.literal('reservation'),
  where: z.array(WhereFilter).optional(),
  count: Comparison.optional(),
});
export type ReservationCondition = z.infer<typeof ReservationCondition>;

export type AllCondition = { type: 'all'; conditions: Condition[] };
export type AnyCondition = { type: 'any'; conditions: Condition[] };
export type NotCondition = { type: 'not'; condition: Condition };

export type Condition =
  | AllCondition
  | AnyCondition
  | NotCondition
  | FieldCondition
  | TagCondition
  | ListCondition
  | SegmentReference
  | ConsentCondition
  | EventCondition
  | MessageCondition
  | ReservationCondition;

export const AllCondition: z.ZodType<AllCondition> = z.strictObject({
  type: z.literal('all'),
  get conditions() {
    return z.array(Condition);
  },
});
export const AnyCondition: z.ZodType<AnyCondition> = z.strictObject({
  type: z.literal('any'),
  get conditions() {
    return z.array(Condition);
  },
});
export const NotCondition: z.ZodType<NotCondition> = z.strictObject({
  type: z.literal('not'),
  get condition() {
    return Condition;
  },
});

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.discriminatedUnion('type', [
    AllCondition as never,
    AnyCondition as never,
    NotCondition as never,
    FieldCondition,
    TagCondition,
    ListCondition,
    SegmentReference,
    ConsentCondition,
    EventCondition,
    MessageCondition,
    ReservationCondition,
  ]),
);

export const segmentKinds = ['consent', 'booker', 'rules'] as const;
export const SegmentKind = z.enum(segmentKinds);
export type SegmentKind = z.infer<typeof SegmentKind>;

export const SegmentKey = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]*$/,
    'lower-case letters, digits and "-", starting with a letter or digit',
  )
  .max(100);

/** A segment definition as written in a file or a request body (SPEC §7). */
export const SegmentDefinition = z.strictObject({
  key: SegmentKey,
  name: z.string().min(1).max(200),
  description: z.string().max(2000).optional(),
  parent: SegmentKey.nullable().optional(),
  active: z.boolean().default(true),
  condition: Condition,
});
export type SegmentDefinition = z.infer<typeof SegmentDefinition>;
