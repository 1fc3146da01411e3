import { type ProblemDetail, SiftError } from '../shared/errors.js';
import type { Dialect, Executor } from '../store/index.js';
import type { Workspace } from '../workspaces/index.js';
import {
  orderWorkspaceSegments,
  readWorkspaceSegments,
  withConsentSegments,
} from './consent-segments.js';
import {
  languageContextOf,
  loadLanguageContext,
  readWorkspaceDefinitions,
} from './context-loader.js';
import type { LanguageContext } from './language-context.js';
import { SegmentDefinition, type SegmentKind } from './schema.js';
import {
  definitionOf,
  deleteSegmentRecord,
  insertSegmentRecord,
  listSegmentVersions,
  type SegmentRecord,
  type SegmentVersion,
  updateSegmentRecord,
} from './segment-repository.js';
import {
  deriveSegmentKinds,
  findDependents,
  isReservedSegmentKey,
  type SegmentShape,
  treeOrder,
} from './segment-tree.js';
import { validateSegmentDefinition } from './validate.js';

/**
 * Segments as records (SPEC §1, §2, §7): create, update (every saved definition is a version),
 * read, list as a tree, delete. Every definition is validated against the workspace, and all
 * problems are reported at once, each with its JSON path.
 */

export interface SegmentSummary extends SegmentRecord {
  kind: SegmentKind;
  /** Position in the tree view: 0 for a root, parent depth + 1 for a child. */
  depth: number;
}

export interface SegmentDetail extends SegmentSummary {
  versions: SegmentVersion[];
}

interface SegmentInput {
  workspace: Workspace;
  now: number;
}

function shapeOf(segment: SegmentRecord): SegmentShape {
  return {
    key: segment.key,
    parent: segment.parent,
    condition: segment.condition,
    builtIn: segment.builtIn,
  };
}

/** The segment set with each one's kind and tree position, in tree order. */
function summarise(segments: readonly SegmentRecord[]): SegmentSummary[] {
  const shapes = segments.map(shapeOf);
  const kinds = deriveSegmentKinds(shapes);
  const byKey = new Map(segments.map((segment) => [segment.key, segment]));
  return treeOrder(shapes).map((position) => ({
    ...byKey.get(position.key)!,
    kind: kinds.get(position.key) ?? 'rules',
    depth: position.depth,
  }));
}

function kindAfterSave(segments: readonly SegmentRecord[], saved: SegmentRecord): SegmentKind {
  const others = segments.filter((segment) => segment.key !== saved.key);
  return deriveSegmentKinds([...others, saved].map(shapeOf)).get(saved.key) ?? 'rules';
}

/** Throws every problem as one `validation_failed` error; `path` names the first. */
export function throwProblems(problems: readonly ProblemDetail[], what: string): never {
  const first = problems[0]!;
  const others = problems.length - 1;
  const more = others > 0 ? ` (and ${others} more problem${others === 1 ? '' : 's'})` : '';
  throw new SiftError('validation_failed', `${what} is invalid: ${first.message}${more}`, {
    ...(first.path === undefined ? {} : { path: first.path }),
    details: [...problems],
  });
}

function reservedKeyProblems(definition: unknown): ProblemDetail[] {
  const key = (definition as { key?: unknown } | null)?.key;
  if (typeof key !== 'string' || !isReservedSegmentKey(key)) return [];
  return [
    {
      code: 'reserved_key',
      path: 'key',
      message: 'keys starting with "consent-" are reserved for the built-in consent segments',
    },
  ];
}

/** `"description": null` means "no description", as other tools write it; drop it before the schema sees it. */
function withoutNullDescription(definition: unknown): unknown {
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) {
    return definition;
  }
  if ((definition as { description?: unknown }).description !== null) return definition;
  const { description: _, ...rest } = definition as Record<string, unknown>;
  return rest;
}

