import { addDays, isoInstant, startOfDay } from '../shared/time.js';
import type {
  BookingWindow,
  CategorisedConsentLogEntry,
  ConsentCategoryRule,
  ConsentDecision,
  ConsentLogEntry,
  ConsentState,
  ReservationWindowSource,
} from './consent-types.js';

/**
 * The consent rules of SPEC §3 as pure functions: the state is derived from the append-only log
 * (and, for time-bound categories, the contact's reservations) at an instant `now`; nothing here
 * reads a clock or a database. `consent-sql.ts` states the same rules in SQL, and a differential
 * property test holds the two together.
 */

export interface DeriveConsentStateInput {
  category: ConsentCategoryRule;
  /** The log of one contact and this category, in any order. */
  log: readonly ConsentLogEntry[];
  /** The contact's reservations (only read for time-bound categories). */
  reservations: readonly ReservationWindowSource[];
  now: number;
  /** The workspace's IANA time zone: a booking window ends at the start of the day after departure there. */
  timeZone: string;
}

/**
 * The end of a reservation's `booking_marketing` window: the start of the day after `departure`
 * in the workspace time zone (SPEC §3 rule 2). On a day that starts at 01:00 because of a DST jump
 * at midnight, that is 01:00; on a skipped day (Pacific/Apia, 2011-12-30) it is the next day's start.
 */
export function bookingWindowEnd(departure: string, timeZone: string): number {
  return startOfDay(addDays(departure, 1), timeZone);
}

/** Log order: `recorded_at`, then `id` (the insertion order) for entries recorded at the same instant. */
export function compareLogOrder(
  left: Pick<ConsentLogEntry, 'recordedAt' | 'id'>,
  right: Pick<ConsentLogEntry, 'recordedAt' | 'id'>,
): number {
  return left.recordedAt - right.recordedAt || left.id - right.id;
}

/** The entries in effect at `now` (none recorded later), in log order. */
export function entriesAt<T extends ConsentLogEntry>(log: readonly T[], now: number): T[] {
  return log.filter((entry) => entry.recordedAt <= now).sort(compareLogOrder);
}

/**
 * The contact's own withdrawal that still stands: the latest withdrawal by the contact with no
 * grant by the contact after it (SPEC §3 rule 3). Undefined when the contact is not locked out.
 * `ordered` must be in log order.
 */
export function standingContactWithdrawal<T extends ConsentLogEntry>(
  ordered: readonly T[],
): T | undefined {
  let standing: T | undefined;
  for (const entry of ordered) {
    if (entry.actor !== 'contact') continue;
    standing = entry.action === 'withdraw' ? entry : undefined;
  }
  return standing;
}

export function deriveConsentState(input: DeriveConsentStateInput): ConsentState {
  return deriveConsentDecision(input).state;
}

/** The state and what decided it (the entry or the window), for `explain` and `consent show`. */
export function deriveConsentDecision(input: DeriveConsentStateInput): ConsentDecision {
  const ordered = entriesAt(input.log, input.now);
  const lock = standingContactWithdrawal(ordered);
  if (lock) {
    return decision('withdrawn', 'contact_withdrawal', {
      entry: lock,
      because: `withdrawn by the contact at ${isoInstant(lock.recordedAt)}, not granted again by the contact since`,
    });
  }
  return input.category.timeBound ? decideTimeBound(ordered, input) : decideByLastEntry(ordered);
}

function decideByLastEntry(ordered: readonly ConsentLogEntry[]): ConsentDecision {
  const last = ordered.at(-1);
  if (!last) return decision('never_given', 'no_consent', { because: 'no consent recorded' });
  const state = last.action === 'grant' ? 'valid' : 'withdrawn';
  return decision(state, 'last_entry', {
    entry: last,
    because: `${last.action === 'grant' ? 'granted' : 'withdrawn'} by ${describeActor(last)} at ${isoInstant(last.recordedAt)}`,
  });
}

/**
 * SPEC §3 rule 2, in its order: withdrawn while a withdrawal stands; else valid inside a window;
 * else expired if the contact ever had a window; else never_given. Grants in the log other than
 * the contact's own do not matter here: a reservation is what grants a time-bound category.
 */
function decideTimeBound(
  ordered: readonly ConsentLogEntry[],
  input: DeriveConsentStateInput,
): ConsentDecision {
  const operatorWithdrawals = standingOperatorWithdrawals(ordered);
  const windows = bookingWindows(input.reservations, operatorWithdrawals, input);
  const lastWithdrawal = operatorWithdrawals.at(-1);
  if (lastWithdrawal && !windows.some((window) => window.start > lastWithdrawal.recordedAt)) {
    return decision('withdrawn', 'operator_withdrawal', {
      entry: lastWithdrawal,
      because: `withdrawn by an operator at ${isoInstant(lastWithdrawal.recordedAt)}, no reservation confirmed since`,
    });
  }
  const open = latestEnding(windows.filter((window) => isOpenAt(window, input.now)));
  if (open) {
    return decision('valid', 'inside_window', {
      window: open,
      because: `inside the window of ${describeWindow(open)}`,
    });
  }
  const last = latestEnding(windows);
  if (last) {
    return decision('expired', 'windows_closed', {
      window: last,
      because: `the last window closed (${describeWindow(last)})`,
    });
  }
  return decision('never_given', 'no_consent', { because: 'no reservation window' });
}

