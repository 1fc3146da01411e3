import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { findConsentCategory } from '../consent/index.js';
import {
  type Condition,
  compileSegmentQuery,
  contactsAlias,
  type LanguageContext,
  listSegments,
  loadLanguageContext,
  normaliseCondition,
  registerSqliteFunctions,
  type SegmentMember,
  validateCondition,
} from '../segments/index.js';
import { type ProblemDetail, SiftError } from '../shared/errors.js';
import type { Store } from '../store/index.js';
import type { Workspace } from '../workspaces/index.js';
import {
  type AudienceConditions,
  AudienceRequest,
  audienceCondition,
  audienceConditions,
  type ExclusionReason,
  exclusionReasons,
} from './audience-conditions.js';

/**
 * Evaluating an audience at `now` (SPEC §3 rules 5 and 6) through the segment engine's SQL
 * compiler: the conditions of `audience-conditions.ts` are validated, normalised and compiled
 * like a segment; one grouped query counts the audience and each reason, a second lists members.
 */

export interface AudienceInput {
  workspace: Workspace;
  now: number;
  /** Validated here (an `AudienceRequest`); unknown input is fine. */
  request: unknown;
}

export interface AudiencePreview {
  count: number;
  /** The first members by id. */
  sample: SegmentMember[];
  /** Contacts of the included segments (everyone when none) left out, by their first failing reason. */
  excluded: Record<ExclusionReason, number>;
  /** The included contacts considered: `count` plus every reason. */
  candidates: number;
}

export const audienceSampleSize = 20;

function parseRequest(request: unknown): AudienceRequest {
  const parsed = AudienceRequest.safeParse(request);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((issue) => ({
    code: issue.code,
    path: issue.path.join('.'),
    message: issue.message,
  }));
  throw new SiftError('invalid_input', `Invalid audience: ${details[0]?.message ?? ''}`, {
    path: details[0]?.path,
    details,
  });
}

/** Unknown segments, and inactive ones: an inactive segment cannot be an audience (SPEC §2). */
async function segmentProblems(
  store: Store,
  input: { workspace: Workspace; now: number; request: AudienceRequest },
): Promise<ProblemDetail[]> {
  const segments = new Map(
    (await listSegments(store.db, input)).map((segment) => [segment.key, segment]),
  );
  const problems: ProblemDetail[] = [];
  for (const side of ['include', 'exclude'] as const) {
    input.request[side].forEach((key, index) => {
      const segment = segments.get(key);
      const path = `${side}[${index}]`;
      if (!segment) {
        problems.push({ code: 'unknown_segment', path, message: `no segment "${key}"` });
      } else if (!segment.active) {
        problems.push({
          code: 'inactive_segment',
          path,
          message: `segment "${key}" is inactive and cannot be part of an audience`,
        });
      }
    });
  }
  return problems;
}

async function checkRequest(
  store: Store,
  input: { workspace: Workspace; now: number; request: AudienceRequest },
): Promise<void> {
  const category = await findConsentCategory(store.db, {
    workspaceId: input.workspace.id,
    key: input.request.consent,
  });
  const problems: ProblemDetail[] = category
    ? []
    : [
        {
          code: 'unknown_category',
          path: 'consent',
          message: `no consent category "${input.request.consent}"`,
        },
      ];
  problems.push(...(await segmentProblems(store, input)));
  if (problems.length === 0) return;
  const names = problems.map((problem) => problem.message).join('; ');
  throw new SiftError('validation_failed', `Invalid audience: ${names}`, {
    path: problems[0]!.path,
    details: problems,
  });
}

type CompiledConditions = Record<keyof AudienceConditions, RawBuilder<SqlBool>>;

function compileConditions(
  store: Store,
  input: { workspace: Workspace; now: number; context: LanguageContext },
  conditions: AudienceConditions,
): CompiledConditions {
  if (store.sqlite) registerSqliteFunctions(store.sqlite);
  const compile = (condition: Condition) => {
    // The request was checked against the workspace already; this catches a composition bug.
    const problems = validateCondition(condition, input.context);
    if (problems.length > 0) {
      throw new SiftError('internal', `Audience condition is invalid: ${problems[0]!.message}`);
    }
    const core = normaliseCondition(condition, { ...input.context, now: input.now });
    return compileSegmentQuery(core, { dialect: store.dialect, workspaceId: input.workspace.id });
  };
  return {
    candidates: compile(conditions.candidates),
    consent: compile(conditions.consent),
    address: compile(conditions.address),
    bounced: compile(conditions.bounced),
    excluded: compile(conditions.excluded),
  };
}

