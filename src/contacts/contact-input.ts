import { z } from 'zod';
import type { ProblemDetail } from '../shared/errors.js';
import { normaliseStandardValue } from './contact-values.js';
import type { CustomValue, FieldCoercer } from './field-values.js';
import { type WritableStandardKey, writableStandardKeys } from './standard-fields.js';

/**
 * What a caller may write on a contact (API bodies, bookings, owners). A missing value, null
 * or an empty string is "no value": an upsert never erases with it; `updateContact` clears a
 * field given as null.
 */
const optionalText = z.string().max(1000).nullish();
export const ContactInput = z.strictObject({
  email: optionalText,
  phone: optionalText,
  external_id: optionalText,
  first_name: optionalText,
  last_name: optionalText,
  language: optionalText,
  country: optionalText,
  city: optionalText,
  gender: optionalText,
  birthdate: optionalText,
  custom: z.record(z.string(), z.unknown()).optional(),
  tags: z.array(z.string().max(200)).max(1000).optional(),
});
export type ContactInput = z.infer<typeof ContactInput>;

/** A normalised, validated set of changes for one contact. */
export interface ContactPatch {
  values: Partial<Record<WritableStandardKey, string>>;
  custom: Record<string, CustomValue>;
  /** Tags as given (trimmed); stored folded. */
  tags: string[];
  /** Standard keys and `custom.KEY` paths given as null: cleared by `updateContact` only. */
  cleared: string[];
}

export type PatchResult =
  | { ok: true; patch: ContactPatch }
  | { ok: false; problems: ProblemDetail[] };

export function emptyPatch(): ContactPatch {
  return { values: {}, custom: {}, tags: [], cleared: [] };
}

function standardValues(input: ContactInput, patch: ContactPatch, problems: ProblemDetail[]): void {
  // Country first: it is the default country of a national phone number.
  const order: WritableStandardKey[] = [
    'country',
    ...writableStandardKeys.filter((key) => key !== 'country'),
  ];
  for (const key of order) {
    const raw = input[key];
    if (raw === null) patch.cleared.push(key);
    if (raw === null || raw === undefined || raw.trim() === '') continue;
    const result = normaliseStandardValue(key, raw, patch.values.country);
    if (result.ok) patch.values[key] = result.value;
    else problems.push({ code: 'invalid_value', path: key, message: `${key}: ${result.message}` });
  }
}

function customValues(
  custom: Record<string, unknown>,
  coercers: ReadonlyMap<string, FieldCoercer>,
  patch: ContactPatch,
  problems: ProblemDetail[],
): void {
  for (const [key, raw] of Object.entries(custom)) {
    const path = `custom.${key}`;
    const coercer = coercers.get(key);
    if (coercer === undefined) {
      problems.push({ code: 'unknown_field', path, message: `Unknown custom field "${key}"` });
      continue;
    }
    if (raw === null) patch.cleared.push(path);
    const result = coercer.fromJson(raw);
    if (!result.ok)
      problems.push({ code: 'invalid_value', path, message: `${key}: ${result.message}` });
    else if (result.value !== undefined) patch.custom[key] = result.value;
  }
}

/** Validates and normalises a contact input against the workspace's custom fields. */
export function contactPatchFromInput(
  input: unknown,
  coercers: ReadonlyMap<string, FieldCoercer>,
): PatchResult {
  const parsed = ContactInput.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        code: 'invalid_input',
        path: issue.path.join('.'),
        message: issue.message,
      })),
    };
  }
  const patch = emptyPatch();
  const problems: ProblemDetail[] = [];
  standardValues(parsed.data, patch, problems);
  customValues(parsed.data.custom ?? {}, coercers, patch, problems);
  patch.tags = (parsed.data.tags ?? []).map((tag) => tag.trim()).filter((tag) => tag !== '');
  return problems.length > 0 ? { ok: false, problems } : { ok: true, patch };
}
