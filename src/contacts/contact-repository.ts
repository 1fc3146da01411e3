import { SiftError } from '../shared/errors.js';
import type { Executor } from '../store/index.js';
import { contactPatchFromInput } from './contact-input.js';
import type { StoredContact } from './contact-plan.js';
import { fromColumns, storedContactColumns } from './contact-row.js';
import { type UpsertContactsInput, upsertContact } from './contact-upsert.js';
import { normaliseEmail, normalisePhone } from './contact-values.js';
import { inTransaction, lookupContacts } from './contact-writer-kysely.js';
import { loadFieldCoercers } from './field-repository.js';
import type { CustomValue } from './field-values.js';
import { type ContactSource, identifierKeys } from './standard-fields.js';

/** A contact as other modules see it; standard fields keep their field keys (SPEC §1). */
export interface Contact {
  id: number;
  email: string | null;
  phone: string | null;
  external_id: string | null;
  first_name: string | null;
  last_name: string | null;
  language: string | null;
  country: string | null;
  city: string | null;
  gender: string | null;
  birthdate: string | null;
  source: ContactSource;
  /** Typed custom values (datetimes as epoch ms). */
  custom: Record<string, CustomValue>;
  /** Folded tags, sorted. */
  tags: string[];
  /** Epoch ms. */
  created_at: number;
  updated_at: number;
}

/** Names a contact in events, lookups and the CLI. */
export type ContactReference =
  | { id: number }
  | { email: string }
  | { external_id: string }
  | { phone: string };

async function tagsOf(
  db: Executor,
  workspaceId: number,
  contactIds: number[],
): Promise<Map<number, string[]>> {
  const tags = new Map<number, string[]>(contactIds.map((id) => [id, []]));
  if (contactIds.length === 0) return tags;
  const rows = await db
    .selectFrom('contact_tags')
    .select(['contact_id', 'tag'])
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', 'in', contactIds)
    .orderBy('tag')
    .execute();
  for (const row of rows) tags.get(Number(row.contact_id))?.push(row.tag);
  return tags;
}

function toContact(row: StoredContact, tags: string[]): Contact {
  const { custom_key: _, ...rest } = row;
  return { ...rest, source: row.source as ContactSource, tags };
}

async function withTags(db: Executor, workspaceId: number, rows: StoredContact[]) {
  const tags = await tagsOf(
    db,
    workspaceId,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toContact(row, tags.get(row.id) ?? []));
}

async function storedContact(db: Executor, workspaceId: number, id: number) {
  const row = await db
    .selectFrom('contacts')
    .select(storedContactColumns)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? fromColumns(row) : undefined;
}

export async function getContact(
  db: Executor,
  input: { workspaceId: number; id: number },
): Promise<Contact> {
  const row = await storedContact(db, input.workspaceId, input.id);
  if (!row) throw new SiftError('not_found', `Contact ${input.id} does not exist`, { path: 'id' });
  const [contact] = await withTags(db, input.workspaceId, [row]);
  return contact!;
}

/**
 * The ids of the contacts named by `references`, in order; `undefined` where none matches.
 * Emails are compared folded and phones in E.164, as stored. One query per kind of reference.
 */
export async function findContactIds(
  db: Executor,
  workspaceId: number,
  references: readonly ContactReference[],
): Promise<Array<number | undefined>> {
  const wanted = {
    id: new Set<number>(),
    email: new Set<string>(),
    external_id: new Set<string>(),
    phone: new Set<string>(),
  };
  const keys = references.map((reference) => referenceKey(reference));
  for (const key of keys) {
    if (key === undefined) continue;
    if (key.kind === 'id') wanted.id.add(key.value);
    else wanted[key.kind].add(key.value);
  }
  const ids = new Map<string, number>();
  const stored = await lookupContacts(db, workspaceId, {
    email: [...wanted.email],
    external_id: [...wanted.external_id],
    phone: [...wanted.phone],
  });
  for (const row of stored) {
    for (const kind of identifierKeys)
      if (row[kind] !== null) ids.set(`${kind}:${row[kind]}`, row.id);
  }
  for (const chunk of chunked([...wanted.id])) {
    const rows = await db
      .selectFrom('contacts')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', chunk)
      .execute();
    for (const row of rows) ids.set(`id:${Number(row.id)}`, Number(row.id));
  }
  return keys.map((key) => (key === undefined ? undefined : ids.get(`${key.kind}:${key.value}`)));
}

