import { type ConsentCategory, listConsentCategories } from '../consent/index.js';
import type { Executor } from '../store/index.js';
import {
  insertMissingSegmentRecords,
  listSegmentRecords,
  type SegmentRecord,
} from './segment-repository.js';
import { consentSegmentKey } from './segment-tree.js';

/**
 * The built-in consent segments (SPEC §3 rule 5): one per consent category, the contacts whose
 * state is `valid` now. They are stored like any segment (so references, parents and lists
 * treat them alike) and created lazily: every read of the segment set first adds the ones
 * missing, so a category created later gets its segment on the next read.
 */

export function consentSegmentRecord(category: ConsentCategory, now: number): SegmentRecord {
  return {
    key: consentSegmentKey(category.key),
    name: category.label,
    description: `Contacts whose consent "${category.key}" is valid now (built in)`,
    parent: null,
    active: true,
    builtIn: true,
    condition: { type: 'consent', category: category.key, op: 'valid' },
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

export interface WorkspaceSegments {
  /** Every segment, built-in consent segments first (in category order), then by key. */
  segments: SegmentRecord[];
  categories: ConsentCategory[];
}

/** The built-in consent segments that `stored` lacks, one per category without its segment. */
export function missingConsentSegments(
  categories: readonly ConsentCategory[],
  stored: readonly SegmentRecord[],
  now: number,
): SegmentRecord[] {
  const present = new Set(stored.map((segment) => segment.key));
  return categories
    .filter((category) => !present.has(consentSegmentKey(category.key)))
    .map((category) => consentSegmentRecord(category, now));
}

/** Built-in consent segments first (in category order), then the others by key. */
export function orderWorkspaceSegments(
  segments: readonly SegmentRecord[],
  categories: readonly ConsentCategory[],
): SegmentRecord[] {
  const categoryOrder = new Map(
    categories.map((category, index) => [consentSegmentKey(category.key), index]),
  );
  const rank = (segment: SegmentRecord) =>
    segment.builtIn
      ? (categoryOrder.get(segment.key) ?? categories.length)
      : Number.POSITIVE_INFINITY;
  return [...segments].sort(
    (left, right) => rank(left) - rank(right) || (left.key < right.key ? -1 : 1),
  );
}

/**
 * Adds the missing built-in consent segments and returns the stored set again; returns
 * `stored` itself, without writing, when none is missing (the usual case on the read path).
 */
export async function withConsentSegments(
  db: Executor,
  input: {
    workspaceId: number;
    now: number;
    categories: readonly ConsentCategory[];
    stored: SegmentRecord[];
  },
): Promise<SegmentRecord[]> {
  const missing = missingConsentSegments(input.categories, input.stored, input.now);
  if (missing.length === 0) return input.stored;
  await insertMissingSegmentRecords(db, {
    workspaceId: input.workspaceId,
    records: missing,
    kind: 'consent',
  });
  return listSegmentRecords(db, input.workspaceId);
}

/** Reads every segment of the workspace, creating the missing built-in consent segments. */
export async function readWorkspaceSegments(
  db: Executor,
  input: { workspaceId: number; now: number },
): Promise<WorkspaceSegments> {
  const [categories, stored] = await Promise.all([
    listConsentCategories(db, input.workspaceId),
    listSegmentRecords(db, input.workspaceId),
  ]);
  const segments = await withConsentSegments(db, { ...input, categories, stored });
  return { segments: orderWorkspaceSegments(segments, categories), categories };
}
