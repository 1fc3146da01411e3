/**
 * The meaning of an upsert, as a pure function: given a batch of patches and the stored
 * contacts they may match, decide per row which contact it matches (email, then external_id,
 * then phone), what changes, what is created, and which rows are refused. Both writers (the
 * SQLite prepared-statement fast path and the Kysely path) execute the same plan, so the
 * rules live here once.
 */
import type { RowProblem } from '../shared/batch-import.js';
import { fold } from '../shared/fold.js';
import type { ContactPatch } from './contact-input.js';
import type { CustomValue, FieldCoercer } from './field-values.js';
import {
  type ContactSource,
  type IdentifierKey,
  identifierKeys,
  writableStandardKeys,
} from './standard-fields.js';

/** A contact as stored, with its JSON columns parsed; `_key` columns are derived on write. */
export interface StoredContact {
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
  source: string;
  custom: Record<string, CustomValue>;
  custom_key: Record<string, string | string[]>;
  created_at: number;
  updated_at: number;
}

export interface PlannedContact {
  /** 0 until a new contact is inserted. */
  row: StoredContact;
  isNew: boolean;
  changed: boolean;
}

export type PlanProblemCode = 'conflict' | 'missing_identifier' | 'missing_consent';

export interface PlanProblem extends RowProblem {
  code: PlanProblemCode;
}

export type PlannedRow =
  | { contact: PlannedContact; created: boolean; problem?: undefined }
  | { problem: PlanProblem; contact?: undefined };

export interface PlanOptions {
  /** The source of a contact created by this batch. */
  source: ContactSource;
  /** Categories granted to every contact of an accepted row; a new contact needs one. */
  consent: readonly string[];
  /** Tags added to every accepted row's contact, besides the row's own. */
  tags: readonly string[];
  now: number;
  coercers: ReadonlyMap<string, FieldCoercer>;
}

export interface ContactBatchPlan {
  rows: PlannedRow[];
  inserts: PlannedContact[];
  updates: PlannedContact[];
  /** Every contact of an accepted row, once, in first-seen order (consent, list membership). */
  touched: PlannedContact[];
  /** Folded tag → the label it gets if the tag is new. */
  tagLabels: Map<string, string>;
  tagLinks: Array<{ contact: PlannedContact; tag: string }>;
}

type Indexes = Record<IdentifierKey, Map<string, PlannedContact>>;

function indexContacts(existing: readonly StoredContact[]): Indexes {
  const indexes: Indexes = { email: new Map(), external_id: new Map(), phone: new Map() };
  for (const row of existing) {
    const contact: PlannedContact = { row, isNew: false, changed: false };
    for (const key of identifierKeys) {
      const value = row[key];
      if (value !== null) indexes[key].set(value, contact);
    }
  }
  return indexes;
}

function findMatch(patch: ContactPatch, indexes: Indexes): PlannedContact | undefined {
  for (const key of identifierKeys) {
    const value = patch.values[key];
    const found = value === undefined ? undefined : indexes[key].get(value);
    if (found) return found;
  }
  return undefined;
}

/** An identifier of the row that belongs to another contact than the one matched. */
function findConflict(
  patch: ContactPatch,
  matched: PlannedContact,
  indexes: Indexes,
): PlanProblem | undefined {
  const matchedBy = identifierKeys.find(
    (key) => patch.values[key] !== undefined && indexes[key].get(patch.values[key]!) === matched,
  );
  for (const key of identifierKeys) {
    const value = patch.values[key];
    const owner = value === undefined ? undefined : indexes[key].get(value);
    if (owner && owner !== matched) {
      const other = owner.isNew
        ? 'a contact created earlier in this batch'
        : `contact ${owner.row.id}`;
      const mine = matched.isNew
        ? 'a contact created earlier in this batch'
        : `contact ${matched.row.id}`;
      return {
        code: 'conflict',
        path: key,
        reason: `${key} "${value}" belongs to ${other}, but the row's ${matchedBy} matches ${mine}`,
      };
    }
  }
  return undefined;
}

function sameValue(a: CustomValue | undefined, b: CustomValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => item === b[index]);
  }
  return a === b;
}

/** Applies non-empty values; returns whether anything stored changed. */
function applyPatch(row: StoredContact, patch: ContactPatch, options: PlanOptions): boolean {
  let changed = false;
  for (const key of writableStandardKeys) {
    const value = patch.values[key];
    if (value !== undefined && row[key] !== value) {
      row[key] = value;
      changed = true;
    }
  }
  for (const [key, value] of Object.entries(patch.custom)) {
    if (sameValue(row.custom[key], value)) continue;
    row.custom[key] = value;
    const folded = options.coercers.get(key)?.keyOf(value);
    if (folded === undefined) delete row.custom_key[key];
    else row.custom_key[key] = folded;
    changed = true;
  }
  return changed;
}