/**
 * Operator withdrawals that the contact has not overridden: those after the contact's last own
 * grant. A contact's own grant outranks an earlier operator withdrawal (decision in docs/consent.md).
 */
function standingOperatorWithdrawals(ordered: readonly ConsentLogEntry[]): ConsentLogEntry[] {
  let lastContactGrant = -1;
  ordered.forEach((entry, index) => {
    if (entry.actor === 'contact' && entry.action === 'grant') lastContactGrant = index;
  });
  return ordered
    .slice(lastContactGrant + 1)
    .filter((entry) => entry.actor === 'operator' && entry.action === 'withdraw');
}

/** The windows opened by `now`; an operator withdrawal at t closes those confirmed at or before t. */
function bookingWindows(
  reservations: readonly ReservationWindowSource[],
  operatorWithdrawals: readonly ConsentLogEntry[],
  input: Pick<DeriveConsentStateInput, 'now' | 'timeZone'>,
): BookingWindow[] {
  const windows: BookingWindow[] = [];
  for (const reservation of reservations) {
    const { confirmedAt, departure } = reservation;
    if (confirmedAt === null || departure === null || confirmedAt > input.now) continue;
    const closing = operatorWithdrawals.find((entry) => entry.recordedAt >= confirmedAt);
    windows.push({
      bookingId: reservation.bookingId,
      status: reservation.status,
      departure,
      start: confirmedAt,
      end: bookingWindowEnd(departure, input.timeZone),
      closedAt: closing ? closing.recordedAt : null,
    });
  }
  return windows;
}

function effectiveEnd(window: BookingWindow): number {
  return window.closedAt === null ? window.end : Math.min(window.end, window.closedAt);
}

function isOpenAt(window: BookingWindow, now: number): boolean {
  return window.start <= now && now < effectiveEnd(window);
}

function latestEnding(windows: readonly BookingWindow[]): BookingWindow | undefined {
  let latest: BookingWindow | undefined;
  for (const window of windows) {
    if (!latest || effectiveEnd(window) > effectiveEnd(latest)) latest = window;
  }
  return latest;
}

function describeWindow(window: BookingWindow): string {
  const name = window.bookingId === undefined ? 'a reservation' : `booking ${window.bookingId}`;
  const closed =
    window.closedAt !== null && window.closedAt < window.end
      ? `, closed by an operator withdrawal at ${isoInstant(window.closedAt)}`
      : '';
  return `${name} (${window.status}), ${isoInstant(window.start)} to ${isoInstant(window.end)}${closed}`;
}

function describeActor(entry: ConsentLogEntry): string {
  return entry.actor === 'contact'
    ? `the contact (${entry.source})`
    : `an operator (${entry.source})`;
}

function decision(
  state: ConsentState,
  rule: ConsentDecision['rule'],
  detail: { entry?: ConsentLogEntry; window?: BookingWindow; because: string },
): ConsentDecision {
  return {
    state,
    rule,
    entry: detail.entry ?? null,
    window: detail.window ?? null,
    because: detail.because,
  };
}

export interface DeriveContactConsentInput {
  categories: readonly ConsentCategoryRule[];
  /** The contact's whole log, every category, any order. */
  log: readonly CategorisedConsentLogEntry[];
  reservations: readonly ReservationWindowSource[];
  now: number;
  timeZone: string;
}

/** Every category's decision for one contact, keyed by category key. */
export function deriveContactConsentDecisions(
  input: DeriveContactConsentInput,
): Record<string, ConsentDecision> {
  const byCategory = new Map<string, CategorisedConsentLogEntry[]>();
  for (const entry of input.log) {
    const list = byCategory.get(entry.category) ?? [];
    list.push(entry);
    byCategory.set(entry.category, list);
  }
  const decisions: Record<string, ConsentDecision> = {};
  for (const category of input.categories) {
    decisions[category.key] = deriveConsentDecision({
      category,
      log: byCategory.get(category.key) ?? [],
      reservations: input.reservations,
      now: input.now,
      timeZone: input.timeZone,
    });
  }
  return decisions;
}

/** Every category's state for one contact, keyed by category key. */
export function deriveContactConsentStates(
  input: DeriveContactConsentInput,
): Record<string, ConsentState> {
  const decisions = deriveContactConsentDecisions(input);
  return Object.fromEntries(
    Object.entries(decisions).map(([key, decided]) => [key, decided.state]),
  );
}
