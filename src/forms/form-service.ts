import { grantConsent } from '../consent/index.js';
import {
  addListMembers,
  type ContactInput,
  type ContactReference,
  contactPatchFromInput,
  ensureList,
  findContactIds,
  loadFieldCoercers,
  upsertContact,
} from '../contacts/index.js';
import { insertEvents, parseEvent } from '../events/index.js';
import { type ProblemDetail, SiftError } from '../shared/errors.js';
import { isoInstant } from '../shared/time.js';
import type { Executor, Store } from '../store/index.js';
import type { Workspace } from '../workspaces/index.js';
import type { Form } from './form-definition.js';
import { formFieldPath, readFormSubmission, type SubmittedValues } from './form-submission.js';

/**
 * A visitor submits a form (SPEC §3 rules 1 and 3): the contact is created or updated (source
 * `form`), the form's categories are granted BY THE CONTACT (actor `contact`: submitting a form
 * is their own consent, so it also lifts their own earlier withdrawal), they join the form's
 * list and a `form.submitted` event (property `form`) is recorded — all in one transaction.
 */

export type FormSubmissionResult =
  | { status: 'accepted'; contactId: number; created: boolean }
  /** The honeypot was filled: answered like a success, nothing stored. */
  | { status: 'ignored' };

export const formSubmittedEvent = 'form.submitted';

function invalid(problems: readonly ProblemDetail[]): SiftError {
  const details = problems.map((problem) => {
    const path = formFieldPath(problem.path);
    return { ...problem, ...(path === undefined ? {} : { path }) };
  });
  const first = details[0];
  return new SiftError(
    'validation_failed',
    `The form is not filled in correctly: ${first?.message}`,
    {
      ...(first?.path === undefined ? {} : { path: first.path }),
      details,
    },
  );
}

function referencesOf(contact: ContactInput): ContactReference[] {
  const references: ContactReference[] = [];
  if (contact.email) references.push({ email: contact.email });
  if (contact.phone) references.push({ phone: contact.phone });
  return references;
}

export async function submitForm(
  store: Store,
  input: { workspace: Workspace; form: Form; values: SubmittedValues; now: number },
): Promise<FormSubmissionResult> {
  const { workspace, form } = input;
  const coercers = await loadFieldCoercers(store.db, workspace.id);
  const multiselectFields = new Set(
    [...coercers.values()]
      .filter((coercer) => coercer.field.type === 'multiselect')
      .map((coercer) => coercer.field.key),
  );
  const reading = readFormSubmission({ form, values: input.values, multiselectFields });
  if (reading.kind === 'bot') return { status: 'ignored' };
  // Every problem at once: the form's own (unknown or missing fields) and the values' (an email
  // that is not one), so a visitor fixes the form in one go.
  const checked = contactPatchFromInput(reading.contact, coercers);
  const problems = [...reading.problems, ...(checked.ok ? [] : checked.problems)];
  if (problems.length > 0) throw invalid(problems);
  return store.db
    .transaction()
    .execute((transaction) =>
      recordSubmission(store, transaction, { ...input, contact: reading.contact }),
    );
}

async function recordSubmission(
  store: Store,
  db: Executor,
  input: { workspace: Workspace; form: Form; contact: ContactInput; now: number },
): Promise<FormSubmissionResult> {
  const { workspace, form, now } = input;
  const matches = await findContactIds(db, workspace.id, referencesOf(input.contact));
  const known = matches.some((id) => id !== undefined);
  // A new contact must be created with its consent (rule 1), which the contacts module logs as
  // an operator's grant; the contact's own grants below follow it and decide the state.
  const { id, created } = await upsertContact(db, {
    workspaceId: workspace.id,
    now,
    source: 'form',
    consent: known ? [] : form.consent,
    contact: input.contact,
  });
  for (const category of form.consent) {
    await grantConsent(db, {
      workspace,
      contactId: id,
      target: { category },
      actor: 'contact',
      source: 'form',
      reason: `form "${form.key}"`,
      recordedAt: now,
    });
  }
  await ensureList(db, { workspaceId: workspace.id, key: form.list, source: 'form', now });
  await addListMembers(db, {
    workspaceId: workspace.id,
    listKey: form.list,
    contactIds: [id],
    now,
  });
  const event = parseEvent({
    contact: { id },
    type: formSubmittedEvent,
    timestamp: isoInstant(now),
    properties: { form: form.key },
  });
  if (!event.ok) throw new SiftError('internal', 'form.submitted event failed to parse');
  await insertEvents({
    store,
    db,
    workspaceId: workspace.id,
    events: [{ contactId: id, event: event.event }],
    receivedAt: now,
  });
  return { status: 'accepted', contactId: id, created };
}
