import type { ConsentAction, ConsentActor, ConsentSource } from './consent-log.js';

/** The four states of SPEC §3; the segment language's `consent` node accepts each of them. */
export const consentStates = ['valid', 'withdrawn', 'never_given', 'expired'] as const;
export type ConsentState = (typeof consentStates)[number];

export const consentCategoryKinds = ['marketing', 'service'] as const;
export type ConsentCategoryKind = (typeof consentCategoryKinds)[number];

/** What the rules need to know about a category. */
export interface ConsentCategoryRule {
  key: string;
  kind: ConsentCategoryKind;
  /** Time-bound categories (`booking_marketing`) are valid only inside reservation windows. */
  timeBound: boolean;
}

/** One consent log row of one contact and one category, as the rules read it. */
export interface ConsentLogEntry {
  id: number;
  action: ConsentAction;
  actor: ConsentActor;
  source: ConsentSource;
  reason: string | null;
  recordedAt: number;
}

/** A consent log row with its category, for derivations over all categories of a contact. */
export interface CategorisedConsentLogEntry extends ConsentLogEntry {
  category: string;
}

/** The part of a reservation that opens a `booking_marketing` window (SPEC §3 rule 2). */
export interface ReservationWindowSource {
  bookingId?: string;
  /** Instant (epoch ms) the booking was confirmed; a reservation without it opens no window. */
  confirmedAt: number | null;
  /** Calendar day `YYYY-MM-DD`; a reservation without it opens no window. */
  departure: string | null;
  /** `confirmed` or `cancelled`: both open a window, a cancellation does not rescind consent. */
  status: string;
}

/** A reservation's window: [start, end), and where an operator's withdrawal closed it early. */
export interface BookingWindow {
  bookingId: string | undefined;
  status: string;
  departure: string;
  start: number;
  /** Start of the day after departure in the workspace time zone. */
  end: number;
  /** The instant of the operator withdrawal that closed this window, if one did. */
  closedAt: number | null;
}

/** Which rule decided a state, with the log entry or window that made it so (for `explain`). */
export type ConsentRule =
  | 'contact_withdrawal'
  | 'operator_withdrawal'
  | 'last_entry'
  | 'inside_window'
  | 'windows_closed'
  | 'no_consent';

export interface ConsentDecision {
  state: ConsentState;
  rule: ConsentRule;
  /** The log entry that decided, for the withdrawal and last-entry rules. */
  entry: ConsentLogEntry | null;
  /** The window that decided, for the window rules. */
  window: BookingWindow | null;
  /** A sentence a marketer can read. */
  because: string;
}
