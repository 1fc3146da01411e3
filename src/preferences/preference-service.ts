import type { Kysely } from 'kysely';
import {
  type ConsentChangeResult,
  grantConsent,
  readContactConsent,
  unsubscribeContact,
  withdrawConsent,
} from '../consent/index.js';
import { addContactTags, getContact, listTags, removeContactTags } from '../contacts/index.js';
import { SiftError } from '../shared/errors.js';
import type { Database, Executor } from '../store/index.js';
import { findWorkspace, type Workspace } from '../workspaces/index.js';
import {
  type CategoryStatus,
  type InterestStatus,
  type PreferenceChangePlan,
  type PreferenceNotice,
  type PreferenceSubmission,
  planPreferenceChanges,
  renderPreferencePage,
} from './preference-page.js';
import { type PreferenceTextSet, resolvePreferenceTexts } from './preference-texts.js';
import { readWorkspacePreferenceTexts } from './preference-texts-repository.js';
import { readPreferenceToken, verifyPreferenceToken } from './preference-token.js';

/**
 * The preference center's reads and writes. Every change is the contact's own (SPEC §3 rule 3):
 * actor `contact`, source `preference_center` (or `unsubscribe` for the one-click link), so it
 * is final until the contact changes it again, and it lifts the contact's earlier withdrawals.
 */

export interface PreferenceAccess {
  workspace: Workspace;
  contactId: number;
}

/** The workspace and contact of a genuine token; anything else is `forbidden` (403). */
export async function openPreferenceToken(db: Executor, token: string): Promise<PreferenceAccess> {
  const refused = new SiftError('forbidden', 'This preference link is not valid');
  const claimed = readPreferenceToken(token);
  if (!claimed) throw refused;
  const workspace = await findWorkspace(db, claimed.workspaceKey);
  const subject = workspace ? verifyPreferenceToken(token, workspace) : undefined;
  if (!workspace || !subject) throw refused;
  const contact = await db
    .selectFrom('contacts')
    .select('id')
    .where('workspace_id', '=', workspace.id)
    .where('id', '=', subject.contactId)
    .executeTakeFirst();
  // A deleted contact's old link is refused like a forged one: it reveals nothing either way.
  if (!contact) throw refused;
  return { workspace, contactId: subject.contactId };
}

export interface PreferenceView {
  language: string;
  texts: PreferenceTextSet;
  contactLabel: string;
  categories: CategoryStatus[];
  interests: InterestStatus[];
}

/** The texts in the contact's language (see preference-texts.ts). */
export async function readContactTexts(
  db: Executor,
  access: PreferenceAccess,
): Promise<{ language: string; texts: PreferenceTextSet }> {
  const contact = await getContact(db, { workspaceId: access.workspace.id, id: access.contactId });
  return resolvePreferenceTexts({
    language: contact.language,
    workspaceTexts: await readWorkspacePreferenceTexts(db, access.workspace.id),
  });
}

/** What the page shows at `now`: each category's state, the public interests, the texts. */
export async function readPreferenceView(
  db: Executor,
  input: PreferenceAccess & { now: number },
): Promise<PreferenceView> {
  const { workspace, contactId } = input;
  const contact = await getContact(db, { workspaceId: workspace.id, id: contactId });
  const consent = await readContactConsent(db, {
    workspaceId: workspace.id,
    timeZone: workspace.timeZone,
    contactId,
    now: input.now,
  });
  const tags = await listTags(db, workspace.id);
  const carried = new Set(contact.tags);
  const { language, texts } = resolvePreferenceTexts({
    language: contact.language,
    workspaceTexts: await readWorkspacePreferenceTexts(db, workspace.id),
  });
  return {
    language,
    texts,
    contactLabel: contact.email ?? contact.phone ?? contact.external_id ?? '',
    categories: consent.categories.map((category) => ({
      key: category.key,
      label: category.label,
      kind: category.kind,
      timeBound: category.timeBound,
      state: consent.decisions[category.key]!.state,
    })),
    interests: tags
      .filter((tag) => tag.public)
      .map((tag) => ({ tag: tag.tag, label: tag.label, checked: carried.has(tag.tag) })),
  };
}

export async function renderPreferenceCenter(
  db: Executor,
  input: PreferenceAccess & { now: number; action: string; notice?: PreferenceNotice | undefined },
): Promise<string> {
  const view = await readPreferenceView(db, input);
  return renderPreferencePage({ ...view, action: input.action, notice: input.notice });
}

async function inTransaction<T>(db: Executor, work: (db: Executor) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  return (db as Kysely<Database>).transaction().execute(work);
}

/**
 * Applies a submitted page: grants and withdrawals by the contact for the boxes that changed,
 * and the interests set or cleared, in one transaction. Returns what changed.
 */
export function savePreferences(
  db: Executor,
  input: PreferenceAccess & { now: number; submitted: PreferenceSubmission },
): Promise<PreferenceChangePlan> {
  return inTransaction(db, async (transaction) => {
    const view = await readPreferenceView(transaction, input);
    const plan = planPreferenceChanges({ ...view, submitted: input.submitted });
    const change = {
      workspace: input.workspace,
      contactId: input.contactId,
      actor: 'contact' as const,
      source: 'preference_center' as const,
      recordedAt: input.now,
    };
    for (const category of plan.grant) {
      await grantConsent(transaction, { ...change, target: { category } });
    }
    for (const category of plan.withdraw) {
      await withdrawConsent(transaction, { ...change, target: { category } });
    }
    const tags = { workspaceId: input.workspace.id, contactId: input.contactId };
    await addContactTags(transaction, { ...tags, tags: plan.addInterests, now: input.now });
    await removeContactTags(transaction, { ...tags, tags: plan.removeInterests });
    return plan;
  });
}

/**
 * "Unsubscribe from everything" on the page, or the one-click link (RFC 8058): every marketing
 * category is withdrawn by the contact (SPEC §3 rule 3); service categories stay as they are.
 */
export function unsubscribeFromAllMarketing(
  db: Executor,
  input: PreferenceAccess & { now: number; via: 'preference_center' | 'one_click' },
): Promise<ConsentChangeResult> {
  if (input.via === 'one_click') {
    return unsubscribeContact(db, {
      workspace: input.workspace,
      contactId: input.contactId,
      reason: 'one-click unsubscribe (RFC 8058)',
      recordedAt: input.now,
    });
  }
  return withdrawConsent(db, {
    workspace: input.workspace,
    contactId: input.contactId,
    target: { allMarketing: true },
    actor: 'contact',
    source: 'preference_center',
    recordedAt: input.now,
  });
}