/** Each candidate's first failing reason, or `audience`: one CASE, evaluated in one query. */
function reasonOf(compiled: CompiledConditions): RawBuilder<string> {
  // Compiled conditions may be NULL where false; `IS TRUE` / `IS NOT TRUE` read NULL as false.
  return sql<string>`CASE
    WHEN (${compiled.consent}) IS NOT TRUE THEN ${sql.lit('no_consent')}
    WHEN (${compiled.address}) IS NOT TRUE THEN ${sql.lit('no_address')}
    WHEN (${compiled.bounced}) IS TRUE THEN ${sql.lit('bounced')}
    WHEN (${compiled.excluded}) IS TRUE THEN ${sql.lit('excluded_segment')}
    ELSE ${sql.lit('audience')} END`;
}

async function countByReason(
  store: Store,
  workspaceId: number,
  compiled: CompiledConditions,
): Promise<Map<string, number>> {
  const result = await sql<{ reason: string; count: number | string }>`
    SELECT audience_reasons.reason AS reason, count(*) AS count
    FROM (SELECT ${reasonOf(compiled)} AS reason FROM contacts ${sql.raw(contactsAlias)}
      WHERE ${sql.ref(`${contactsAlias}.workspace_id`)} = ${workspaceId}
        AND ${compiled.candidates}) AS audience_reasons
    GROUP BY audience_reasons.reason`.execute(store.db);
  return new Map(result.rows.map((row) => [row.reason, Number(row.count)]));
}

interface Prepared {
  request: AudienceRequest;
  context: LanguageContext;
}

async function prepare(store: Store, input: AudienceInput): Promise<Prepared> {
  const request = parseRequest(input.request);
  await checkRequest(store, { ...input, request });
  return { request, context: await loadLanguageContext(store.db, input.workspace) };
}

/** Members of the audience in id order, after `after`: a page of at most `limit`. */
async function membersOf(
  store: Store,
  input: { workspace: Workspace; now: number; context: LanguageContext; request: AudienceRequest },
  page: { after?: number | undefined; limit: number },
): Promise<SegmentMember[]> {
  if (store.sqlite) registerSqliteFunctions(store.sqlite);
  const core = normaliseCondition(audienceCondition(input.request), {
    ...input.context,
    now: input.now,
  });
  const condition = compileSegmentQuery(core, {
    dialect: store.dialect,
    workspaceId: input.workspace.id,
  });
  let query = store.db
    .selectFrom(`contacts as ${contactsAlias}` as 'contacts as c')
    .select(['c.id', 'c.email', 'c.external_id', 'c.phone', 'c.first_name', 'c.last_name'])
    .where('c.workspace_id', '=', input.workspace.id)
    .where(condition);
  if (page.after !== undefined) query = query.where('c.id', '>', page.after);
  const rows = await query.orderBy('c.id').limit(page.limit).execute();
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

/** `POST /v1/audiences/preview`, `sift audience preview`: the exact size, a sample, the reasons. */
export async function previewAudience(
  store: Store,
  input: AudienceInput,
): Promise<AudiencePreview> {
  const prepared = await prepare(store, input);
  const scope = { ...input, ...prepared };
  const compiled = compileConditions(store, scope, audienceConditions(prepared.request));
  const counts = await countByReason(store, input.workspace.id, compiled);
  const excluded = Object.fromEntries(
    exclusionReasons.map((reason) => [reason, counts.get(reason) ?? 0]),
  ) as Record<ExclusionReason, number>;
  const count = counts.get('audience') ?? 0;
  const sample = await membersOf(store, scope, { limit: audienceSampleSize });
  const candidates = count + exclusionReasons.reduce((sum, reason) => sum + excluded[reason], 0);
  return { count, sample, excluded, candidates };
}

export const maxAudiencePageSize = 10_000;

/** One page of audience members by id (for sending and for checks); `after` is the last id seen. */
export async function audienceMembers(
  store: Store,
  input: AudienceInput & { after?: number | undefined; limit?: number | undefined },
): Promise<{ members: SegmentMember[]; next: number | null }> {
  const prepared = await prepare(store, input);
  const limit = Math.min(Math.max(Math.trunc(input.limit ?? 1000), 1), maxAudiencePageSize);
  const members = await membersOf(store, { ...input, ...prepared }, { after: input.after, limit });
  const next = members.length === limit ? members[members.length - 1]!.id : null;
  return { members, next };
}
