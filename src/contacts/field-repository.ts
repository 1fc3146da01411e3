import { z } from 'zod';
import { SiftError } from '../shared/errors.js';
import { fold } from '../shared/fold.js';
import { type Executor, readJson, writeJson } from '../store/index.js';
import { compileField, type FieldCoercer, multiselectSeparator } from './field-values.js';
import { type FieldType, fieldTypes, reservedFieldKeys } from './standard-fields.js';

export const fieldKeyPattern = /^[a-z][a-z0-9_]*$/;

/** A custom field as the API and `sift field create` receive it. */
export const FieldDefinitionInput = z.object({
  key: z
    .string()
    .max(64)
    .regex(fieldKeyPattern, 'lower-case letters, digits and _ only, starting with a letter'),
  label: z.string().trim().min(1).max(200).optional(),
  type: z.enum(fieldTypes),
  options: z.array(z.string().trim().min(1).max(200)).max(1000).optional(),
});
export type FieldDefinitionInput = z.infer<typeof FieldDefinitionInput>;

export interface FieldDefinition {
  key: string;
  label: string;
  type: FieldType;
  /** The choices of a select or multiselect field; null for other types. */
  options: string[] | null;
  createdAt: number;
}

interface FieldRow {
  key: string;
  label: string;
  type: string;
  options: unknown;
  created_at: number;
}

function toFieldDefinition(row: FieldRow): FieldDefinition {
  return {
    key: row.key,
    label: row.label,
    type: row.type as FieldType,
    options: row.options === null ? null : readJson<string[]>(row.options),
    createdAt: Number(row.created_at),
  };
}

function checkOptions(input: FieldDefinitionInput): string[] | null {
  const needsOptions = input.type === 'select' || input.type === 'multiselect';
  if (!needsOptions) {
    if (input.options !== undefined && input.options.length > 0) {
      throw new SiftError('invalid_input', `A ${input.type} field takes no options`, {
        path: 'options',
      });
    }
    return null;
  }
  const options = input.options ?? [];
  if (options.length === 0) {
    throw new SiftError('invalid_input', `A ${input.type} field needs options (--options a,b)`, {
      path: 'options',
    });
  }
  const seen = new Set<string>();
  for (const [index, option] of options.entries()) {
    if (option.includes(multiselectSeparator)) {
      throw new SiftError('invalid_input', `Option "${option}" may not contain ";"`, {
        path: `options[${index}]`,
      });
    }
    if (seen.has(fold(option))) {
      throw new SiftError('invalid_input', `Option "${option}" is given twice`, {
        path: `options[${index}]`,
      });
    }
    seen.add(fold(option));
  }
  return options;
}

export async function createField(
  db: Executor,
  input: { workspaceId: number; field: unknown; now: number },
): Promise<FieldDefinition> {
  const parsed = FieldDefinitionInput.safeParse(input.field);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SiftError('invalid_input', `Invalid field: ${issue?.message ?? 'bad input'}`, {
      path: issue?.path.join('.') ?? '',
    });
  }
  const field = parsed.data;
  if (reservedFieldKeys.has(field.key)) {
    throw new SiftError('invalid_input', `"${field.key}" is a standard field or reserved name`, {
      path: 'key',
    });
  }
  const options = checkOptions(field);
  if (await getField(db, { workspaceId: input.workspaceId, key: field.key })) {
    throw new SiftError('conflict', `Field "${field.key}" already exists`, { path: 'key' });
  }
  const row = {
    workspace_id: input.workspaceId,
    key: field.key,
    label: field.label ?? field.key,
    type: field.type,
    options: options === null ? null : writeJson(options),
    created_at: input.now,
  };
  await db.insertInto('fields').values(row).execute();
  return toFieldDefinition({ ...row, options });
}

export async function listFields(db: Executor, workspaceId: number): Promise<FieldDefinition[]> {
  const rows = await db
    .selectFrom('fields')
    .select(['key', 'label', 'type', 'options', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('key')
    .execute();
  return rows.map(toFieldDefinition);
}

export async function getField(
  db: Executor,
  input: { workspaceId: number; key: string },
): Promise<FieldDefinition | undefined> {
  const row = await db
    .selectFrom('fields')
    .select(['key', 'label', 'type', 'options', 'created_at'])
    .where('workspace_id', '=', input.workspaceId)
    .where('key', '=', input.key)
    .executeTakeFirst();
  return row ? toFieldDefinition(row) : undefined;
}

/** The coercers of every custom field of a workspace, by key. */
export async function loadFieldCoercers(
  db: Executor,
  workspaceId: number,
): Promise<Map<string, FieldCoercer>> {
  const fields = await listFields(db, workspaceId);
  return new Map(fields.map((field) => [field.key, compileField(field)]));
}
