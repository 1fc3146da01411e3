import { sql } from 'kysely';
import { SiftError } from '../shared/errors.js';
import type { Store } from '../store/index.js';
import type { Workspace } from '../workspaces/index.js';
import type { CoreCondition } from './core.js';
import type { LanguageContext } from './language-context.js';
import { normaliseSegment, normaliseStoredSegment } from './normalise.js';
import type { Problem } from './problems.js';
import type { Condition } from './schema.js';
import { compileSegmentQuery, registerSqliteFunctions } from './segment-queries.js';
import { loadEvaluationContext, type SegmentSummary, throwProblems } from './segment-service.js';
import { contactsAlias, type SqlCondition } from './sql-compiler.js';
import { validateCondition } from './validate.js';
import { findSegmentCycles } from './validate-cycles.js';

/**
 * Evaluating segments at an instant `now` (SPEC §2): counts, members, preview of an unsaved tree
 * and the segments of one contact, all through the SQL compiler, so that every interface gives
 * the members that `sift segment members` lists. Inactive segments evaluate like active ones.
 */

export interface EvaluationInput {
  workspace: Workspace;
  /** The evaluation instant (epoch ms). */
  now: number;
}

/** A member as listed (SPEC §7: at least id, email, external_id, phone), ordered by id. */
export interface SegmentMember {
  id: number;
  email: string | null;
  external_id: string | null;
  phone: string | null;
  first_name: string | null;
  last_name: string | null;
}

export const memberColumns = [
  'id',
  'email',
  'external_id',
  'phone',
  'first_name',
  'last_name',
] as const;

export const maxMemberPageSize = 10_000;

interface CompiledSegment {
  segment: SegmentSummary | undefined;
  condition: SqlCondition;
}

function requireSegment(segments: readonly SegmentSummary[], key: string): SegmentSummary {
  const segment = segments.find((candidate) => candidate.key === key);
  if (!segment)
    throw new SiftError('not_found', `Segment "${key}" does not exist`, { path: 'key' });
  return segment;
}

/** Compiles a core tree for this store; SQLite conditions may call functions registered here. */
function compile(store: Store, workspaceId: number, core: CoreCondition): SqlCondition {
  if (store.sqlite) registerSqliteFunctions(store.sqlite);
  return compileSegmentQuery(core, { dialect: store.dialect, workspaceId });
}

/** A stored segment's full meaning (parents and references expanded) as one SQL condition. */
export async function compileStoredSegment(
  store: Store,
  input: EvaluationInput & { key: string },
): Promise<CompiledSegment> {
  const { segments, context } = await loadEvaluationContext(store, input);
  const segment = requireSegment(segments, input.key);
  const core = normaliseStoredSegment(segment.key, { ...context, now: input.now });
  return { segment, condition: compile(store, input.workspace.id, core) };
}

