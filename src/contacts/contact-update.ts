import type { Kysely, Transaction } from 'kysely';
import { SiftError } from '../shared/errors.js';
import type { Database, Executor } from '../store/index.js';
import { type ContactPatch, contactPatchFromInput } from './contact-input.js';
import type { StoredContact } from './contact-plan.js';
import { type Contact, getContact } from './contact-repository.js';
import { fromColumns, storedContactColumns, toColumns } from './contact-row.js';
import { inTransaction, lookupContacts } from './contact-writer-kysely.js';
import { loadFieldCoercers } from './field-repository.js';
import { identifierKeys, isWritableStandardKey, writableStandardKeys } from './standard-fields.js';
import { addContactTags } from './tag-repository.js';

/** Applies a patch by id: non-empty values replace, null (in `cleared`) erases. */
function applyChanges(
  row: StoredContact,
  patch: ContactPatch,
  coercers: Map<string, { keyOf(value: unknown): string | string[] | undefined }>,
) {
  for (const path of patch.cleared) {
    if (isWritableStandardKey(path)) row[path] = null;
    else if (path.startsWith('custom.')) {
      delete row.custom[path.slice(7)];
      delete row.custom_key[path.slice(7)];
    }
  }
  for (const key of writableStandardKeys) {
    const value = patch.values[key];
    if (value !== undefined) row[key] = value;
  }
  for (const [key, value] of Object.entries(patch.custom)) {
    row.custom[key] = value;
    const folded = coercers.get(key)?.keyOf(value);
    if (folded === undefined) delete row.custom_key[key];
    else row.custom_key[key] = folded;
  }
}

async function checkIdentifiers(db: Executor, workspaceId: number, row: StoredContact) {
  if (identifierKeys.every((key) => row[key] === null)) {
    throw new SiftError('validation_failed', 'A contact needs an email, phone or external_id', {
      path: 'email',
    });
  }
  const others = await lookupContacts(db, workspaceId, {
    email: row.email === null ? [] : [row.email],
    external_id: row.external_id === null ? [] : [row.external_id],
    phone: row.phone === null ? [] : [row.phone],
  });
  const other = others.find((contact) => contact.id !== row.id);
  if (other) {
    const key = identifierKeys.find((name) => row[name] !== null && other[name] === row[name])!;
    throw new SiftError('conflict', `${key} "${row[key]}" belongs to contact ${other.id}`, {
      path: key,
    });
  }
}

/**
 * A partial update by id (the API's PATCH): given values replace, `null` erases a field,
 * omitted fields stay; `tags` are added. Throws not_found, validation_failed or conflict.
 */
export async function updateContact(
  db: Executor,
  input: { workspaceId: number; id: number; changes: unknown; now: number },
): Promise<Contact> {
  return inTransaction(db, async (transaction) => {
    const { workspaceId, id } = input;
    const stored = await transaction
      .selectFrom('contacts')
      .select(storedContactColumns)
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!stored) throw new SiftError('not_found', `Contact ${id} does not exist`, { path: 'id' });
    const coercers = await loadFieldCoercers(transaction, workspaceId);
    const parsed = contactPatchFromInput(input.changes, coercers);
    if (!parsed.ok) {
      const first = parsed.problems[0];
      throw new SiftError('validation_failed', first?.message ?? 'Invalid contact', {
        ...(first?.path === undefined ? {} : { path: first.path }),
        details: parsed.problems,
      });
    }
    const row = fromColumns(stored);
    const before = JSON.stringify(toColumns(workspaceId, row));
    applyChanges(row, parsed.patch, coercers);
    if (JSON.stringify(toColumns(workspaceId, row)) !== before) {
      await checkIdentifiers(transaction, workspaceId, row);
      row.updated_at = input.now;
      const { workspace_id: _, ...columns } = toColumns(workspaceId, row);
      await transaction
        .updateTable('contacts')
        .set(columns)
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .execute();
    }
    await addContactTags(transaction, {
      workspaceId,
      contactId: id,
      tags: parsed.patch.tags,
      now: input.now,
    });
    return getContact(transaction, { workspaceId, id });
  });
}

async function deleteRows(
  transaction: Transaction<Database> | Kysely<Database>,
  workspaceId: number,
  id: number,
) {
  await transaction
    .deleteFrom('contact_tags')
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', id)
    .execute();
  await transaction
    .deleteFrom('list_members')
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', id)
    .execute();
  await transaction
    .deleteFrom('events')
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', id)
    .execute();
  await transaction
    .deleteFrom('reservations')
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', id)
    .execute();
  await transaction
    .deleteFrom('consent_log')
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', id)
    .execute();
  return transaction
    .deleteFrom('contacts')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Deletes a contact with its tags, list memberships, events, reservations and consent log,
 * in one transaction. Throws not_found when there is no such contact.
 */
export async function deleteContact(
  db: Executor,
  input: { workspaceId: number; id: number },
): Promise<void> {
  await inTransaction(db, async (transaction) => {
    const result = await deleteRows(transaction, input.workspaceId, input.id);
    if (Number(result.numDeletedRows) === 0) {
      throw new SiftError('not_found', `Contact ${input.id} does not exist`, { path: 'id' });
    }
  });
}