function chunked<T>(items: T[], size = 1000): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    result.push(items.slice(start, start + size));
  return result;
}

type ReferenceKey =
  | { kind: 'id'; value: number }
  | { kind: 'email' | 'external_id' | 'phone'; value: string };

function referenceKey(reference: ContactReference): ReferenceKey | undefined {
  if ('id' in reference) {
    return Number.isSafeInteger(reference.id) ? { kind: 'id', value: reference.id } : undefined;
  }
  if ('email' in reference) {
    const email = normaliseEmail(reference.email);
    return email.ok ? { kind: 'email', value: email.value } : undefined;
  }
  if ('phone' in reference) {
    const phone = normalisePhone(reference.phone);
    return phone.ok ? { kind: 'phone', value: phone.value } : undefined;
  }
  const externalId = reference.external_id.trim();
  return externalId === '' ? undefined : { kind: 'external_id', value: externalId };
}

export async function findContact(
  db: Executor,
  input: { workspaceId: number; reference: ContactReference },
): Promise<Contact | undefined> {
  const [id] = await findContactIds(db, input.workspaceId, [input.reference]);
  return id === undefined ? undefined : getContact(db, { workspaceId: input.workspaceId, id });
}

/**
 * Reads a reference typed by a person: digits are an id, text with `@` an email, a leading
 * `+` or `00` a phone, anything else an external id.
 */
export function parseContactReference(text: string): ContactReference {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed) && !trimmed.startsWith('00')) return { id: Number(trimmed) };
  if (trimmed.includes('@')) return { email: trimmed };
  if (/^(\+|00)[\d\s().-]+$/.test(trimmed)) return { phone: trimmed };
  return { external_id: trimmed };
}

export const maxPageSize = 1000;

/** Contacts ordered by id; `after` is the last id of the previous page. */
/**
 * A page of contacts in id order, optionally only a list's members. One row more than the
 * page is read, so the last page has no next cursor.
 */
export async function listContacts(
  db: Executor,
  input: {
    workspaceId: number;
    after?: number | undefined;
    limit?: number | undefined;
    /** Only the members of this list. */
    listId?: number | undefined;
  },
): Promise<{ contacts: Contact[]; next: number | null }> {
  const limit = Math.min(Math.max(input.limit ?? 100, 1), maxPageSize);
  let query = db
    .selectFrom('contacts')
    .select(storedContactColumns)
    .where('workspace_id', '=', input.workspaceId);
  if (input.after !== undefined) query = query.where('id', '>', input.after);
  if (input.listId !== undefined) {
    const listId = input.listId;
    query = query.where('id', 'in', (members) =>
      members
        .selectFrom('list_members')
        .select('contact_id')
        .where('workspace_id', '=', input.workspaceId)
        .where('list_id', '=', listId),
    );
  }
  const rows = await query
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit).map(fromColumns);
  const contacts = await withTags(db, input.workspaceId, page);
  const next = rows.length > limit ? page[page.length - 1]!.id : null;
  return { contacts, next };
}

/** Creates a contact; a contact already holding one of its identifiers is a conflict. */
export async function createContact(
  db: Executor,
  input: Omit<UpsertContactsInput, 'contacts'> & { contact: unknown },
): Promise<Contact> {
  return inTransaction(db, async (transaction) => {
    const coercers = await loadFieldCoercers(transaction, input.workspaceId);
    const parsed = contactPatchFromInput(input.contact, coercers);
    if (parsed.ok) {
      const { email, external_id, phone } = parsed.patch.values;
      const existing = await lookupContacts(transaction, input.workspaceId, {
        email: email === undefined ? [] : [email],
        external_id: external_id === undefined ? [] : [external_id],
        phone: phone === undefined ? [] : [phone],
      });
      const taken = existing[0];
      if (taken) {
        const key = identifierKeys.find(
          (name) => taken[name] !== null && taken[name] === parsed.patch.values[name],
        )!;
        throw new SiftError('conflict', `Contact ${taken.id} already has this ${key}`, {
          path: key,
        });
      }
    }
    const { id } = await upsertContact(transaction, input);
    return getContact(transaction, { workspaceId: input.workspaceId, id });
  });
}
