/**
 * The portable path of a contact batch: Kysely on any executor (PostgreSQL, or SQLite for
 * single API writes). The caller provides the transaction; see `inTransaction`.
 */
import type { Kysely, Transaction } from 'kysely';
import { appendConsentRecords, type ConsentRecordInput } from '../consent/index.js';
import type { Database, Executor } from '../store/index.js';
import {
  type ContactBatchPlan,
  identifiersOf,
  type PlannedContact,
  planContactBatch,
  type StoredContact,
} from './contact-plan.js';
import { fromColumns, storedContactColumns, toColumns } from './contact-row.js';
import type { ContactBatchInput } from './contact-writer-sqlite.js';
import { identifierKeys } from './standard-fields.js';

/** Rows per multi-row statement: under SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const rowsPerStatement = 1000;

function chunks<T>(items: readonly T[], size = rowsPerStatement): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    result.push(items.slice(start, start + size));
  }
  return result;
}

/** Runs `work` in the caller's transaction, or in a new one when `db` is not one. */
export async function inTransaction<T>(
  db: Executor,
  work: (transaction: Transaction<Database> | Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return work(db);
  return db.transaction().execute(work);
}

export async function lookupContacts(
  db: Executor,
  workspaceId: number,
  identifiers: Record<(typeof identifierKeys)[number], string[]>,
): Promise<StoredContact[]> {
  const found = new Map<number, StoredContact>();
  for (const key of identifierKeys) {
    for (const values of chunks(identifiers[key])) {
      const rows = await db
        .selectFrom('contacts')
        .select(storedContactColumns)
        .where('workspace_id', '=', workspaceId)
        .where(key, 'in', values)
        .execute();
      for (const row of rows) {
        const id = Number(row.id);
        if (!found.has(id)) found.set(id, fromColumns(row));
      }
    }
  }
  return [...found.values()];
}

async function insertContacts(
  db: Executor,
  workspaceId: number,
  contacts: PlannedContact[],
): Promise<void> {
  for (const chunk of chunks(contacts)) {
    const inserted = await db
      .insertInto('contacts')
      .values(chunk.map((contact) => toColumns(workspaceId, contact.row)))
      .returning(['id', 'email', 'external_id', 'phone'])
      .execute();
    // RETURNING order is not promised by either database: map back by identifier, which is
    // unique within the batch (the plan made sure of it).
    const byIdentifier = new Map<string, number>();
    for (const row of inserted) {
      for (const key of identifierKeys) {
        if (row[key] !== null) byIdentifier.set(`${key}:${row[key]}`, Number(row.id));
      }
    }
    for (const contact of chunk) {
      const key = identifierKeys.find((name) => contact.row[name] !== null)!;
      contact.row.id = byIdentifier.get(`${key}:${contact.row[key]}`)!;
    }
  }
}

async function executePlan(db: Executor, input: ContactBatchInput, plan: ContactBatchPlan) {
  const { workspaceId, options } = input;
  await insertContacts(db, workspaceId, plan.inserts);
  for (const contact of plan.updates) {
    const { workspace_id: _, ...columns } = toColumns(workspaceId, contact.row);
    await db
      .updateTable('contacts')
      .set(columns)
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', contact.row.id)
      .execute();
  }
  const tags = [...plan.tagLabels].map(([tag, label]) => ({
    workspace_id: workspaceId,
    tag,
    label,
    public: 0,
    created_at: options.now,
  }));
  for (const chunk of chunks(tags)) {
    await db
      .insertInto('tags')
      .values(chunk)
      .onConflict((conflict) => conflict.columns(['workspace_id', 'tag']).doNothing())
      .execute();
  }
  const links = plan.tagLinks.map((link) => ({
    workspace_id: workspaceId,
    contact_id: link.contact.row.id,
    tag: link.tag,
  }));
  for (const chunk of chunks(links)) {
    await db
      .insertInto('contact_tags')
      .values(chunk)
      .onConflict((conflict) => conflict.columns(['workspace_id', 'contact_id', 'tag']).doNothing())
      .execute();
  }
  await grantAndList(db, input, plan);
}

async function grantAndList(db: Executor, input: ContactBatchInput, plan: ContactBatchPlan) {
  const { workspaceId, options } = input;
  const records: ConsentRecordInput[] = plan.touched.flatMap((contact) =>
    options.consent.map((category) => ({
      workspaceId,
      contactId: contact.row.id,
      category,
      action: 'grant' as const,
      actor: 'operator' as const,
      source: options.source,
      recordedAt: options.now,
    })),
  );
  for (const chunk of chunks(records)) await appendConsentRecords(db, chunk);
  if (input.listId === undefined) return;
  const members = plan.touched.map((contact) => ({
    workspace_id: workspaceId,
    list_id: input.listId!,
    contact_id: contact.row.id,
    added_at: options.now,
  }));
  for (const chunk of chunks(members)) {
    await db
      .insertInto('list_members')
      .values(chunk)
      .onConflict((conflict) =>
        conflict.columns(['workspace_id', 'list_id', 'contact_id']).doNothing(),
      )
      .execute();
  }
}

/** Plans and writes one batch on `db`, which should be a transaction. */
export async function writeContactBatchKysely(
  db: Executor,
  input: ContactBatchInput,
): Promise<ContactBatchPlan> {
  const existing = await lookupContacts(db, input.workspaceId, identifiersOf(input.patches));
  const plan = planContactBatch({ patches: input.patches, existing, options: input.options });
  await executePlan(db, input, plan);
  return plan;
}
