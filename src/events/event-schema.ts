import { z } from 'zod';

/**
 * One event as exchanged (SPEC §1, §7): a line of the events NDJSON file or an item of
 * `POST /v1/events`. The schema checks shape only and has no transforms, so that the same
 * schema documents the API; `parseEvent` turns a valid value into a `NormalisedEvent`.
 */

/** Event types with a meaning of their own (SPEC §1); every other type is a custom event. */
export const builtInEventTypes = [
  'message.sent',
  'message.delivered',
  'message.opened',
  'message.clicked',
  'message.bounced',
  'message.unsubscribed',
  'form.submitted',
  'survey.completed',
  'purchase',
] as const;
export type BuiltInEventType = (typeof builtInEventTypes)[number];

const builtInEventTypeSet: ReadonlySet<string> = new Set(builtInEventTypes);

export function isBuiltInEventType(type: string): type is BuiltInEventType {
  return builtInEventTypeSet.has(type);
}

/** The longest client `id` and `type` accepted; longer values are mistakes, not identifiers. */
export const maximumIdentifierLength = 255;

const isoDateTimePattern =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** A full ISO 8601 date-time; the offset is optional (UTC when missing). */
export function isIsoDateTime(text: string): boolean {
  return isoDateTimePattern.test(text.trim());
}

const identifier = (what: string) =>
  z
    .string({ error: `expected ${what} as a string` })
    .trim()
    .min(1, { error: `expected a non-empty ${what}` })
    .max(maximumIdentifierLength, {
      error: `expected at most ${maximumIdentifierLength} characters`,
    });

const contactIdError = { error: 'expected a contact id (a positive integer)' };

const contactReferenceKeys = ['id', 'email', 'external_id', 'phone'] as const;

/**
 * Names the contact an event belongs to by exactly one of `id`, `email`, `external_id`, `phone`.
 * One key only, so that a reference can never point at two different contacts.
 */
export const EventContactReference = z
  .strictObject(
    {
      id: z
        .union(
          [
            z.number().int(contactIdError).positive(contactIdError),
            z.string().regex(/^[1-9]\d*$/, contactIdError),
          ],
          contactIdError,
        )
        .optional(),
      email: identifier('email').optional(),
      external_id: identifier('external_id').optional(),
      phone: identifier('phone').optional(),
    },
    { error: 'expected an object such as {"email": "a@example.com"}' },
  )
  .refine(
    (reference) => contactReferenceKeys.filter((key) => reference[key] !== undefined).length === 1,
    { error: 'expected exactly one of id, email, external_id, phone' },
  );
export type EventContactReference = z.infer<typeof EventContactReference>;

export const EventInput = z.strictObject(
  {
    id: identifier('event id').optional(),
    contact: EventContactReference,
    type: identifier('event type'),
    timestamp: z.string({ error: 'expected an ISO 8601 date-time string' }).refine(isIsoDateTime, {
      error: 'expected an ISO 8601 date-time such as 2026-01-31T10:00:00Z',
    }),
    properties: z.record(z.string(), z.unknown(), { error: 'expected an object' }).optional(),
  },
  { error: 'expected an object' },
);
export type EventInput = z.infer<typeof EventInput>;
