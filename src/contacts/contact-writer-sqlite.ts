/**
 * The SQLite fast path of a contact batch: prepared statements on the better-sqlite3 handle,
 * all inside one synchronous IMMEDIATE transaction. Because it is synchronous no other
 * query of this process can interleave, and the write lock taken at BEGIN makes the lookup
 * and the writes one consistent step. A killed process leaves whole batches only.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { ContactPatch } from './contact-input.js';
import {
  type ContactBatchPlan,
  identifiersOf,
  type PlannedContact,
  type PlanOptions,
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
import { identifierKeys } from './standard-fields.js';

export interface ContactBatchInput {
  workspaceId: number;
  patches: readonly ContactPatch[];
  options: PlanOptions;
  /** A list every contact of an accepted row joins. */
  listId?: number | undefined;
}

/**
 * The link rows of a batch (tags, consent grants, list memberships) differ in one column, the
 * contact id: each kind is written with one statement that reads the ids from a JSON array
 * (`json_each`), so a batch binds a few strings instead of tens of thousands of parameters.
 */
function contactIdsJson(contacts: readonly PlannedContact[]): string {
  return JSON.stringify(contacts.map((contact) => contact.row.id));
}

interface Statements {
  lookup: Record<(typeof identifierKeys)[number], BetterSqlite3.Statement>;
  insertContact: BetterSqlite3.Statement;
  updateContact: BetterSqlite3.Statement;
  tags: BetterSqlite3.Statement;
  contactTags: BetterSqlite3.Statement;
  consent: BetterSqlite3.Statement;
  listMembers: BetterSqlite3.Statement;
}

const statementsByHandle = new WeakMap<BetterSqlite3.Database, Statements>();

function prepare(handle: BetterSqlite3.Database): Statements {
  const cached = statementsByHandle.get(handle);
  if (cached) return cached;
  const selected = storedContactColumns.join(', ');
  const lookup = (column: string) =>
    handle.prepare(
      `SELECT ${selected} FROM contacts WHERE workspace_id = ? AND ${column} IN (SELECT value FROM json_each(?))`,
    );
  const updatable = contactColumns.filter((column) => column !== 'workspace_id');
  const statements: Statements = {
    lookup: { email: lookup('email'), external_id: lookup('external_id'), phone: lookup('phone') },
    insertContact: handle.prepare(
      `INSERT INTO contacts (${contactColumns.join(', ')}) VALUES (${contactColumns.map(() => '?').join(', ')})`,
    ),
    updateContact: handle.prepare(
      `UPDATE contacts SET ${updatable.map((column) => `${column} = ?`).join(', ')} WHERE workspace_id = ? AND id = ?`,
    ),
    tags: handle.prepare(
      'INSERT OR IGNORE INTO tags (workspace_id, tag, label, public, created_at) VALUES (?, ?, ?, 0, ?)',
    ),
    contactTags: handle.prepare(
      'INSERT OR IGNORE INTO contact_tags (workspace_id, contact_id, tag) SELECT ?, value, ? FROM json_each(?)',
    ),
    // The same rows appendConsentRecords (src/consent) writes: an operator's grant. An async
    // call cannot run inside a synchronous better-sqlite3 transaction, hence the statement here.
    consent: handle.prepare(
      `INSERT INTO consent_log (workspace_id, contact_id, category, action, actor, source, reason, recorded_at)
       SELECT ?, value, ?, 'grant', 'operator', ?, NULL, ? FROM json_each(?)`,
    ),
    listMembers: handle.prepare(
      'INSERT OR IGNORE INTO list_members (workspace_id, list_id, contact_id, added_at) SELECT ?, ?, value, ? FROM json_each(?)',
    ),
  };
  statementsByHandle.set(handle, statements);
  return statements;
}

function lookupContacts(statements: Statements, input: ContactBatchInput): StoredContact[] {
  const identifiers = identifiersOf(input.patches);
  const found = new Map<number, StoredContact>();
  for (const key of identifierKeys) {
    if (identifiers[key].length === 0) continue;
    const rows = statements.lookup[key].all(
      input.workspaceId,
      JSON.stringify(identifiers[key]),
    ) as ContactRecordRow[];
    for (const row of rows) {
      const id = Number(row.id);
      if (!found.has(id)) found.set(id, fromColumns(row));
    }
  }
  return [...found.values()];
}

function executePlan(
  statements: Statements,
  input: ContactBatchInput,
  plan: ContactBatchPlan,
): void {
  const { workspaceId, options, listId } = input;
  for (const contact of plan.inserts) {
    const result = statements.insertContact.run(toColumnValues(workspaceId, contact.row));
    contact.row.id = Number(result.lastInsertRowid);
  }
  for (const contact of plan.updates) {
    const values = toColumnValues(workspaceId, contact.row).slice(1);
    statements.updateContact.run([...values, workspaceId, contact.row.id]);
  }
  for (const [tag, label] of plan.tagLabels) {
    statements.tags.run(workspaceId, tag, label, options.now);
  }
  const contactsByTag = new Map<string, PlannedContact[]>();
  for (const link of plan.tagLinks) {
    const tagged = contactsByTag.get(link.tag);
    if (tagged) tagged.push(link.contact);
    else contactsByTag.set(link.tag, [link.contact]);
  }
  for (const [tag, contacts] of contactsByTag) {
    statements.contactTags.run(workspaceId, tag, contactIdsJson(contacts));
  }
  if (plan.touched.length === 0) return;
  const touched = contactIdsJson(plan.touched);
  for (const category of options.consent) {
    statements.consent.run(workspaceId, category, options.source, options.now, touched);
  }
  if (listId !== undefined) {
    statements.listMembers.run(workspaceId, listId, options.now, touched);
  }
}

/** Plans and writes one batch in one IMMEDIATE transaction; returns the executed plan. */
export function writeContactBatchSqlite(
  handle: BetterSqlite3.Database,
  input: ContactBatchInput,
): ContactBatchPlan {
  const statements = prepare(handle);
  const run = handle.transaction(() => {
    const existing = lookupContacts(statements, input);
    const plan = planContactBatch({ patches: input.patches, existing, options: input.options });
    executePlan(statements, input, plan);
    return plan;
  });
  return run.immediate();
}
