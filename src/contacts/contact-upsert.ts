import { type ProblemDetail, SiftError } from '../shared/errors.js';
import type { Executor, Store } from '../store/index.js';
import { type ContactPatch, contactPatchFromInput } from './contact-input.js';
import type { ContactBatchPlan, PlanOptions, PlanProblem } from './contact-plan.js';
import { inTransaction, writeContactBatchKysely } from './contact-writer-kysely.js';
import { writeContactBatchPostgres } from './contact-writer-postgres.js';
import { type ContactBatchInput, writeContactBatchSqlite } from './contact-writer-sqlite.js';
import { loadFieldCoercers } from './field-repository.js';
import type { ContactSource } from './standard-fields.js';

/** Throws when a consent category does not exist in the workspace. */
export async function checkConsentCategories(
  db: Executor,
  workspaceId: number,
  categories: readonly string[],
): Promise<void> {
  if (categories.length === 0) return;
  const rows = await db
    .selectFrom('consent_categories')
    .select('key')
    .where('workspace_id', '=', workspaceId)
    .where('key', 'in', [...categories])
    .execute();
  const known = new Set(rows.map((row) => row.key));
  const unknown = categories.filter((category) => !known.has(category));
  if (unknown.length > 0) {
    throw new SiftError(
      'invalid_input',
      `Unknown consent categor${unknown.length === 1 ? 'y' : 'ies'}: ${unknown.join(', ')}`,
      { path: 'consent' },
    );
  }
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Writes one batch of validated patches in one transaction: prepared statements on SQLite,
 * one unnest statement per table on PostgreSQL. On PostgreSQL a concurrent writer may create a matching contact
 * between lookup and insert; the batch is then retried, and finds it.
 */
export async function writeContactBatch(
  store: Store,
  input: ContactBatchInput,
): Promise<ContactBatchPlan> {
  if (store.sqlite) return writeContactBatchSqlite(store.sqlite, input);
  for (let attempt = 1; ; attempt++) {
    try {
      return await store.db
        .transaction()
        .execute((transaction) => writeContactBatchPostgres(transaction, input));
    } catch (error) {
      if (attempt >= 3 || !isUniqueViolation(error)) throw error;
    }
  }
}

export interface UpsertContactsInput {
  workspaceId: number;
  now: number;
  /** The source of contacts this call creates. */
  source: ContactSource;
  /** Categories granted (an operator's grant, logged) to every contact written. */
  consent: readonly string[];
  /** Tags added to every contact written, besides each input's own `tags`. */
  tags?: readonly string[];
  /** Each a `ContactInput` (unvalidated JSON is fine: it is checked here). */
  contacts: readonly unknown[];
}

export type UpsertResult =
  | { ok: true; id: number; created: boolean }
  | { ok: false; problems: ProblemDetail[] };

function planProblemDetail(problem: PlanProblem): ProblemDetail {
  return {
    code: problem.code,
    message: problem.reason,
    ...(problem.path === undefined ? {} : { path: problem.path }),
  };
}

/**
 * Creates or updates contacts (matched by email, then external_id, then phone): non-empty
 * values replace, missing ones never erase, tags are only added, consent is granted to new
 * and existing contacts. Runs in the caller's transaction when given one. One result per
 * input, in order; invalid inputs are reported, not thrown.
 */
export async function upsertContacts(
  db: Executor,
  input: UpsertContactsInput,
): Promise<UpsertResult[]> {
  await checkConsentCategories(db, input.workspaceId, input.consent);
  const coercers = await loadFieldCoercers(db, input.workspaceId);
  const results: UpsertResult[] = [];
  const patches: ContactPatch[] = [];
  const positions: number[] = [];
  input.contacts.forEach((contact, index) => {
    const parsed = contactPatchFromInput(contact, coercers);
    if (parsed.ok) {
      patches.push(parsed.patch);
      positions.push(index);
    }
    results.push(parsed.ok ? { ok: true, id: 0, created: false } : parsed);
  });
  const options: PlanOptions = {
    source: input.source,
    consent: input.consent,
    tags: input.tags ?? [],
    now: input.now,
    coercers,
  };
  const plan = await inTransaction(db, (transaction) =>
    writeContactBatchKysely(transaction, { workspaceId: input.workspaceId, patches, options }),
  );
  plan.rows.forEach((row, index) => {
    const position = positions[index]!;
    results[position] = row.problem
      ? { ok: false, problems: [planProblemDetail(row.problem)] }
      : { ok: true, id: row.contact.row.id, created: row.created };
  });
  return results;
}

const errorCodeOfProblem: Record<string, 'conflict' | 'validation_failed'> = {
  conflict: 'conflict',
};

/** One contact; throws SiftError (validation_failed, conflict) instead of returning problems. */
export async function upsertContact(
  db: Executor,
  input: Omit<UpsertContactsInput, 'contacts'> & { contact: unknown },
): Promise<{ id: number; created: boolean }> {
  const [result] = await upsertContacts(db, { ...input, contacts: [input.contact] });
  if (result === undefined) throw new SiftError('internal', 'upsert returned no result');
  if (result.ok) return { id: result.id, created: result.created };
  const first = result.problems[0];
  throw new SiftError(
    errorCodeOfProblem[first?.code ?? ''] ?? 'validation_failed',
    first?.message ?? 'Invalid contact',
    {
      ...(first?.path === undefined ? {} : { path: first.path }),
      details: result.problems,
    },
  );
}
