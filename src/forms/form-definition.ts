import { z } from 'zod';
import {
  listKeyPattern,
  type WritableStandardKey,
  writableStandardKeys,
} from '../contacts/index.js';
import type { ProblemDetail } from '../shared/errors.js';
import { defaultWorkspaceKey } from '../workspaces/index.js';

/**
 * A website form (SPEC §3 rule 1, §5): which contact fields it accepts, which consent the
 * visitor gives by submitting it, and which list they join. Pure: the checks against the
 * workspace (categories, custom fields) take that knowledge as data.
 */

export const formKeyPattern = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** The hidden field that people leave empty and bots fill in (a honeypot). */
export const honeypotField = 'website';

/** Standard fields a public form may offer: everything writable but the operator's own id. */
export const formStandardFields: readonly WritableStandardKey[] = writableStandardKeys.filter(
  (key) => key !== 'external_id',
);

/** Fields that identify the visitor; a form needs one of them, a submission fills one. */
export const formIdentifierFields = ['email', 'phone'] as const;

export const defaultFormFields = ['email', 'first_name', 'last_name'] as const;

const commaSeparated = z.preprocess(
  (value) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item !== '')
      : value,
  z.array(z.string().trim().min(1).max(100)),
);

export const FormDefinition = z.strictObject({
  key: z.string().regex(formKeyPattern, {
    message: 'a key is lower-case letters, digits, "-" and "_", starting with a letter or digit',
  }),
  name: z.string().trim().min(1).max(200).optional(),
  list: z.string().max(64).regex(listKeyPattern, {
    message: 'a list key is lower-case letters, digits, "-" and "_"',
  }),
  consent: commaSeparated.pipe(
    z.array(z.string()).min(1, { message: 'name the consent categories the form gives' }),
  ),
  fields: commaSeparated.optional(),
  redirect: z
    .url({ protocol: /^https?$/, message: 'an absolute http(s) URL' })
    .max(2000)
    .optional(),
});
export type FormDefinition = z.infer<typeof FormDefinition>;

/** A form as stored and shown. */
export interface Form {
  key: string;
  name: string;
  list: string;
  consent: string[];
  fields: string[];
  redirect: string | null;
  createdAt: number;
  updatedAt: number;
}

/**
 * The problems of a definition against the workspace: unknown categories or fields, a field a
 * public form may not offer, no identifier to match the visitor by. Empty when it is fine.
 */
export function formDefinitionProblems(
  definition: FormDefinition,
  workspace: { categories: readonly string[]; customFields: readonly string[] },
): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  definition.consent.forEach((category, index) => {
    if (!workspace.categories.includes(category)) {
      problems.push({
        code: 'unknown_category',
        path: `consent[${index}]`,
        message: `no consent category "${category}" in this workspace`,
      });
    }
  });
  const fields = definition.fields ?? [...defaultFormFields];
  fields.forEach((field, index) => {
    const path = `fields[${index}]`;
    if (field === honeypotField) {
      problems.push({ code: 'reserved_field', path, message: `"${field}" is the honeypot field` });
    } else if (field === 'external_id') {
      problems.push({
        code: 'not_public',
        path,
        message: 'external_id is set by your systems, not typed by visitors',
      });
    } else if (
      !(formStandardFields as readonly string[]).includes(field) &&
      !workspace.customFields.includes(field)
    ) {
      problems.push({ code: 'unknown_field', path, message: `no field "${field}"` });
    }
  });
  if (new Set(fields).size !== fields.length) {
    problems.push({ code: 'duplicate_field', path: 'fields', message: 'a field is listed twice' });
  }
  if (!fields.some((field) => (formIdentifierFields as readonly string[]).includes(field))) {
    problems.push({
      code: 'missing_identifier',
      path: 'fields',
      message: 'a form needs an email or phone field to know who submitted it',
    });
  }
  return problems;
}

/**
 * The id of a form in its public path `/f/{form}`. Form keys are unique per workspace; the
 * default workspace's forms use the bare key (`/f/newsletter`), other workspaces prefix their
 * key and a dot (`/f/acme.newsletter`). Form keys have no dot, so the last dot splits.
 */
export function formPublicId(workspaceKey: string, formKey: string): string {
  return workspaceKey === defaultWorkspaceKey ? formKey : `${workspaceKey}.${formKey}`;
}

/** `POST {path}` submits the form. */
export function formPublicPath(workspaceKey: string, formKey: string): string {
  return `/f/${encodeURIComponent(formPublicId(workspaceKey, formKey))}`;
}

export function parseFormPublicId(
  publicId: string,
): { workspaceKey: string; formKey: string } | undefined {
  const dot = publicId.lastIndexOf('.');
  const workspaceKey = dot === -1 ? defaultWorkspaceKey : publicId.slice(0, dot);
  const formKey = publicId.slice(dot + 1);
  if (!formKeyPattern.test(formKey) || workspaceKey === '') return undefined;
  return { workspaceKey, formKey };
}
