import type { Kysely } from 'kysely';
import { z } from 'zod';
import { SiftError } from '../shared/errors.js';
import { isoInstant } from '../shared/time.js';
import type { Database, Executor } from '../store/index.js';
import {
  type ConsentCategory,
  listConsentCategories,
  requireConsentCategory,
} from './consent-categories.js';
import {
  appendConsentRecords,
  type ConsentAction,
  type ConsentActor,
  type ConsentSource,
} from './consent-log.js';
import { readConsentLog, readContactConsent } from './consent-repository.js';
import { entriesAt, standingContactWithdrawal } from './consent-state.js';
import type { CategorisedConsentLogEntry, ConsentState } from './consent-types.js';

/**
 * The write path of SPEC §3: every request is appended to the log (the rules decide, when the
 * state is read, whether it took effect), except one: an operator's own grant (CLI, API) of a
 * category the contact withdrew themselves is refused outright (rule 4), so that the operator
 * learns it did nothing. Imports, bookings and forms on the operator's behalf are logged and stay
 * ineffective, which the derivation guarantees.
 */

/** One category, or every category of kind `marketing` (never-given ones included, SPEC §3 rule 3). */
export type ConsentTarget = { category: string } | { allMarketing: true };

export interface ConsentChangeInput {
  workspace: { id: number; timeZone: string };
  contactId: number;
  target: ConsentTarget;
  actor: ConsentActor;
  source: ConsentSource;
  reason?: string | undefined;
  recordedAt: number;
  /**
   * Refuse an operator grant of a category the contact withdrew themselves with a `conflict`.
   * Default: refused for the operator's own requests (sources `cli` and `api`), logged otherwise.
   */
  refuseWhenContactWithdrew?: boolean | undefined;
}

export interface ConsentChangeResult {
  contactId: number;
  action: ConsentAction;
  /** The categories written, each with its state at `recordedAt` after the write. */
  categories: { key: string; state: ConsentState; because: string }[];
}

/** The body of a consent change at the edges (CLI flags, HTTP), validated once. */
export const ConsentChangeRequest = z
  .strictObject({
    category: z.string().trim().min(1).optional(),
    all: z.boolean().optional(),
    by: z.enum(['contact', 'operator']),
    reason: z.string().trim().max(1000).optional(),
  })
  .refine((request) => (request.category === undefined) !== (request.all !== true), {
    message: 'give either one category or all (every marketing category), not both',
    path: ['category'],
  });
export type ConsentChangeRequest = z.infer<typeof ConsentChangeRequest>;

export function targetOf(request: ConsentChangeRequest): ConsentTarget {
  return request.category === undefined ? { allMarketing: true } : { category: request.category };
}

export function grantConsent(
  db: Executor,
  input: ConsentChangeInput,
): Promise<ConsentChangeResult> {
  return changeConsent(db, input, 'grant');
}

export function withdrawConsent(
  db: Executor,
  input: ConsentChangeInput,
): Promise<ConsentChangeResult> {
  return changeConsent(db, input, 'withdraw');
}

/**
 * An unsubscribe by the contact (SPEC §3 rule 3): from one category, or, without a category
 * (a plain link, one-click List-Unsubscribe), from every marketing category.
 */
export function unsubscribeContact(
  db: Executor,
  input: {
    workspace: { id: number; timeZone: string };
    contactId: number;
    category?: string | undefined;
    reason?: string | undefined;
    recordedAt: number;
  },
): Promise<ConsentChangeResult> {
  return withdrawConsent(db, {
    workspace: input.workspace,
    contactId: input.contactId,
    target: input.category === undefined ? { allMarketing: true } : { category: input.category },
    actor: 'contact',
    source: 'unsubscribe',
    reason: input.reason,
    recordedAt: input.recordedAt,
  });
}

/** Whether an operator grant is refused (rather than logged) when the contact withdrew. */
export function refusesLockedGrant(
  input: Pick<ConsentChangeInput, 'actor' | 'source' | 'refuseWhenContactWithdrew'>,
): boolean {
  if (input.actor !== 'operator') return false;
  return input.refuseWhenContactWithdrew ?? (input.source === 'cli' || input.source === 'api');
}