function newContact(options: PlanOptions): StoredContact {
  return {
    id: 0,
    email: null,
    phone: null,
    external_id: null,
    first_name: null,
    last_name: null,
    language: null,
    country: null,
    city: null,
    gender: null,
    birthdate: null,
    source: options.source,
    custom: {},
    custom_key: {},
    created_at: options.now,
    updated_at: options.now,
  };
}

class Planner {
  readonly plan: ContactBatchPlan = {
    rows: [],
    inserts: [],
    updates: [],
    touched: [],
    tagLabels: new Map(),
    tagLinks: [],
  };
  private readonly indexes: Indexes;
  private readonly touched = new Set<PlannedContact>();
  private readonly linkedTags = new Map<PlannedContact, Set<string>>();
  private readonly extraTags: string[];

  constructor(
    existing: readonly StoredContact[],
    private readonly options: PlanOptions,
  ) {
    this.indexes = indexContacts(existing);
    this.extraTags = options.tags.map((tag) => tag.trim()).filter((tag) => tag !== '');
  }

  add(patch: ContactPatch): void {
    const matched = findMatch(patch, this.indexes);
    const refused = matched ? findConflict(patch, matched, this.indexes) : this.refuseNew(patch);
    if (refused) {
      this.plan.rows.push({ problem: refused });
      return;
    }
    const contact = matched ?? this.create();
    const before = identifierKeys.map((key) => contact.row[key]);
    if (applyPatch(contact.row, patch, this.options) && !contact.isNew) {
      contact.row.updated_at = this.options.now;
      if (!contact.changed) this.plan.updates.push(contact);
      contact.changed = true;
    }
    this.reindex(contact, before);
    this.link(contact, [...patch.tags, ...this.extraTags]);
    if (!this.touched.has(contact)) {
      this.touched.add(contact);
      this.plan.touched.push(contact);
    }
    this.plan.rows.push({ contact, created: matched === undefined });
  }

  private refuseNew(patch: ContactPatch): PlanProblem | undefined {
    if (identifierKeys.every((key) => patch.values[key] === undefined)) {
      return {
        code: 'missing_identifier',
        reason: 'a contact needs an email, phone or external_id',
      };
    }
    if (this.options.consent.length === 0) {
      return {
        code: 'missing_consent',
        path: 'consent',
        reason: 'a new contact needs at least one consent category (missing consent)',
      };
    }
    return undefined;
  }

  private create(): PlannedContact {
    const contact: PlannedContact = { row: newContact(this.options), isNew: true, changed: true };
    this.plan.inserts.push(contact);
    return contact;
  }

  private reindex(contact: PlannedContact, before: Array<string | null>): void {
    identifierKeys.forEach((key, index) => {
      const old = before[index];
      const now = contact.row[key];
      if (old === now) return;
      if (old != null && this.indexes[key].get(old) === contact) this.indexes[key].delete(old);
      if (now !== null) this.indexes[key].set(now, contact);
    });
  }

  private link(contact: PlannedContact, tags: readonly string[]): void {
    let linked = this.linkedTags.get(contact);
    for (const label of tags) {
      const tag = fold(label);
      if (tag === '') continue;
      if (!this.plan.tagLabels.has(tag)) this.plan.tagLabels.set(tag, label.trim());
      if (linked === undefined) {
        linked = new Set();
        this.linkedTags.set(contact, linked);
      }
      if (linked.has(tag)) continue;
      linked.add(tag);
      this.plan.tagLinks.push({ contact, tag });
    }
  }
}

export function planContactBatch(input: {
  patches: readonly ContactPatch[];
  existing: readonly StoredContact[];
  options: PlanOptions;
}): ContactBatchPlan {
  const planner = new Planner(input.existing, input.options);
  for (const patch of input.patches) planner.add(patch);
  return planner.plan;
}

/** The identifier values a batch may match, to look the stored contacts up in one go. */
export function identifiersOf(patches: readonly ContactPatch[]): Record<IdentifierKey, string[]> {
  const sets: Record<IdentifierKey, Set<string>> = {
    email: new Set(),
    external_id: new Set(),
    phone: new Set(),
  };
  for (const patch of patches) {
    for (const key of identifierKeys) {
      const value = patch.values[key];
      if (value !== undefined) sets[key].add(value);
    }
  }
  return { email: [...sets.email], external_id: [...sets.external_id], phone: [...sets.phone] };
}
