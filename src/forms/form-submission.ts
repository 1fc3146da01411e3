import type { ContactInput } from '../contacts/index.js';
import type { ProblemDetail } from '../shared/errors.js';
import {
  type Form,
  formIdentifierFields,
  formStandardFields,
  honeypotField,
} from './form-definition.js';

/**
 * Reading one submission of a form, pure: the posted values (urlencoded fields, where a repeated
 * name gives a list, or a JSON object) become a contact input, or the field-level problems. Only
 * the form's own fields are accepted; the honeypot marks a bot. Value checks (an email that is
 * not one, a number field with text) are the contacts module's, done on the result.
 */

export type SubmittedValues = Readonly<Record<string, unknown>>;

/** The contact input from the readable fields, and the problems of the others (none: fine). */
export type FormReading =
  | { kind: 'bot' }
  | { kind: 'read'; contact: ContactInput; problems: ProblemDetail[] };

function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.every(isBlank);
  return false;
}

/** A standard field takes one text; a browser repeating a name sends a list. */
function singleText(key: string, value: unknown, problems: ProblemDetail[]): string | undefined {
  const values = (Array.isArray(value) ? value : [value]).filter((item) => !isBlank(item));
  if (values.length > 1) {
    problems.push({ code: 'too_many_values', path: key, message: `${key}: give one value` });
    return undefined;
  }
  const [only] = values;
  if (only === undefined) return undefined;
  if (typeof only !== 'string') {
    problems.push({ code: 'invalid_type', path: key, message: `${key}: expected text` });
    return undefined;
  }
  return only;
}

function missingIdentifierProblem(form: Form): ProblemDetail {
  const offered = formIdentifierFields.filter((field) => form.fields.includes(field));
  return {
    code: 'required',
    path: offered[0]!,
    message:
      offered.length === 1
        ? `${offered[0]} is required`
        : `fill in at least one of ${offered.join(', ')}`,
  };
}

function customValue(value: unknown, multiselect: boolean): unknown {
  if (multiselect) return Array.isArray(value) ? value : [value];
  return Array.isArray(value) && value.length === 1 ? value[0] : value;
}

export function readFormSubmission(input: {
  form: Form;
  values: SubmittedValues;
  /** Custom fields of type multiselect: one posted value is a list of one. */
  multiselectFields: ReadonlySet<string>;
}): FormReading {
  const { form, values } = input;
  if (!isBlank(values[honeypotField])) return { kind: 'bot' };
  const problems: ProblemDetail[] = [];
  const contact: ContactInput = {};
  const custom: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (key === honeypotField) continue;
    if (!form.fields.includes(key)) {
      problems.push({
        code: 'unknown_field',
        path: key,
        message: `this form has no field "${key}"`,
      });
      continue;
    }
    if ((formStandardFields as readonly string[]).includes(key)) {
      const text = singleText(key, value, problems);
      if (text !== undefined) contact[key as (typeof formStandardFields)[number]] = text;
    } else if (!isBlank(value)) {
      // The field's coercer decides what fits its type (JSON numbers and booleans included).
      custom[key] = customValue(value, input.multiselectFields.has(key));
    }
  }
  const identifiers: readonly string[] = formIdentifierFields;
  const identified = formIdentifierFields.some((field) => contact[field] !== undefined);
  const identifierProblem = problems.some((problem) => identifiers.includes(problem.path ?? ''));
  if (!identified && !identifierProblem) problems.unshift(missingIdentifierProblem(form));
  if (Object.keys(custom).length > 0) contact.custom = custom;
  return { kind: 'read', contact, problems };
}

/**
 * A problem path of the contacts module (`custom.size`) as the form names the field (`size`):
 * visitors and the page listing errors know only the form's field names.
 */
export function formFieldPath(path: string | undefined): string | undefined {
  return path?.startsWith('custom.') ? path.slice('custom.'.length) : path;
}
