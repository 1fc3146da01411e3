import { describe, expect, it } from 'vitest';
import type { Form } from './form-definition.js';
import { formFieldPath, readFormSubmission } from './form-submission.js';

const form: Form = {
  key: 'newsletter',
  name: 'Newsletter',
  list: 'newsletter',
  consent: ['marketing'],
  fields: ['email', 'first_name', 'phone', 'sizes', 'age'],
  redirect: null,
  createdAt: 0,
  updatedAt: 0,
};
const multiselectFields = new Set(['sizes']);

function read(values: Record<string, unknown>) {
  return readFormSubmission({ form, values, multiselectFields });
}

describe('readFormSubmission', () => {
  it.each([
    {
      description: 'standard and custom fields',
      values: { email: 'ann@example.com', first_name: 'Ann', age: '41', sizes: 'M' },
      contact: { email: 'ann@example.com', first_name: 'Ann', custom: { age: '41', sizes: ['M'] } },
    },
    {
      description: 'JSON values and repeated names',
      values: { phone: '+31612345678', age: 41, sizes: ['M', 'L'] },
      contact: { phone: '+31612345678', custom: { age: 41, sizes: ['M', 'L'] } },
    },
    {
      description: 'blank values and an empty honeypot',
      values: { email: 'ann@example.com', first_name: '  ', website: '' },
      contact: { email: 'ann@example.com' },
    },
  ])('reads $description', ({ values, contact }) => {
    expect(read(values)).toEqual({ kind: 'read', contact, problems: [] });
  });

  it('recognises a filled honeypot before anything else', () => {
    expect(read({ website: 'http://spam.example', bogus: 'x' })).toEqual({ kind: 'bot' });
  });

  it.each([
    {
      description: 'a field the form does not have',
      values: { email: 'ann@example.com', last_name: 'Smith' },
      problems: [{ code: 'unknown_field', path: 'last_name' }],
    },
    {
      description: 'no identifier',
      values: { first_name: 'Ann' },
      problems: [{ code: 'required', path: 'email' }],
    },
    {
      description: 'no identifier and an unknown field',
      values: { nickname: 'A' },
      problems: [
        { code: 'required', path: 'email' },
        { code: 'unknown_field', path: 'nickname' },
      ],
    },
    {
      description: 'two emails',
      values: { email: ['a@example.com', 'b@example.com'] },
      problems: [{ code: 'too_many_values', path: 'email' }],
    },
    {
      description: 'a number where text is expected',
      values: { email: 5 },
      problems: [{ code: 'invalid_type', path: 'email' }],
    },
  ])('reports $description', ({ values, problems }) => {
    const reading = read(values);
    expect(reading.kind).toBe('read');
    if (reading.kind !== 'read') return;
    expect(reading.problems.map(({ code, path }) => ({ code, path }))).toEqual(problems);
  });

  it('names custom fields by their form name in problems', () => {
    expect(formFieldPath('custom.age')).toBe('age');
    expect(formFieldPath('email')).toBe('email');
    expect(formFieldPath(undefined)).toBeUndefined();
  });
});
