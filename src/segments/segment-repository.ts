import { SiftError } from '../shared/errors.js';
import { type Executor, readJson, writeJson } from '../store/index.js';
import type { Condition, SegmentKind } from './schema.js';

/**
 * Segment records as stored: one row per segment in `segments` (the current definition) and
 * one row per saved definition in `segment_versions`. Validation happens in the service; this
 * file only moves rows.
 */

export interface SegmentRecord {
  key: string;
  name: string;
  description: string | null;
  parent: string | null;
  active: boolean;
  /** A built-in consent segment (SPEC §3 rule 5): listed, evaluated, never edited or deleted. */
  builtIn: boolean;
  condition: Condition;
  version: number;
  /** Epoch ms. */
  createdAt: number;
  updatedAt: number;
}

/** A saved definition in the exchange format of SPEC §7. */
export interface StoredDefinition {
  key: string;
  name: string;
  description?: string;
  parent?: string | null;
  active: boolean;
  condition: Condition;
}

export interface SegmentVersion {
  version: number;
  definition: StoredDefinition;
  createdAt: number;
}

export interface SegmentRow {
  key: string;
  name: string;
  description: string | null;
  parent_key: string | null;
  active: number;
  kind: string;
  condition: unknown;
  version: number;
  created_at: number;
  updated_at: number;
}

export const segmentColumns = [
  'key',
  'name',
  'description',
  'parent_key',
  'active',
  'kind',
  'condition',
  'version',
  'created_at',
  'updated_at',
] as const;

export function toRecord(row: SegmentRow): SegmentRecord {
  return {
    key: row.key,
    name: row.name,
    description: row.description,
    parent: row.parent_key,
    active: Number(row.active) === 1,
    builtIn: row.kind === 'consent',
    condition: readJson<Condition>(row.condition),
    version: Number(row.version),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export function definitionOf(record: SegmentRecord): StoredDefinition {
  return {
    key: record.key,
    name: record.name,
    ...(record.description === null ? {} : { description: record.description }),
    parent: record.parent,
    active: record.active,
    condition: record.condition,
  };
}

export async function listSegmentRecords(
  db: Executor,
  workspaceId: number,
): Promise<SegmentRecord[]> {
  const rows = await db
    .selectFrom('segments')
    .select(segmentColumns)
    .where('workspace_id', '=', workspaceId)
    .orderBy('key')
    .execute();
  return rows.map(toRecord);
}

export async function findSegmentRecord(
  db: Executor,
  input: { workspaceId: number; key: string },
): Promise<SegmentRecord | undefined> {
  const row = await db
    .selectFrom('segments')
    .select(segmentColumns)
    .where('workspace_id', '=', input.workspaceId)
    .where('key', '=', input.key)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** SQLite and PostgreSQL report a duplicate key differently; both mean "already exists". */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

function rowOf(record: SegmentRecord, kind: SegmentKind) {
  return {
    key: record.key,
    name: record.name,
    description: record.description,
    parent_key: record.parent,
    active: record.active ? 1 : 0,
    kind,
    condition: writeJson(record.condition),
    version: record.version,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
  };
}

async function insertVersion(db: Executor, workspaceId: number, record: SegmentRecord) {
  await db
    .insertInto('segment_versions')
    .values({
      workspace_id: workspaceId,
      segment_key: record.key,
      version: record.version,
      definition: writeJson(definitionOf(record)),
      created_at: record.updatedAt,
    })
    .execute();
}

/** Inserts a new segment and its first version; a taken key is a conflict. */
export async function insertSegmentRecord(
  db: Executor,
  input: { workspaceId: number; record: SegmentRecord; kind: SegmentKind },
): Promise<void> {
  try {
    await db
      .insertInto('segments')
      .values({ workspace_id: input.workspaceId, ...rowOf(input.record, input.kind) })
      .execute();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new SiftError('conflict', `Segment "${input.record.key}" already exists`, {
      path: 'key',
      cause: error,
    });
  }
  await insertVersion(db, input.workspaceId, input.record);
}

/**
 * Built-in segments that may be missing; a concurrent request creating the same ones is no
 * error (`ON CONFLICT DO NOTHING` on both back ends).
 */
export async function insertMissingSegmentRecords(
  db: Executor,
  input: { workspaceId: number; records: readonly SegmentRecord[]; kind: SegmentKind },
): Promise<void> {
  if (input.records.length === 0) return;
  await db
    .insertInto('segments')
    .values(
      input.records.map((record) => ({
        workspace_id: input.workspaceId,
        ...rowOf(record, input.kind),
      })),
    )
    .onConflict((conflict) => conflict.columns(['workspace_id', 'key']).doNothing())
    .execute();
  await db
    .insertInto('segment_versions')
    .values(
      input.records.map((record) => ({
        workspace_id: input.workspaceId,
        segment_key: record.key,
        version: record.version,
        definition: writeJson(definitionOf(record)),
        created_at: record.updatedAt,
      })),
    )
    .onConflict((conflict) =>
      conflict.columns(['workspace_id', 'segment_key', 'version']).doNothing(),
    )
    .execute();
}

/**
 * Stores `record` as the next version of a segment. The update is conditional on the version
 * read before (`previousVersion`), so two concurrent saves cannot both claim one number.
 */
export async function updateSegmentRecord(
  db: Executor,
  input: { workspaceId: number; record: SegmentRecord; kind: SegmentKind; previousVersion: number },
): Promise<void> {
  const { created_at: _, key: __, ...changes } = rowOf(input.record, input.kind);
  const result = await db
    .updateTable('segments')
    .set(changes)
    .where('workspace_id', '=', input.workspaceId)
    .where('key', '=', input.record.key)
    .where('version', '=', input.previousVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw new SiftError(
      'conflict',
      `Segment "${input.record.key}" was changed by another request; read it again and retry`,
      { path: 'key' },
    );
  }
  await insertVersion(db, input.workspaceId, input.record);
}

/** Every saved definition of a segment, oldest first. */
export async function listSegmentVersions(
  db: Executor,
  input: { workspaceId: number; key: string },
): Promise<SegmentVersion[]> {
  const rows = await db
    .selectFrom('segment_versions')
    .select(['version', 'definition', 'created_at'])
    .where('workspace_id', '=', input.workspaceId)
    .where('segment_key', '=', input.key)
    .orderBy('version')
    .execute();
  return rows.map((row) => ({
    version: Number(row.version),
    definition: readJson<StoredDefinition>(row.definition),
    createdAt: Number(row.created_at),
  }));
}

/** Deletes a segment and its history; contacts are untouched (segments never own them). */
export async function deleteSegmentRecord(
  db: Executor,
  input: { workspaceId: number; key: string },
): Promise<void> {
  await db
    .deleteFrom('segment_versions')
    .where('workspace_id', '=', input.workspaceId)
    .where('segment_key', '=', input.key)
    .execute();
  await db
    .deleteFrom('segments')
    .where('workspace_id', '=', input.workspaceId)
    .where('key', '=', input.key)
    .execute();
}