/** Validates a definition as saved; returns it parsed or throws every problem. */
export function parseDefinition(input: unknown, context: LanguageContext): SegmentDefinition {
  const definition = withoutNullDescription(input);
  const problems: ProblemDetail[] = [
    ...reservedKeyProblems(definition),
    ...validateSegmentDefinition(definition, context),
  ];
  if (problems.length > 0) throwProblems(problems, 'Segment definition');
  const parsed = SegmentDefinition.safeParse(definition);
  // The semantic validator checks the schema too; a disagreement is a bug, not user input.
  if (!parsed.success) throw new SiftError('internal', 'Validated definition failed to parse');
  return parsed.data;
}

function recordOf(
  definition: SegmentDefinition,
  times: { createdAt: number; updatedAt: number; version: number },
): SegmentRecord {
  return {
    key: definition.key,
    name: definition.name,
    description: definition.description ?? null,
    parent: definition.parent ?? null,
    active: definition.active,
    builtIn: false,
    condition: definition.condition,
    ...times,
  };
}

async function inTransaction<T>(db: Executor, work: (db: Executor) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  return db.transaction().execute(work);
}

async function loadForSave(db: Executor, input: SegmentInput) {
  const { segments } = await readWorkspaceSegments(db, {
    workspaceId: input.workspace.id,
    now: input.now,
  });
  // After readWorkspaceSegments: the built-in consent segments exist and can be referred to.
  const context = await loadLanguageContext(db, input.workspace);
  return { segments, context };
}

/** Creates a segment from a definition (SPEC §7); an existing key is a conflict. */
export async function createSegment(
  db: Executor,
  input: SegmentInput & { definition: unknown },
): Promise<SegmentSummary> {
  return inTransaction(db, async (transaction) => {
    const { segments, context } = await loadForSave(transaction, input);
    const definition = parseDefinition(input.definition, context);
    if (segments.some((segment) => segment.key === definition.key)) {
      throw new SiftError('conflict', `Segment "${definition.key}" already exists`, {
        path: 'key',
      });
    }
    const record = recordOf(definition, {
      createdAt: input.now,
      updatedAt: input.now,
      version: 1,
    });
    const kind = kindAfterSave(segments, record);
    await insertSegmentRecord(transaction, { workspaceId: input.workspace.id, record, kind });
    return summaryOf([...segments, record], record.key);
  });
}

function summaryOf(segments: readonly SegmentRecord[], key: string): SegmentSummary {
  const summary = summarise(segments).find((segment) => segment.key === key);
  if (!summary)
    throw new SiftError('not_found', `Segment "${key}" does not exist`, { path: 'key' });
  return summary;
}

function requireEditable(segments: readonly SegmentRecord[], key: string): SegmentRecord {
  const current = segments.find((segment) => segment.key === key);
  if (!current)
    throw new SiftError('not_found', `Segment "${key}" does not exist`, { path: 'key' });
  if (current.builtIn) {
    throw new SiftError(
      'conflict',
      `Segment "${key}" is a built-in consent segment and cannot be changed or deleted`,
      { path: 'key' },
    );
  }
  return current;
}

/** A definition without `key` takes the key it is saved under; another key is a problem. */
function withKey(definition: unknown, key: string): unknown {
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) {
    return definition;
  }
  const given = (definition as { key?: unknown }).key;
  if (given === undefined) return { ...definition, key };
  if (given !== key) {
    throwProblems(
      [
        {
          code: 'key_mismatch',
          path: 'key',
          message: `expected "${key}": a segment cannot be renamed`,
        },
      ],
      'Segment definition',
    );
  }
  return definition;
}

/** JSON with object keys sorted: PostgreSQL's JSONB does not keep the order they were written in. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === 'object' && item !== null && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([left], [right]) => (left < right ? -1 : 1)))
      : item,
  );
}

function sameDefinition(left: SegmentRecord, right: SegmentRecord): boolean {
  return canonicalJson(definitionOf(left)) === canonicalJson(definitionOf(right));
}

/**
 * Saves a new definition of an existing segment as its next version. Saving the definition it
 * already has changes nothing (no new version), so a retried PUT is harmless.
 */
