import type { z } from 'zod';
import type { ContactReference } from '../contacts/index.js';
import type { ProblemDetail } from '../shared/errors.js';
import { numericValue, textValue } from '../shared/fold.js';
import { EventInput } from './event-schema.js';
import { parseIsoDateTime } from './iso-instant.js';

/** An event ready to store (docs/architecture.md: instants as epoch ms, folded twins). */
export interface NormalisedEvent {
  clientId: string | null;
  contact: ContactReference;
  type: string;
  occurredAt: number;
  /** As received. */
  properties: Record<string, unknown>;
  /** Every scalar property as folded text: text operators read this. */
  propertyText: Record<string, string>;
  /** Every numeric property (JSON numbers and plain-decimal strings): numeric operators read this. */
  propertyNumber: Record<string, number>;
}

export type ParseEventResult =
  | { ok: true; event: NormalisedEvent }
  | { ok: false; problems: ProblemDetail[] };

/** `contact.email`, `properties.amount`, `items[2].sku`: the path as a reader writes it. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text;
}

export function issuesToProblems(error: z.ZodError): ProblemDetail[] {
  return error.issues.map((issue) => {
    const path = formatIssuePath(issue.path);
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`
        : issue.message;
    return { code: 'invalid_event', message, ...(path === '' ? {} : { path }) };
  });
}

/** Derives the folded text and numeric twins of every top-level scalar property (SPEC §2). */
export function deriveProperties(properties: Record<string, unknown>): {
  propertyText: Record<string, string>;
  propertyNumber: Record<string, number>;
} {
  // Object.fromEntries defines own properties, so a "__proto__" key stays an ordinary key.
  const text: [string, string][] = [];
  const numbers: [string, number][] = [];
  for (const [key, value] of Object.entries(properties)) {
    const folded = textValue(value);
    if (folded !== null) text.push([key, folded]);
    const number = numericValue(value);
    if (number !== null) numbers.push([key, number]);
  }
  return { propertyText: Object.fromEntries(text), propertyNumber: Object.fromEntries(numbers) };
}

function toContactReference(contact: EventInput['contact']): ContactReference {
  if (contact.id !== undefined) return { id: Number(contact.id) };
  if (contact.email !== undefined) return { email: contact.email };
  if (contact.external_id !== undefined) return { external_id: contact.external_id };
  return { phone: contact.phone! };
}

// A NUL character or an unpaired surrogate cannot be stored by PostgreSQL (text and JSONB
// refuse them); refusing them on both back ends keeps the behaviour the same everywhere.
const unpairedSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function isUnstorable(text: string): boolean {
  return text.includes('\u0000') || unpairedSurrogate.test(text);
}

/** The path of the first string (value or key) that cannot be stored, or undefined. */
export function findUnstorableText(
  value: unknown,
  path: readonly PropertyKey[] = [],
): string | undefined {
  if (typeof value === 'string') return isUnstorable(value) ? formatIssuePath(path) : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const itemPath = [...path, Array.isArray(value) ? Number(key) : key];
    if (isUnstorable(key)) return formatIssuePath(itemPath);
    const found = findUnstorableText(item, itemPath);
    if (found !== undefined) return found;
  }
  return undefined;
}

function problem(path: string, message: string): ParseEventResult {
  return {
    ok: false,
    problems: [{ code: 'invalid_event', ...(path === '' ? {} : { path }), message }],
  };
}

/** Validates one event (any JSON value) and normalises it; problems name their JSON path. */
export function parseEvent(value: unknown): ParseEventResult {
  const parsed = EventInput.safeParse(value);
  if (!parsed.success) return { ok: false, problems: issuesToProblems(parsed.error) };
  const input = parsed.data;
  const occurredAt = parseIsoDateTime(input.timestamp);
  if (occurredAt === null) return problem('timestamp', 'not a valid date-time');
  const unstorable = findUnstorableText(value);
  if (unstorable !== undefined) {
    return problem(unstorable, 'text must not contain NUL (\\u0000) or unpaired surrogates');
  }
  // The received object itself, not zod's copy: the copy loses a "__proto__" key.
  const properties = (value as { properties?: Record<string, unknown> }).properties ?? {};
  return {
    ok: true,
    event: {
      clientId: input.id ?? null,
      contact: toContactReference(input.contact),
      type: input.type,
      occurredAt,
      properties,
      ...deriveProperties(properties),
    },
  };
}
