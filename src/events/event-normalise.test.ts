import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveProperties, parseEvent } from './event-normalise.js';
import { isBuiltInEventType } from './event-schema.js';

const base = {
  contact: { email: 'a@example.com' },
  type: 'purchase',
  timestamp: '2026-01-31T10:00:00Z',
};

describe('deriveProperties', () => {
  it.each([
    { description: 'JSON integer', value: 80, text: '80', number: 80 },
    { description: 'JSON negative decimal', value: -12.5, text: '-12.5', number: -12.5 },
    { description: 'decimal string', value: '80.5', text: '80.5', number: 80.5 },
    { description: 'negative integer string', value: '-12', text: '-12', number: -12 },
    { description: 'decimal string with spaces', value: ' 42 ', text: '42', number: 42 },
    { description: 'exponent string is not numeric', value: '1e3', text: '1e3', number: undefined },
    { description: 'trailing letters', value: '12abc', text: '12abc', number: undefined },
    { description: 'leading plus', value: '+5', text: '+5', number: undefined },
    { description: 'bare dot decimal', value: '.5', text: '.5', number: undefined },
    { description: 'thousands separator', value: '1,000', text: '1,000', number: undefined },
    {
      description: 'text is folded',
      value: '  Accessories ',
      text: 'accessories',
      number: undefined,
    },
    { description: 'Unicode folding', value: 'ÉTÉ', text: 'été', number: undefined },
    { description: 'boolean true', value: true, text: 'true', number: undefined },
    { description: 'boolean false', value: false, text: 'false', number: undefined },
    { description: 'null has neither', value: null, text: undefined, number: undefined },
    { description: 'nested object ignored', value: { a: 1 }, text: undefined, number: undefined },
    { description: 'array ignored', value: [1, 2], text: undefined, number: undefined },
    { description: 'empty string is text', value: '', text: '', number: undefined },
  ])('$description', ({ value, text, number }) => {
    const derived = deriveProperties({ p: value });
    expect(derived.propertyText.p).toBe(text);
    expect(derived.propertyNumber.p).toBe(number);
    expect(Object.hasOwn(derived.propertyText, 'p')).toBe(text !== undefined);
    expect(Object.hasOwn(derived.propertyNumber, 'p')).toBe(number !== undefined);
  });

  it('keeps a "__proto__" property as an ordinary key', () => {
    const properties = JSON.parse('{"__proto__": "x", "amount": "3"}') as Record<string, unknown>;
    const derived = deriveProperties(properties);
    expect(Object.keys(derived.propertyText).sort()).toEqual(['__proto__', 'amount']);
    expect(derived.propertyNumber).toEqual({ amount: 3 });
  });

  it('every numeric property also has a text form (property-based)', () => {
    const scalar = fc.oneof(
      fc.string(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), scalar), (properties) => {
        const derived = deriveProperties(properties);
        for (const key of Object.keys(derived.propertyNumber)) {
          expect(Object.hasOwn(derived.propertyText, key)).toBe(true);
        }
        expect(Object.keys(derived.propertyText).length).toBe(Object.keys(properties).length);
      }),
      { verbose: true },
    );
  });
});