export async function updateSegment(
  db: Executor,
  input: SegmentInput & { key: string; definition: unknown },
): Promise<SegmentSummary> {
  return inTransaction(db, async (transaction) => {
    const { segments, context } = await loadForSave(transaction, input);
    const current = requireEditable(segments, input.key);
    const definition = parseDefinition(withKey(input.definition, input.key), context);
    const record = recordOf(definition, {
      createdAt: current.createdAt,
      updatedAt: input.now,
      version: current.version + 1,
    });
    if (sameDefinition(current, record)) return summaryOf(segments, current.key);
    const kind = kindAfterSave(segments, record);
    await updateSegmentRecord(transaction, {
      workspaceId: input.workspace.id,
      record,
      kind,
      previousVersion: current.version,
    });
    const others = segments.filter((segment) => segment.key !== record.key);
    return summaryOf([...others, record], record.key);
  });
}

/** Every segment of the workspace in tree order, with kind and depth. */
export async function listSegments(db: Executor, input: SegmentInput): Promise<SegmentSummary[]> {
  const { segments } = await readWorkspaceSegments(db, {
    workspaceId: input.workspace.id,
    now: input.now,
  });
  return summarise(segments);
}

/** One segment with every saved version, oldest first. */
export async function getSegment(
  db: Executor,
  input: SegmentInput & { key: string },
): Promise<SegmentDetail> {
  const summary = summaryOf(await listSegmentsRaw(db, input), input.key);
  const versions = await listSegmentVersions(db, {
    workspaceId: input.workspace.id,
    key: input.key,
  });
  return { ...summary, versions };
}

async function listSegmentsRaw(db: Executor, input: SegmentInput): Promise<SegmentRecord[]> {
  const { segments } = await readWorkspaceSegments(db, {
    workspaceId: input.workspace.id,
    now: input.now,
  });
  return segments;
}

/**
 * Deletes a segment. Refused while another segment is its child or refers to it (the
 * dependents are named), and for the built-in consent segments. Contacts are never touched.
 */
export async function deleteSegment(
  db: Executor,
  input: SegmentInput & { key: string },
): Promise<void> {
  await inTransaction(db, async (transaction) => {
    const segments = await listSegmentsRaw(transaction, input);
    requireEditable(segments, input.key);
    const dependents = findDependents(input.key, segments.map(shapeOf));
    if (dependents.length > 0) {
      const names = dependents
        .map((dependent) =>
          dependent.relation === 'child'
            ? `"${dependent.key}" (its child)`
            : `"${dependent.key}" (refers to it)`,
        )
        .join(', ');
      throw new SiftError(
        'conflict',
        `Segment "${input.key}" cannot be deleted: ${names} ${dependents.length === 1 ? 'depends' : 'depend'} on it`,
        {
          path: 'key',
          details: dependents.map((dependent) => ({
            code: dependent.relation === 'child' ? 'child_segment' : 'referring_segment',
            path: dependent.key,
            message:
              dependent.relation === 'child'
                ? `"${dependent.key}" has it as parent`
                : `"${dependent.key}" refers to it in its condition`,
          })),
        },
      );
    }
    await deleteSegmentRecord(transaction, { workspaceId: input.workspace.id, key: input.key });
  });
}

/**
 * The segments and language context of a workspace, for evaluation (segment-evaluation.ts):
 * one query, plus a write only when a built-in consent segment is missing.
 */
export async function loadEvaluationContext(
  store: { db: Executor; dialect: Dialect },
  input: SegmentInput,
): Promise<{ segments: SegmentSummary[]; context: LanguageContext }> {
  const workspaceId = input.workspace.id;
  const definitions = await readWorkspaceDefinitions(store, workspaceId);
  // Written before the context is built: the built-in consent segments can be referred to.
  const stored = await withConsentSegments(store.db, {
    workspaceId,
    now: input.now,
    categories: definitions.categories,
    stored: definitions.segments,
  });
  const segments = orderWorkspaceSegments(stored, definitions.categories);
  return {
    segments: summarise(segments),
    context: languageContextOf(input.workspace, { ...definitions, segments: stored }),
  };
}
