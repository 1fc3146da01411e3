import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SiftError } from '../shared/errors.js';
import { formatIssuePath, toApiError, validationError } from './error-handler.js';

describe('formatIssuePath', () => {
  it.each([
    { description: 'empty path', path: [], expected: '' },
    { description: 'one property', path: ['email'], expected: 'email' },
    {
      description: 'array index then property',
      path: ['contacts', 3, 'email'],
      expected: 'contacts[3].email',
    },
    { description: 'leading index', path: [0, 'type'], expected: '[0].type' },
    { description: 'nested indexes', path: ['a', 1, 2], expected: 'a[1][2]' },
    {
      description: 'key that is not an identifier',
      path: ['custom', 'contract end'],
      expected: 'custom["contract end"]',
    },
  ])('$description', ({ path, expected }) => {
    expect(formatIssuePath(path)).toBe(expected);
  });
});

describe('validationError', () => {
  const Body = z.object({
    contacts: z.array(z.object({ email: z.email(), age: z.number().optional() })),
  });

  it('names the first issue and lists every issue', () => {
    const parsed = Body.safeParse({
      contacts: [{ email: 'a@x.nl' }, { email: 'nope' }, { email: 'b@x.nl', age: 'old' }],
    });
    if (parsed.success) throw new Error('expected a failure');
    const error = validationError(parsed.error);
    expect(error.code).toBe('invalid_input');
    expect(error.path).toBe('contacts[1].email');
    expect(error.details?.map((detail) => detail.path)).toEqual([
      'contacts[1].email',
      'contacts[2].age',
    ]);
    expect(error.message).toContain('contacts[1].email');
  });

  it('names an unknown property rather than its parent', () => {
    const parsed = z.object({ a: z.object({}).strict() }).safeParse({ a: { b: 1 } });
    if (parsed.success) throw new Error('expected a failure');
    expect(validationError(parsed.error).path).toBe('a.b');
  });
});

describe('toApiError', () => {
  it.each([
    { description: 'HTTP 400 (malformed JSON)', status: 400, code: 'invalid_input' },
    { description: 'HTTP 413 (body limit)', status: 413, code: 'payload_too_large' },
    { description: 'HTTP 415 (media type)', status: 415, code: 'unsupported_media_type' },
    { description: 'an unmapped HTTP status', status: 502, code: 'internal' },
  ] as const)('maps $description', ({ status, code }) => {
    expect(toApiError(new HTTPException(status, { message: 'x' })).code).toBe(code);
  });

  it('keeps a SiftError and hides anything else behind internal', () => {
    const sift = new SiftError('conflict', 'taken');
    expect(toApiError(sift)).toBe(sift);
    const hidden = toApiError(new Error('SQLITE_CORRUPT at /secret/path'));
    expect(hidden.code).toBe('internal');
    expect(hidden.message).toBe('Internal error');
  });
});