describe('parseEvent', () => {
  it('normalises a valid event', () => {
    const result = parseEvent({
      ...base,
      id: ' e-1 ',
      timestamp: '2026-01-31T11:00:00+01:00',
      properties: { amount: '80.5', product: 'Truck' },
    });
    expect(result).toEqual({
      ok: true,
      event: {
        clientId: 'e-1',
        contact: { email: 'a@example.com' },
        type: 'purchase',
        occurredAt: Date.parse('2026-01-31T10:00:00Z'),
        properties: { amount: '80.5', product: 'Truck' },
        propertyText: { amount: '80.5', product: 'truck' },
        propertyNumber: { amount: 80.5 },
      },
    });
  });

  it.each([
    { description: 'Z', timestamp: '2026-01-31T10:00:00Z', expected: '2026-01-31T10:00:00.000Z' },
    {
      description: 'no offset is UTC',
      timestamp: '2026-01-31T10:00:00',
      expected: '2026-01-31T10:00:00.000Z',
    },
    {
      description: 'positive offset',
      timestamp: '2026-01-31T12:30:00+02:30',
      expected: '2026-01-31T10:00:00.000Z',
    },
    {
      description: 'negative offset',
      timestamp: '2026-01-31T05:00:00-05:00',
      expected: '2026-01-31T10:00:00.000Z',
    },
    {
      description: 'compact offset',
      timestamp: '2026-01-31T11:00+0100',
      expected: '2026-01-31T10:00:00.000Z',
    },
    {
      description: 'milliseconds',
      timestamp: '2026-01-31T10:00:00.123Z',
      expected: '2026-01-31T10:00:00.123Z',
    },
    {
      description: 'offset crossing a day',
      timestamp: '2026-02-01T01:00:00+03:00',
      expected: '2026-01-31T22:00:00.000Z',
    },
  ])('timestamp with $description', ({ timestamp, expected }) => {
    const result = parseEvent({ ...base, timestamp });
    expect(result.ok && new Date(result.event.occurredAt).toISOString()).toBe(expected);
  });

  it.each([
    { description: 'contact id as number', contact: { id: 7 }, expected: { id: 7 } },
    { description: 'contact id as digits', contact: { id: '7' }, expected: { id: 7 } },
    {
      description: 'external id',
      contact: { external_id: 'C-1' },
      expected: { external_id: 'C-1' },
    },
    {
      description: 'phone',
      contact: { phone: '+32470123456' },
      expected: { phone: '+32470123456' },
    },
  ])('contact reference by $description', ({ contact, expected }) => {
    const result = parseEvent({ ...base, contact });
    expect(result.ok && result.event.contact).toEqual(expected);
  });

  it.each([
    {
      description: 'properties an array',
      patch: { properties: [1] },
      path: 'properties',
      message: 'expected an object',
    },
    {
      description: 'properties null',
      patch: { properties: null },
      path: 'properties',
      message: 'expected an object',
    },
    {
      description: 'missing timestamp',
      patch: { timestamp: undefined },
      path: 'timestamp',
      message: 'expected an ISO 8601 date-time string',
    },
    {
      description: 'date without time',
      patch: { timestamp: '2026-01-31' },
      path: 'timestamp',
      message: 'expected an ISO 8601 date-time such as 2026-01-31T10:00:00Z',
    },
    {
      description: 'impossible day',
      patch: { timestamp: '2026-02-30T10:00:00Z' },
      path: 'timestamp',
      message: 'not a valid date-time',
    },
    {
      description: 'epoch number',
      patch: { timestamp: 1769853600000 },
      path: 'timestamp',
      message: 'expected an ISO 8601 date-time string',
    },
    {
      description: 'empty type',
      patch: { type: '  ' },
      path: 'type',
      message: 'expected a non-empty event type',
    },
    {
      description: 'numeric id',
      patch: { id: 5 },
      path: 'id',
      message: 'expected event id as a string',
    },
    {
      description: 'two contact keys',
      patch: { contact: { email: 'a@x', phone: '+3247' } },
      path: 'contact',
      message: 'expected exactly one of id, email, external_id, phone',
    },
    {
      description: 'no contact key',
      patch: { contact: {} },
      path: 'contact',
      message: 'expected exactly one of id, email, external_id, phone',
    },
    {
      description: 'unknown contact key',
      patch: { contact: { mail: 'a@x' } },
      path: 'contact',
      message: 'unknown key "mail"',
    },
    {
      description: 'negative contact id',
      patch: { contact: { id: -1 } },
      path: 'contact.id',
      message: 'expected a contact id (a positive integer)',
    },
    {
      description: 'bad email type',
      patch: { contact: { email: 5 } },
      path: 'contact.email',
      message: 'expected email as a string',
    },
    {
      description: 'NUL in a property value',
      patch: { properties: { note: 'a\u0000b' } },
      path: 'properties.note',
      message: 'text must not contain NUL (\\u0000) or unpaired surrogates',
    },
    {
      description: 'unpaired surrogate in a nested key',
      patch: { properties: { items: [{ '\uD800x': 1 }] } },
      path: 'properties.items[0].\uD800x',
      message: 'text must not contain NUL (\\u0000) or unpaired surrogates',
    },
    {
      description: 'unknown top-level key',
      patch: { propertys: {} },
      path: undefined,
      message: 'unknown key "propertys"',
    },
  ])('rejects $description', ({ patch, path, message }) => {
    const result = parseEvent({ ...base, ...patch });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toContainEqual({
      code: 'invalid_event',
      message,
      ...(path === undefined ? {} : { path }),
    });
  });

  it.each([null, 5, 'text', [base]])('rejects a non-object line %j', (value) => {
    expect(parseEvent(value)).toEqual({
      ok: false,
      problems: [{ code: 'invalid_event', message: 'expected an object' }],
    });
  });
});

describe('isBuiltInEventType', () => {
  it.each([
    ['message.clicked', true],
    ['purchase', true],
    ['form.submitted', true],
    ['Purchase', false],
    ['page.viewed', false],
  ])('%s → %s', (type, expected) => {
    expect(isBuiltInEventType(type)).toBe(expected);
  });
});
