import type { Executor } from '../store/index.js';
import { type ConsentCategory, listConsentCategories } from './consent-categories.js';
import type { ConsentAction, ConsentActor, ConsentSource } from './consent-log.js';
import {
  compareLogOrder,
  deriveContactConsentDecisions,
  deriveContactConsentStates,
} from './consent-state.js';
import type {
  CategorisedConsentLogEntry,
  ConsentDecision,
  ConsentState,
  ReservationWindowSource,
} from './consent-types.js';

/** Reads what the consent rules need from the store; the rules themselves stay pure. */

interface LogRow {
  id: number;
  contact_id: number;
  category: string;
  action: string;
  actor: string;
  source: string;
  reason: string | null;
  recorded_at: number;
}

function toEntry(row: LogRow): CategorisedConsentLogEntry {
  return {
    id: Number(row.id),
    category: row.category,
    action: row.action as ConsentAction,
    actor: row.actor as ConsentActor,
    source: row.source as ConsentSource,
    reason: row.reason,
    recordedAt: Number(row.recorded_at),
  };
}

/** A contact's consent log (optionally some categories only), in log order: the audit trail. */
export async function readConsentLog(
  db: Executor,
  input: { workspaceId: number; contactId: number; categories?: readonly string[] },
): Promise<CategorisedConsentLogEntry[]> {
  let query = db
    .selectFrom('consent_log')
    .select(['id', 'contact_id', 'category', 'action', 'actor', 'source', 'reason', 'recorded_at'])
    .where('workspace_id', '=', input.workspaceId)
    .where('contact_id', '=', input.contactId);
  if (input.categories !== undefined) {
    if (input.categories.length === 0) return [];
    query = query.where('category', 'in', [...input.categories]);
  }
  const rows = await query.orderBy('recorded_at').orderBy('id').execute();
  return rows.map(toEntry);
}

interface ReservationRow {
  contact_id: number;
  booking_id: string;
  confirmed_at: number | null;
  departure: string | null;
  status: string;
}

function toWindowSource(row: ReservationRow): ReservationWindowSource {
  return {
    bookingId: row.booking_id,
    confirmedAt: row.confirmed_at === null ? null : Number(row.confirmed_at),
    departure: row.departure,
    status: row.status,
  };
}

/** The reservations of a contact as the time-bound rule reads them (every status). */
export async function readReservationWindowSources(
  db: Executor,
  input: { workspaceId: number; contactId: number },
): Promise<ReservationWindowSource[]> {
  const rows = await db
    .selectFrom('reservations')
    .select(['contact_id', 'booking_id', 'confirmed_at', 'departure', 'status'])
    .where('workspace_id', '=', input.workspaceId)
    .where('contact_id', '=', input.contactId)
    .orderBy('id')
    .execute();
  return rows.map(toWindowSource);
}

export interface ContactConsent {
  categories: ConsentCategory[];
  /** Each category's state at `now` and what decided it. */
  decisions: Record<string, ConsentDecision>;
  /** The whole log, in log order, including entries after `now`. */
  log: CategorisedConsentLogEntry[];
  reservations: ReservationWindowSource[];
}

/** Everything `consent show` and a contact page display: state per category, and the log. */
export async function readContactConsent(
  db: Executor,
  input: { workspaceId: number; timeZone: string; contactId: number; now: number },
): Promise<ContactConsent> {
  const categories = await listConsentCategories(db, input.workspaceId);
  const log = await readConsentLog(db, input);
  const reservations = await readReservationWindowSources(db, input);
  const decisions = deriveContactConsentDecisions({
    categories,
    log,
    reservations,
    now: input.now,
    timeZone: input.timeZone,
  });
  return { categories, decisions, log, reservations };
}

const chunkSize = 500;

/**
 * The state of every category for many contacts (all of the workspace when `contactIds` is
 * omitted), from the same pure rules: for in-memory evaluation and for checks against the SQL form.
 */
export async function readConsentStates(
  db: Executor,
  input: { workspaceId: number; timeZone: string; now: number; contactIds?: readonly number[] },
): Promise<Map<number, Record<string, ConsentState>>> {
  const categories = await listConsentCategories(db, input.workspaceId);
  const ids = input.contactIds ?? (await allContactIds(db, input.workspaceId));
  const states = new Map<number, Record<string, ConsentState>>();
  for (let start = 0; start < ids.length; start += chunkSize) {
    const chunk = ids.slice(start, start + chunkSize);
    const { logs, reservations } = await readChunk(db, input.workspaceId, chunk);
    for (const contactId of chunk) {
      states.set(
        contactId,
        deriveContactConsentStates({
          categories,
          log: logs.get(contactId) ?? [],
          reservations: reservations.get(contactId) ?? [],
          now: input.now,
          timeZone: input.timeZone,
        }),
      );
    }
  }
  return states;
}

async function allContactIds(db: Executor, workspaceId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('contacts')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .orderBy('id')
    .execute();
  return rows.map((row) => Number(row.id));
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key) ?? [];
    list.push(item);
    groups.set(key, list);
  }
  return groups;
}

async function readChunk(db: Executor, workspaceId: number, contactIds: readonly number[]) {
  if (contactIds.length === 0) return { logs: new Map(), reservations: new Map() };
  const logRows = await db
    .selectFrom('consent_log')
    .select(['id', 'contact_id', 'category', 'action', 'actor', 'source', 'reason', 'recorded_at'])
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', 'in', [...contactIds])
    .execute();
  const reservationRows = await db
    .selectFrom('reservations')
    .select(['contact_id', 'booking_id', 'confirmed_at', 'departure', 'status'])
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', 'in', [...contactIds])
    .execute();
  const logs = groupBy(logRows, (row) => Number(row.contact_id));
  const reservations = groupBy(reservationRows, (row) => Number(row.contact_id));
  return {
    logs: new Map([...logs].map(([id, rows]) => [id, rows.map(toEntry).sort(compareLogOrder)])),
    reservations: new Map([...reservations].map(([id, rows]) => [id, rows.map(toWindowSource)])),
  };
}