async function countWhere(store: Store, workspaceId: number, condition: SqlCondition) {
  const row = await store.db
    .selectFrom(`contacts as ${contactsAlias}` as 'contacts as c')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('c.workspace_id', '=', workspaceId)
    .where(condition)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

async function membersWhere(
  store: Store,
  input: {
    workspaceId: number;
    condition: SqlCondition;
    after?: number | undefined;
    limit: number;
  },
): Promise<SegmentMember[]> {
  let query = store.db
    .selectFrom(`contacts as ${contactsAlias}` as 'contacts as c')
    .select(memberColumns.map((column) => `c.${column}` as const))
    .where('c.workspace_id', '=', input.workspaceId)
    .where(input.condition);
  if (input.after !== undefined) query = query.where('c.id', '>', input.after);
  const rows = await query.orderBy('c.id').limit(input.limit).execute();
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

/** How many contacts are in the segment at `now`. */
export async function countSegment(
  store: Store,
  input: EvaluationInput & { key: string },
): Promise<number> {
  const { condition } = await compileStoredSegment(store, input);
  return countWhere(store, input.workspace.id, condition);
}

export interface MemberPage {
  members: SegmentMember[];
  /** The last id of this page when more may follow; null on the last page. */
  next: number | null;
}

/** One page of members ordered by id; `after` is the previous page's `next`. */
export async function segmentMembers(
  store: Store,
  input: EvaluationInput & { key: string; after?: number | undefined; limit: number },
): Promise<MemberPage> {
  const { condition } = await compileStoredSegment(store, input);
  return memberPage(store, { workspaceId: input.workspace.id, condition, ...input });
}

async function memberPage(
  store: Store,
  input: {
    workspaceId: number;
    condition: SqlCondition;
    after?: number | undefined;
    limit: number;
  },
): Promise<MemberPage> {
  const limit = Math.min(Math.max(Math.trunc(input.limit), 1), maxMemberPageSize);
  const members = await membersWhere(store, { ...input, limit });
  const next = members.length === limit ? members[members.length - 1]!.id : null;
  return { members, next };
}

/**
 * Every member from `after` on, page by page, for exports: the segment is compiled once at
 * `now`, so all pages describe the same instant.
 */
export async function* iterateSegmentMembers(
  store: Store,
  input: EvaluationInput & { key: string; after?: number | undefined; limit?: number | undefined },
): AsyncGenerator<SegmentMember[]> {
  const { condition } = await compileStoredSegment(store, input);
  let remaining = input.limit ?? Number.POSITIVE_INFINITY;
  let after = input.after;
  while (remaining > 0) {
    const size = Math.min(remaining, 5000);
    const page = await memberPage(store, {
      workspaceId: input.workspace.id,
      condition,
      after,
      limit: size,
    });
    if (page.members.length > 0) yield page.members;
    remaining -= page.members.length;
    if (page.next === null) return;
    after = page.next;
  }
}

/** What a preview evaluates: a bare condition, or a definition (its parent counts too). */
interface PreviewTree {
  key: string | undefined;
  parent: string | null;
  condition: unknown;
  /** Where the condition sits in the request body, for problem paths. */
  base: string;
}

/**
 * Whether a body is a definition (it holds its tree in `condition`) rather than a condition
 * node; a `not` node also has `condition`, but every node has `type` and a definition has none.
 */
export function isDefinitionBody(body: unknown): body is { condition: unknown } {
  return (
    typeof body === 'object' &&
    body !== null &&
    !Array.isArray(body) &&
    'condition' in body &&
    !('type' in body)
  );
}

function previewTreeOf(body: unknown): PreviewTree {
  if (isDefinitionBody(body)) {
    const { key, parent, condition } = body as {
      key?: unknown;
      parent?: unknown;
      condition: unknown;
    };
    return {
      key: typeof key === 'string' ? key : undefined,
      parent: typeof parent === 'string' ? parent : null,
      condition,
      base: 'condition',
    };
  }
  return { key: undefined, parent: null, condition: body, base: '' };
}

function previewProblems(tree: PreviewTree, context: LanguageContext): Problem[] {
  const self = tree.key === undefined ? undefined : { key: tree.key, parent: tree.parent };
  const problems = validateCondition(tree.condition, { ...context, self }, { path: tree.base });
  if (tree.parent !== null && !context.segments.some((segment) => segment.key === tree.parent)) {
    problems.push({
      code: 'unknown_segment',
      path: 'parent',
      message: `no segment "${tree.parent}" in this workspace`,
    });
  } else if (tree.parent !== null && self) {
    problems.push(
      ...findSegmentCycles({ ...context, self }, [{ key: tree.parent, path: 'parent' }]),
    );
  }
  return problems;
}

export interface Preview {
  count: number;
  /** The first members by id. */
  sample: SegmentMember[];
}

export const defaultPreviewSampleSize = 20;

/**
 * Evaluates an unsaved tree (the rule builder's live count): validated like a saved one, then
 * the exact count and the first members by id.
 */
export async function previewSegment(
  store: Store,
  input: EvaluationInput & { tree: unknown; sampleSize?: number | undefined },
): Promise<Preview> {
  const { context } = await loadEvaluationContext(store, input);
  const tree = previewTreeOf(input.tree);
  const problems = previewProblems(tree, context);
  if (problems.length > 0) throwProblems(problems, 'Condition');
  const core = normaliseSegment(
    { key: tree.key, parent: tree.parent, condition: tree.condition as Condition },
    { ...context, now: input.now },
  );
  const condition = compile(store, input.workspace.id, core);
  const sampleSize = Math.min(Math.max(input.sampleSize ?? defaultPreviewSampleSize, 0), 100);
  if (sampleSize === 0) {
    return { count: await countWhere(store, input.workspace.id, condition), sample: [] };
  }
  return countAndSample(store, { workspaceId: input.workspace.id, condition, limit: sampleSize });
}

/**
 * The count and the first members in ONE query (`count(*) OVER ()` is taken before the LIMIT):
 * a behavioural tree is evaluated once, not once for the count and again for the sample, which
 * halves a preview whose cost is reading the events.
 */
async function countAndSample(
  store: Store,
  input: { workspaceId: number; condition: SqlCondition; limit: number },
): Promise<Preview> {
  const rows = await store.db
    .selectFrom(`contacts as ${contactsAlias}` as 'contacts as c')
    .select(memberColumns.map((column) => `c.${column}` as const))
    .select((eb) => eb.fn.countAll<number | string>().over().as('total'))
    .where('c.workspace_id', '=', input.workspaceId)
    .where(input.condition)
    .orderBy('c.id')
    .limit(input.limit)
    .execute();
  return {
    count: Number(rows[0]?.total ?? 0),
    sample: rows.map(({ total: _, ...member }) => ({ ...member, id: Number(member.id) })),
  };
}

/** Segments evaluated per query: keeps the bound parameters well under PostgreSQL's limit. */
const segmentsPerQuery = 25;

/** Every segment the contact is in at `now` (in tree order), inactive ones included. */
export async function segmentsOfContact(
  store: Store,
  input: EvaluationInput & { contactId: number },
): Promise<SegmentSummary[]> {
  const { segments, context } = await loadEvaluationContext(store, input);
  await requireContact(store, input);
  const normaliseContext = { ...context, now: input.now };
  const memberships: SegmentSummary[] = [];
  for (let start = 0; start < segments.length; start += segmentsPerQuery) {
    const chunk = segments.slice(start, start + segmentsPerQuery);
    const columns = chunk.map((segment, index) => {
      const core = normaliseStoredSegment(segment.key, normaliseContext);
      const condition = compile(store, input.workspace.id, core);
      return sql<number>`CASE WHEN ${condition} THEN 1 ELSE 0 END`.as(`s${index}`);
    });
    const row = await store.db
      .selectFrom(`contacts as ${contactsAlias}` as 'contacts as c')
      .select(columns)
      .where('c.workspace_id', '=', input.workspace.id)
      .where('c.id', '=', input.contactId)
      .executeTakeFirst();
    const values = (row ?? {}) as Record<string, unknown>;
    chunk.forEach((segment, index) => {
      if (Number(values[`s${index}`]) === 1) memberships.push(segment);
    });
  }
  return memberships;
}

async function requireContact(store: Store, input: EvaluationInput & { contactId: number }) {
  const row = await store.db
    .selectFrom('contacts')
    .select('id')
    .where('workspace_id', '=', input.workspace.id)
    .where('id', '=', input.contactId)
    .executeTakeFirst();
  if (!row) {
    throw new SiftError('not_found', `Contact ${input.contactId} does not exist`, {
      path: 'contact',
    });
  }
}
