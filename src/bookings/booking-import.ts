import type { Readable } from 'node:stream';
import { type UpsertResult, upsertContacts } from '../contacts/index.js';
import {
  type BatchResult,
  emptyBatchResult,
  type ImportProgressUpdate,
  type ImportSummary,
  runBatchImport,
} from '../shared/batch-import.js';
import { type Executor, refreshPlannerStatistics, type Store } from '../store/index.js';
import { bookingItems } from './booking-csv.js';
import type { BookingInput } from './booking-row.js';
import { mergeBooking, type Reservation, type ReservationFields } from './reservation-merge.js';
import { findReservationsByBookingIds, saveReservations } from './reservation-repository.js';

/** The consent a booking gives (SPEC §3 rule 1). */
export const bookingConsentCategory = 'booking_marketing';

/** Bookings per transaction. */
export const defaultBookingBatchSize = 1000;

interface BatchRow {
  line: number;
  value: BookingInput;
}

function bookerOf(booking: BookingInput): Record<string, string | null> {
  return {
    email: booking.email,
    phone: booking.phone,
    first_name: booking.firstName,
    last_name: booking.lastName,
  };
}

interface UpsertBookersInput {
  db: Executor;
  workspaceId: number;
  now: number;
  rows: readonly BatchRow[];
  consent: readonly string[];
}

async function upsertBookers(input: UpsertBookersInput): Promise<UpsertResult[]> {
  if (input.rows.length === 0) return [];
  return upsertContacts(input.db, {
    workspaceId: input.workspaceId,
    now: input.now,
    source: 'booking',
    consent: input.consent,
    contacts: input.rows.map((row) => bookerOf(row.value)),
  });
}

/**
 * Creates or updates each row's booker through the contacts module (source `booking`, matched
 * by email, then phone). `booking_marketing` is granted for new bookings only, so re-importing
 * a file adds nothing to the consent log; a booker created by a known booking (its email
 * changed) also gets it, since every new contact needs a category (SPEC §3 rule 1).
 */
async function upsertBatchBookers(
  input: Omit<UpsertBookersInput, 'consent'> & { known: ReadonlyMap<string, Reservation> },
): Promise<UpsertResult[]> {
  const { rows, known, ...context } = input;
  const results: UpsertResult[] = new Array(rows.length);
  const grant = [bookingConsentCategory];
  const isNew = rows.map((row) => !known.has(row.value.bookingId));
  const pick = (wanted: boolean) =>
    rows.flatMap((_, index) => (isNew[index] === wanted ? [index] : []));
  const assign = async (indexes: number[], consent: readonly string[]): Promise<number[]> => {
    const upserted = await upsertBookers({
      ...context,
      rows: indexes.map((index) => rows[index]!),
      consent,
    });
    const needConsent: number[] = [];
    upserted.forEach((result, position) => {
      const index = indexes[position]!;
      const missingConsent =
        !result.ok && result.problems.some((problem) => problem.code === 'missing_consent');
      if (missingConsent && consent.length === 0) needConsent.push(index);
      else results[index] = result;
    });
    return needConsent;
  };
  // New bookings first: the contacts they create are then found by later rows.
  await assign(pick(true), grant);
  const withoutContact = await assign(pick(false), []);
  await assign(withoutContact, grant);
  return results;
}

interface WriteBookingBatchInput {
  db: Executor;
  workspaceId: number;
  now: number;
  rows: readonly BatchRow[];
}

/** One batch, inside the caller's transaction. Rows are applied in file order. */
export async function writeBookingBatch(input: WriteBookingBatchInput): Promise<BatchResult> {
  const result = emptyBatchResult();
  const known = await findReservationsByBookingIds(input.db, {
    workspaceId: input.workspaceId,
    bookingIds: input.rows.map((row) => row.value.bookingId),
  });
  const bookers = await upsertBatchBookers({ ...input, known });
  const state = new Map<string, ReservationFields>(known);
  const changed = new Map<string, ReservationFields>();
  input.rows.forEach((row, index) => {
    const booker = bookers[index]!;
    if (!booker.ok) {
      const reason = booker.problems.map((problem) => problem.message).join('; ');
      const path = booker.problems[0]?.path;
      result.rejected.push({ line: row.line, reason, ...(path ? { path } : {}) });
      return;
    }
    const merged = mergeBooking({
      existing: state.get(row.value.bookingId),
      booking: row.value,
      contactId: booker.id,
      now: input.now,
    });
    state.set(row.value.bookingId, merged.fields);
    if (merged.change === 'unchanged') result.skipped += 1;
    else {
      result[merged.change] += 1;
      changed.set(row.value.bookingId, merged.fields);
    }
  });
  await saveReservations(input.db, {
    workspaceId: input.workspaceId,
    reservations: [...changed.values()],
    now: input.now,
  });
  return result;
}

export interface ImportBookingsInput {
  store: Store;
  /** The workspace: its id, and its time zone for `confirmed_at` given as a bare date. */
  workspace: { id: number; timeZone: string };
  /** The CSV bytes, read as a stream. */
  input: Readable;
  /** The write instant (`--now`): contacts' dates, consent log, confirmations without confirmed_at. */
  now: number;
  batchSize?: number;
  onProgress?: (update: ImportProgressUpdate) => void;
}

/** `sift import bookings FILE`: bad rows are reported by line and skipped, good rows kept. */
export async function importBookings(input: ImportBookingsInput): Promise<ImportSummary> {
  const summary = await runBatchImport({
    rows: bookingItems(input.input, { timeZone: input.workspace.timeZone }),
    batchSize: input.batchSize ?? defaultBookingBatchSize,
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
    writeBatch: (batch) =>
      input.store.db
        .transaction()
        .execute((db) =>
          writeBookingBatch({ db, workspaceId: input.workspace.id, now: input.now, rows: batch }),
        ),
  });
  // Segment queries need fresh planner statistics after a large import (store/maintenance.ts).
  await refreshPlannerStatistics(input.store, {
    tables: ['reservations', 'contacts', 'consent_log'],
    rowsWritten: summary.created + summary.updated,
  });
  return summary;
}
