import { listConsentCategories } from '../consent/index.js';
import { ensureList, listFields } from '../contacts/index.js';
import { SiftError } from '../shared/errors.js';
import { type Executor, readJson, writeJson } from '../store/index.js';
import {
  defaultFormFields,
  type Form,
  FormDefinition,
  formDefinitionProblems,
} from './form-definition.js';

interface FormRow {
  key: string;
  name: string;
  list_key: string;
  consent: unknown;
  fields: unknown;
  redirect_url: string | null;
  created_at: number;
  updated_at: number;
}

function toForm(row: FormRow): Form {
  return {
    key: row.key,
    name: row.name,
    list: row.list_key,
    consent: readJson<string[]>(row.consent),
    fields: readJson<string[]>(row.fields),
    redirect: row.redirect_url,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

const formColumns = [
  'key',
  'name',
  'list_key',
  'consent',
  'fields',
  'redirect_url',
  'created_at',
  'updated_at',
] as const;

export async function findForm(
  db: Executor,
  input: { workspaceId: number; key: string },
): Promise<Form | undefined> {
  const row = await db
    .selectFrom('forms')
    .select(formColumns)
    .where('workspace_id', '=', input.workspaceId)
    .where('key', '=', input.key)
    .executeTakeFirst();
  return row ? toForm(row) : undefined;
}

export async function listForms(db: Executor, workspaceId: number): Promise<Form[]> {
  const rows = await db
    .selectFrom('forms')
    .select(formColumns)
    .where('workspace_id', '=', workspaceId)
    .orderBy('key')
    .execute();
  return rows.map(toForm);
}

function parseDefinition(definition: unknown): FormDefinition {
  const parsed = FormDefinition.safeParse(definition);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((issue) => ({
    code: issue.code,
    path: issue.path.join('.'),
    message: issue.message,
  }));
  throw new SiftError('validation_failed', `Invalid form: ${details[0]?.message ?? ''}`, {
    path: details[0]?.path,
    details,
  });
}

/**
 * Creates a form after checking it against the workspace (categories, fields). Its list is
 * created (source `form`) when missing. A taken key is a conflict.
 */
export async function createForm(
  db: Executor,
  input: { workspaceId: number; definition: unknown; now: number },
): Promise<Form> {
  const definition = parseDefinition(input.definition);
  const categories = await listConsentCategories(db, input.workspaceId);
  const customFields = await listFields(db, input.workspaceId);
  const problems = formDefinitionProblems(definition, {
    categories: categories.map((category) => category.key),
    customFields: customFields.map((field) => field.key),
  });
  if (problems.length > 0) {
    throw new SiftError('validation_failed', `Invalid form: ${problems[0]!.message}`, {
      path: problems[0]!.path,
      details: problems,
    });
  }
  if (await findForm(db, { workspaceId: input.workspaceId, key: definition.key })) {
    throw new SiftError('conflict', `Form "${definition.key}" already exists`, { path: 'key' });
  }
  await ensureList(db, {
    workspaceId: input.workspaceId,
    key: definition.list,
    source: 'form',
    now: input.now,
  });
  const row: FormRow = {
    key: definition.key,
    name: definition.name ?? definition.key,
    list_key: definition.list,
    consent: [...new Set(definition.consent)],
    fields: definition.fields ?? [...defaultFormFields],
    redirect_url: definition.redirect ?? null,
    created_at: input.now,
    updated_at: input.now,
  };
  await db
    .insertInto('forms')
    .values({
      ...row,
      workspace_id: input.workspaceId,
      consent: writeJson(row.consent),
      fields: writeJson(row.fields),
    })
    .execute();
  return toForm({ ...row, consent: writeJson(row.consent), fields: writeJson(row.fields) });
}
