import { type Executor, readJson } from '../store/index.js';
import type { LanguageContext } from './language-context.js';
import { type FieldType, fieldTypes } from './vocabulary.js';

/**
 * Reads what validation and normalisation need about a workspace (language-context.ts):
 * custom fields, list keys, consent categories and the stored segments.
 */
export async function loadLanguageContext(
  db: Executor,
  workspace: { id: number; timeZone: string },
): Promise<LanguageContext> {
  const fields = await db
    .selectFrom('fields')
    .select(['key', 'type', 'options'])
    .where('workspace_id', '=', workspace.id)
    .orderBy('key')
    .execute();
  const lists = await db
    .selectFrom('lists')
    .select('key')
    .where('workspace_id', '=', workspace.id)
    .orderBy('key')
    .execute();
  const categories = await db
    .selectFrom('consent_categories')
    .select(['key', 'time_bound'])
    .where('workspace_id', '=', workspace.id)
    .orderBy('key')
    .execute();
  const segments = await db
    .selectFrom('segments')
    .select(['key', 'parent_key', 'condition'])
    .where('workspace_id', '=', workspace.id)
    .orderBy('key')
    .execute();
  return {
    timeZone: workspace.timeZone,
    fields: fields
      .filter((field) => (fieldTypes as readonly string[]).includes(field.type))
      .map((field) => ({
        key: field.key,
        type: field.type as FieldType,
        options: field.options === null ? null : readJson<string[] | null>(field.options),
      })),
    listKeys: lists.map((list) => list.key),
    consentCategories: categories.map((category) => ({
      key: category.key,
      timeBound: Number(category.time_bound) === 1,
    })),
    segments: segments.map((segment) => ({
      key: segment.key,
      parent: segment.parent_key,
      condition: readJson<unknown>(segment.condition),
    })),
  };
}
