import { jsonArrayFrom as postgresJsonArrayFrom } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArrayFrom } from 'kysely/helpers/sqlite';
import {
  type CategoryRow,
  type ConsentCategory,
  consentCategoriesFromRows,
  consentCategoryColumns,
} from '../consent/index.js';
import { type Dialect, type Executor, readJson } from '../store/index.js';
import type { LanguageContext } from './language-context.js';
import {
  type SegmentRecord,
  type SegmentRow,
  segmentColumns,
  toRecord,
} from './segment-repository.js';
import { type FieldType, fieldTypes } from './vocabulary.js';

/**
 * Reads what validation and normalisation need about a workspace (language-context.ts):
 * custom fields, list keys, consent categories and the stored segments.
 */

interface FieldRow {
  key: string;
  type: string;
  options: unknown;
}

/** Everything evaluation needs to know about a workspace's definitions, as read. */
export interface WorkspaceDefinitions {
  fields: FieldRow[];
  listKeys: string[];
  /** In listing order (consent-categories.ts). */
  categories: ConsentCategory[];
  /** As stored, in no particular order. */
  segments: SegmentRecord[];
}

/**
 * The fields, lists, consent categories and segments of a workspace in ONE query (each table
 * aggregated into a JSON array): a count or a preview then costs two round trips, this one and
 * the count, instead of seven.
 */
export async function readWorkspaceDefinitions(
  store: { db: Executor; dialect: Dialect },
  workspaceId: number,
): Promise<WorkspaceDefinitions> {
  const jsonArrayFrom = store.dialect === 'postgres' ? postgresJsonArrayFrom : sqliteJsonArrayFrom;
  const row = await store.db
    .selectNoFrom((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('fields')
          .select(['key', 'type', 'options'])
          .where('workspace_id', '=', workspaceId),
      ).as('fields'),
      jsonArrayFrom(
        eb.selectFrom('lists').select('key').where('workspace_id', '=', workspaceId),
      ).as('lists'),
      jsonArrayFrom(
        eb
          .selectFrom('consent_categories')
          .select(consentCategoryColumns)
          .where('workspace_id', '=', workspaceId),
      ).as('categories'),
      jsonArrayFrom(
        eb.selectFrom('segments').select(segmentColumns).where('workspace_id', '=', workspaceId),
      ).as('segments'),
    ])
    .executeTakeFirstOrThrow();
  // SQLite gives each array as JSON text (and JSON columns inside it as text); PostgreSQL parses.
  return {
    fields: readJson<FieldRow[]>(row.fields),
    listKeys: readJson<{ key: string }[]>(row.lists).map((list) => list.key),
    categories: consentCategoriesFromRows(readJson<CategoryRow[]>(row.categories)),
    segments: readJson<SegmentRow[]>(row.segments).map(toRecord),
  };
}

const byKey = <T extends { key: string }>(left: T, right: T) => (left.key < right.key ? -1 : 1);

/** The language context of a workspace from its definitions (lists, fields… ordered by key). */
export function languageContextOf(
  workspace: { timeZone: string },
  definitions: WorkspaceDefinitions,
): LanguageContext {
  return {
    timeZone: workspace.timeZone,
    fields: [...definitions.fields]
      .sort(byKey)
      .filter((field) => (fieldTypes as readonly string[]).includes(field.type))
      .map((field) => ({
        key: field.key,
        type: field.type as FieldType,
        options: field.options === null ? null : readJson<string[] | null>(field.options),
      })),
    listKeys: [...definitions.listKeys].sort(),
    consentCategories: [...definitions.categories]
      .sort(byKey)
      .map((category) => ({ key: category.key, timeBound: category.timeBound })),
    segments: [...definitions.segments].sort(byKey).map((segment) => ({
      key: segment.key,
      parent: segment.parent,
      condition: segment.condition,
    })),
  };
}

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
