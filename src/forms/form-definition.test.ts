import { describe, expect, it } from 'vitest';
import {
  FormDefinition,
  formDefinitionProblems,
  formPublicId,
  formPublicPath,
  parseFormPublicId,
} from './form-definition.js';

const workspace = { categories: ['marketing', 'sales_viewing'], customFields: ['age'] };

describe('FormDefinition', () => {
  it('accepts comma-separated consent and fields (CLI flags) as lists', () => {
    const parsed = FormDefinition.parse({
      key: 'newsletter',
      list: 'newsletter',
      consent: 'marketing, sales_viewing',
      fields: 'email,age',
      redirect: 'https://example.com/thanks',
    });
    expect(parsed.consent).toEqual(['marketing', 'sales_viewing']);
    expect(parsed.fields).toEqual(['email', 'age']);
  });

  it.each([
    {
      description: 'an upper-case key',
      definition: { key: 'News', list: 'n', consent: ['marketing'] },
      path: 'key',
    },
    {
      description: 'no consent',
      definition: { key: 'n', list: 'n', consent: [] },
      path: 'consent',
    },
    {
      description: 'a javascript: redirect',
      definition: { key: 'n', list: 'n', consent: ['marketing'], redirect: 'javascript:alert(1)' },
      path: 'redirect',
    },
  ])('refuses $description', ({ definition, path }) => {
    const parsed = FormDefinition.safeParse(definition);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path.join('.')).toBe(path);
  });
});

describe('formDefinitionProblems', () => {
  it.each([
    { description: 'a valid form', consent: ['marketing'], fields: ['email', 'age'], codes: [] },
    { description: 'the default fields', consent: ['marketing'], fields: undefined, codes: [] },
    {
      description: 'an unknown category',
      consent: ['nope'],
      fields: ['email'],
      codes: ['unknown_category'],
    },
    {
      description: 'an unknown field',
      consent: ['marketing'],
      fields: ['email', 'shoe'],
      codes: ['unknown_field'],
    },
    {
      description: 'external_id',
      consent: ['marketing'],
      fields: ['email', 'external_id'],
      codes: ['not_public'],
    },
    {
      description: 'the honeypot as a field',
      consent: ['marketing'],
      fields: ['email', 'website'],
      codes: ['reserved_field'],
    },
    {
      description: 'no identifier',
      consent: ['marketing'],
      fields: ['first_name'],
      codes: ['missing_identifier'],
    },
    {
      description: 'a field twice',
      consent: ['marketing'],
      fields: ['email', 'email'],
      codes: ['duplicate_field'],
    },
  ])('$description', ({ consent, fields, codes }) => {
    const problems = formDefinitionProblems(
      { key: 'f', list: 'l', consent, ...(fields === undefined ? {} : { fields }) },
      workspace,
    );
    expect(problems.map((problem) => problem.code)).toEqual(codes);
  });
});

describe('public ids', () => {
  it.each([
    { workspace: 'default', form: 'newsletter', id: 'newsletter' },
    { workspace: 'acme', form: 'newsletter', id: 'acme.newsletter' },
    { workspace: 'acme.eu', form: 'signup', id: 'acme.eu.signup' },
  ])('$workspace/$form ⇄ $id', ({ workspace: workspaceKey, form, id }) => {
    expect(formPublicId(workspaceKey, form)).toBe(id);
    expect(formPublicPath(workspaceKey, form)).toBe(`/f/${id}`);
    expect(parseFormPublicId(id)).toEqual({ workspaceKey, formKey: form });
  });

  it.each(['', 'acme.', '.news', 'Bad'])('refuses %j', (id) => {
    expect(parseFormPublicId(id)).toBeUndefined();
  });
});
