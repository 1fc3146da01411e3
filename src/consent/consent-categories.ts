import { z } from 'zod';
import { SiftError } from '../shared/errors.js';
import type { Executor } from '../store/index.js';
import { defaultConsentCategories } from '../workspaces/index.js';
import {
  type ConsentCategoryKind,
  type ConsentCategoryRule,
  consentCategoryKinds,
} from './consent-types.js';

/** A consent category of a workspace (SPEC §3): the six defaults and any custom ones. */
export interface ConsentCategory extends ConsentCategoryRule {
  label: string;
  createdAt: number;
}

/**
 * A custom category. Keys look like the defaults (`sales_viewing`): lower case, digits and `_`,
 * starting with a letter, because campaigns, segments and the preference center name them.
 * Custom categories are never time-bound: only reservations give a window, and
 * `booking_marketing` is that category.
 */
export const ConsentCategoryInput = z.strictObject({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,63}$/, {
      message: 'a key is a lower-case letter, then up to 63 lower-case letters, digits or "_"',
    }),
  label: z.string().trim().min(1, { message: 'a label is required' }).max(200),
  kind: z.enum(consentCategoryKinds),
});
export type ConsentCategoryInput = z.infer<typeof ConsentCategoryInput>;

export interface CategoryRow {
  key: string;
  label: string;
  kind: string;
  time_bound: number;
  created_at: number;
}

function toCategory(row: CategoryRow): ConsentCategory {
  return {
    key: row.key,
    label: row.label,
    kind: row.kind as ConsentCategoryKind,
    timeBound: Number(row.time_bound) === 1,
    createdAt: Number(row.created_at),
  };
}

const defaultOrder = new Map<string, number>(
  defaultConsentCategories.map((category, index) => [category.key, index]),
);

/** The defaults first, in SPEC order, then custom categories by creation. */
function compareCategories(left: ConsentCategory, right: ConsentCategory): number {
  const leftDefault = defaultOrder.get(left.key) ?? Number.POSITIVE_INFINITY;
  const rightDefault = defaultOrder.get(right.key) ?? Number.POSITIVE_INFINITY;
  if (leftDefault !== rightDefault) return leftDefault < rightDefault ? -1 : 1;
  return left.createdAt - right.createdAt || (left.key < right.key ? -1 : 1);
}

/** The columns a category is read from, for readers that fetch them with other rows. */
export const consentCategoryColumns = ['key', 'label', 'kind', 'time_bound', 'created_at'] as const;

/** Category rows as stored → categories in listing order (defaults first, then by creation). */
export function consentCategoriesFromRows(rows: readonly CategoryRow[]): ConsentCategory[] {
  return rows.map(toCategory).sort(compareCategories);
}

export async function listConsentCategories(
  db: Executor,
  workspaceId: number,
): Promise<ConsentCategory[]> {
  const rows = await db
    .selectFrom('consent_categories')
    .select(consentCategoryColumns)
    .where('workspace_id', '=', workspaceId)
    .execute();
  return consentCategoriesFromRows(rows);
}

export async function findConsentCategory(
  db: Executor,
  input: { workspaceId: number; key: string },
): Promise<ConsentCategory | undefined> {
  const row = await db
    .selectFrom('consent_categories')
    .select(['key', 'label', 'kind', 'time_bound', 'created_at'])
    .where('workspace_id', '=', input.workspaceId)
    .where('key', '=', input.key)
    .executeTakeFirst();
  return row ? toCategory(row) : undefined;
}

export async function requireConsentCategory(
  db: Executor,
  input: { workspaceId: number; key: string; path?: string },
): Promise<ConsentCategory> {
  const category = await findConsentCategory(db, input);
  if (!category) {
    throw new SiftError('not_found', `Unknown consent category "${input.key}"`, {
      path: input.path ?? 'category',
    });
  }
  return category;
}

/** Validates and creates a custom category; a taken key is a conflict. */
export async function createConsentCategory(
  db: Executor,
  input: { workspaceId: number; category: unknown; now: number },
): Promise<ConsentCategory> {
  const parsed = ConsentCategoryInput.safeParse(input.category);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => ({
      code: 'invalid_category',
      path: issue.path.join('.'),
      message: issue.message,
    }));
    throw new SiftError('validation_failed', 'Invalid consent category', {
      path: details[0]?.path,
      details,
    });
  }
  const { key, label, kind } = parsed.data;
  if (await findConsentCategory(db, { workspaceId: input.workspaceId, key })) {
    throw new SiftError('conflict', `Consent category "${key}" already exists`, { path: 'key' });
  }
  const row: CategoryRow = { key, label, kind, time_bound: 0, created_at: input.now };
  await db
    .insertInto('consent_categories')
    .values({ workspace_id: input.workspaceId, ...row })
    .execute();
  return toCategory(row);
}
