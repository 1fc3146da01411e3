/**
 * The PostgreSQL fast path of a contact batch: each table is written with ONE statement per
 * batch that unnests column arrays (`INSERT … SELECT * FROM unnest($1::text[], …)`), so a
 * batch costs a handful of round trips and statements of constant size, whatever its rows.
 * Run it inside a transaction (writeContactBatch does).
 */
import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../store/index.js';
import {
  type ContactBatchPlan,
  identifiersOf,
  type PlannedContact,
  planContactBatch,
  type StoredContact,
} from './contact-plan.js';
import {
  type ContactRecordRow,
  contactColumns,
  fromColumns,
  storedContactColumns,
  toColumnValues,
} from './contact-row.js';
import type { ContactBatchInput } from './contact-writer-sqlite.js';
import { identifierKeys } from './standard-fields.js';

const columnTypes: Record<(typeof contactColumns)[number], string> = {
  workspace_id: 'bigint',
  email: 'text',
  phone: 'text',
  external_id: 'text',
  external_id_key: 'text',
  first_name: 'text',
  first_name_key: 'text',
  last_name: 'text',
  last_name_key: 'text',
  language: 'text',
  language_key: 'text',
  country: 'text',
  country_key: 'text',
  city: 'text',
  city_key: 'text',
  gender: 'text',
  gender_key: 'text',
  birthdate: 'text',
  source: 'text',
  custom: 'jsonb',
  custom_key: 'jsonb',
  created_at: 'bigint',
  updated_at: 'bigint',
};

/** `unnest($1::text[], $2::bigint[], …)` over column arrays built from rows. */
function unnest(rows: readonly unknown[][], types: readonly string[]): RawBuilder<unknown> {
  const columns = types.map((type, index) => {
    const values = rows.map((row) => row[index]);
    return sql`${values}::${sql.raw(type)}[]`;
  });
  return sql`unnest(${sql.join(columns)})`;
}

/** One round trip: the stored contacts holding any of the batch's identifiers. */
async function lookupContacts(db: Executor, input: ContactBatchInput): Promise<StoredContact[]> {
  const identifiers = identifiersOf(input.patches);
  const wanted = identifierKeys.filter((key) => identifiers[key].length > 0);
  if (wanted.length === 0) return [];
  const conditions = wanted.map((key) => sql`${sql.ref(key)} = ANY(${identifiers[key]}::text[])`);
  const { rows } = await sql<ContactRecordRow>`
    SELECT ${sql.join(storedContactColumns.map((column) => sql.ref(column)))} FROM contacts
    WHERE workspace_id = ${input.workspaceId} AND (${sql.join(conditions, sql` OR `)})`.execute(db);
  return rows.map(fromColumns);
}

async function insertContacts(db: Executor, input: ContactBatchInput, contacts: PlannedContact[]) {
  if (contacts.length === 0) return;
  const rows = contacts.map((contact) => toColumnValues(input.workspaceId, contact.row));
  const { rows: inserted } = await sql<{
    id: number;
    email: string | null;
    external_id: string | null;
    phone: string | null;
  }>`
    INSERT INTO contacts (${sql.join(contactColumns.map((column) => sql.ref(column)))})
    SELECT * FROM ${unnest(
      rows,
      contactColumns.map((column) => columnTypes[column]),
    )}
    RETURNING id, email, external_id, phone`.execute(db);
  // RETURNING order is not promised: map back by identifier, unique within the batch.
  const byIdentifier = new Map<string, number>();
  for (const row of inserted) {
    for (const key of identifierKeys) {
      if (row[key] !== null) byIdentifier.set(`${key}:${row[key]}`, Number(row.id));
    }
  }
  for (const contact of contacts) {
    const key = identifierKeys.find((name) => contact.row[name] !== null)!;
    contact.row.id = byIdentifier.get(`${key}:${contact.row[key]}`)!;
  }
}

async function updateContacts(db: Executor, input: ContactBatchInput, contacts: PlannedContact[]) {
  if (contacts.length === 0) return;
  const columns = contactColumns.filter((column) => column !== 'workspace_id');
  const rows = contacts.map((contact) => [
    contact.row.id,
    ...toColumnValues(input.workspaceId, contact.row).slice(1),
  ]);
  const types = ['bigint', ...columns.map((column) => columnTypes[column])];
  const names = sql.join(['id', ...columns].map((column) => sql.ref(column)));
  const assignments = sql.join(
    columns.map((column) => sql`${sql.ref(column)} = u.${sql.ref(column)}`),
  );
  await sql`
    UPDATE contacts AS c SET ${assignments}
    FROM ${unnest(rows, types)} AS u(${names})
    WHERE c.workspace_id = ${input.workspaceId} AND c.id = u.id`.execute(db);
}

async function insertLinks(db: Executor, input: ContactBatchInput, plan: ContactBatchPlan) {
  const { workspaceId, options, listId } = input;
  const tags = [...plan.tagLabels].map(([tag, label]) => [workspaceId, tag, label, options.now]);
  if (tags.length > 0) {
    await sql`INSERT INTO tags (workspace_id, tag, label, created_at)
      SELECT * FROM ${unnest(tags, ['bigint', 'text', 'text', 'bigint'])}
      ON CONFLICT DO NOTHING`.execute(db);
  }
  const links = plan.tagLinks.map((link) => [workspaceId, link.contact.row.id, link.tag]);
  if (links.length > 0) {
    await sql`INSERT INTO contact_tags (workspace_id, contact_id, tag)
      SELECT * FROM ${unnest(links, ['bigint', 'bigint', 'text'])}
      ON CONFLICT DO NOTHING`.execute(db);
  }
  // The same rows appendConsentRecords (src/consent) writes: an operator's grant, logged.
  const grants = plan.touched.flatMap((contact) =>
    options.consent.map((category) => [workspaceId, contact.row.id, category, options.now]),
  );
  if (grants.length > 0) {
    await sql`INSERT INTO consent_log (workspace_id, contact_id, category, recorded_at, action, actor, source)
      SELECT *, 'grant', 'operator', ${options.source}::text
      FROM ${unnest(grants, ['bigint', 'bigint', 'text', 'bigint'])}`.execute(db);
  }
  if (listId !== undefined && plan.touched.length > 0) {
    const members = plan.touched.map((contact) => [
      workspaceId,
      listId,
      contact.row.id,
      options.now,
    ]);
    await sql`INSERT INTO list_members (workspace_id, list_id, contact_id, added_at)
      SELECT * FROM ${unnest(members, ['bigint', 'bigint', 'bigint', 'bigint'])}
      ON CONFLICT DO NOTHING`.execute(db);
  }
}

/** Plans and writes one batch on `db`, which must be a transaction on PostgreSQL. */
export async function writeContactBatchPostgres(
  db: Executor,
  input: ContactBatchInput,
): Promise<ContactBatchPlan> {
  const existing = await lookupContacts(db, input);
  const plan = planContactBatch({ patches: input.patches, existing, options: input.options });
  await insertContacts(db, input, plan.inserts);
  await updateContacts(db, input, plan.updates);
  await insertLinks(db, input, plan);
  return plan;
}