async function changeConsent(
  db: Executor,
  input: ConsentChangeInput,
  action: ConsentAction,
): Promise<ConsentChangeResult> {
  if (!Number.isSafeInteger(input.recordedAt)) {
    throw new SiftError('invalid_input', 'The recording instant is not a valid time', {
      path: 'recordedAt',
    });
  }
  const reason = input.reason?.trim() || undefined;
  return inTransaction(db, async (transaction) => {
    const contactName = await requireContact(transaction, input);
    const categories = await resolveTarget(transaction, input);
    if (action === 'grant' && refusesLockedGrant(input)) {
      await refuseLockedCategories(transaction, { ...input, categories, contactName });
    }
    await appendConsentRecords(
      transaction,
      categories.map((category) => ({
        workspaceId: input.workspace.id,
        contactId: input.contactId,
        category: category.key,
        action,
        actor: input.actor,
        source: input.source,
        reason,
        recordedAt: input.recordedAt,
      })),
    );
    const consent = await readContactConsent(transaction, {
      workspaceId: input.workspace.id,
      timeZone: input.workspace.timeZone,
      contactId: input.contactId,
      now: input.recordedAt,
    });
    return {
      contactId: input.contactId,
      action,
      categories: categories.map((category) => {
        const decided = consent.decisions[category.key]!;
        return { key: category.key, state: decided.state, because: decided.because };
      }),
    };
  });
}

async function inTransaction<T>(db: Executor, work: (db: Executor) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  return (db as Kysely<Database>).transaction().execute(work);
}

/** The contact's display name for messages (email, else phone, else external id). */
async function requireContact(
  db: Executor,
  input: Pick<ConsentChangeInput, 'workspace' | 'contactId'>,
): Promise<string> {
  const row = await db
    .selectFrom('contacts')
    .select(['id', 'email', 'phone', 'external_id'])
    .where('workspace_id', '=', input.workspace.id)
    .where('id', '=', input.contactId)
    .executeTakeFirst();
  if (!row) {
    throw new SiftError('not_found', `Contact ${input.contactId} does not exist`, {
      path: 'contact',
    });
  }
  return row.email ?? row.phone ?? row.external_id ?? `#${row.id}`;
}

async function resolveTarget(
  db: Executor,
  input: Pick<ConsentChangeInput, 'workspace' | 'target'>,
): Promise<ConsentCategory[]> {
  if ('category' in input.target) {
    return [
      await requireConsentCategory(db, {
        workspaceId: input.workspace.id,
        key: input.target.category,
      }),
    ];
  }
  const all = await listConsentCategories(db, input.workspace.id);
  return all.filter((category) => category.kind === 'marketing');
}

async function refuseLockedCategories(
  db: Executor,
  input: ConsentChangeInput & { categories: ConsentCategory[]; contactName: string },
): Promise<void> {
  const keys = input.categories.map((category) => category.key);
  const log = await readConsentLog(db, {
    workspaceId: input.workspace.id,
    contactId: input.contactId,
    categories: keys,
  });
  const locked: { key: string; withdrawal: CategorisedConsentLogEntry }[] = [];
  for (const key of keys) {
    const ordered = entriesAt(
      log.filter((entry) => entry.category === key),
      input.recordedAt,
    );
    const withdrawal = standingContactWithdrawal(ordered);
    if (withdrawal) locked.push({ key, withdrawal });
  }
  if (locked.length === 0) return;
  const which = locked
    .map(({ key, withdrawal }) => `"${key}" at ${isoInstant(withdrawal.recordedAt)}`)
    .join(', ');
  throw new SiftError(
    'conflict',
    `Contact ${input.contactName} withdrew consent to ${which} themselves; an operator cannot grant it again (only the contact can: preference center, a form they submit, or a grant by the contact)`,
    {
      path: 'category',
      details: locked.map(({ key, withdrawal }) => ({
        code: 'withdrawn_by_contact',
        path: 'category',
        message: `"${key}" withdrawn by the contact at ${isoInstant(withdrawal.recordedAt)} (${withdrawal.source})`,
      })),
    },
  );
}
