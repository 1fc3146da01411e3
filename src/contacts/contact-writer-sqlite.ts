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
 * Inserts many small rows with one statement per 100 rows: for rows of a few columns the
 * per-statement cost dominates, and this halves it. Values come flat (row after row), so a
 * batch of a million rows allocates no array per row.
 */
class RowInserter {
  private static readonly groupSize = 100;
  private readonly group: BetterSqlite3.Statement;
  private readonly single: BetterSqlite3.Statement;
  private readonly width: number;

  constructor(handle: BetterSqlite3.Database, prefix: string, tuple: string) {
    const tuples = Array.from({ length: RowInserter.groupSize }, () => tuple).join(', ');
    this.group = handle.prepare(`${prefix} VALUES ${tuples}`);
    this.single = handle.prepare(`${prefix} VALUES ${tuple}`);
    this.width = (tuple.match(/\?/g) ?? []).length;
  }

  /** `values`: the rows' parameters one row after the other. */
  run(values: readonly unknown[]): void {
    const groupLength = RowInserter.groupSize * this.width;
    let start = 0;
    for (; start + groupLength <= values.length; start += groupLength) {
      this.group.run(values.slice(start, start + groupLength));
    }
    for (; start < values.length; start += this.width) {
      this.single.run(values.slice(start, start + this.width));
    }
  }
}

interface Statements {
  lookup: Record<(typeof identifierKeys)[number], BetterSqlite3.Statement>;
  insertContact: BetterSqlite3.Statement;
  updateContact: BetterSqlite3.Statement;
  tags: RowInserter;
  contactTags: RowInserter;
  consent: RowInserter;
  listMembers: RowInserter;
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
    tags: new RowInserter(
      handle,
      'INSERT OR IGNORE INTO tags (workspace_id, tag, label, public, created_at)',
      '(?, ?, ?, 0, ?)',
    ),
    contactTags: new RowInserter(
      handle,
      'INSERT OR IGNORE INTO contact_tags (workspace_id, contact_id, tag)',
      '(?, ?, ?)',
    ),
    // The same rows appendConsentRecords (src/consent) writes: an operator's grant. An async
    // call cannot run inside a synchronous better-sqlite3 transaction, hence the statement here.
    consent: new RowInserter(
      handle,
      'INSERT INTO consent_log (workspace_id, contact_id, category, action, actor, source, reason, recorded_at)',
      "(?, ?, ?, 'grant', 'operator', ?, NULL, ?)",
    ),
    listMembers: new RowInserter(
      handle,
      'INSERT OR IGNORE INTO list_members (workspace_id, list_id, contact_id, added_at)',
      '(?, ?, ?, ?)',
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
  const tagValues: unknown[] = [];
  for (const [tag, label] of plan.tagLabels) tagValues.push(workspaceId, tag, label, options.now);
  statements.tags.run(tagValues);
  const linkValues: unknown[] = [];
  for (const link of plan.tagLinks) linkValues.push(workspaceId, link.contact.row.id, link.tag);
  statements.contactTags.run(linkValues);
  const consentValues: unknown[] = [];
  for (const contact of plan.touched) {
    for (const category of options.consent) {
      consentValues.push(workspaceId, contact.row.id, category, options.source, options.now);
    }
  }
  statements.consent.run(consentValues);
  if (listId !== undefined) {
    const memberValues: unknown[] = [];
    for (const contact of plan.touched) {
      memberValues.push(workspaceId, listId, contact.row.id, options.now);
    }
    statements.listMembers.run(memberValues);
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
