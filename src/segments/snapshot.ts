import type { ContactColumn, ReservationColumn } from './core.js';
import type { ConsentState } from './schema.js';

/**
 * Everything the interpreter needs about one contact, as plain data shaped like the stored
 * rows (docs/architecture.md): folded `_key` columns, parsed `custom`/`custom_key` objects,
 * events with their `property_text`/`property_number` objects, instants as epoch ms and
 * calendar days as `YYYY-MM-DD`. Consent states are derived by the loader (src/consent).
 */

export type ContactRecord = { id: number } & { [C in ContactColumn]: string | number | null } & {
  custom: Readonly<Record<string, unknown>>;
  custom_key: Readonly<Record<string, unknown>>;
};

export interface EventRecord {
  type: string;
  occurred_at: number;
  property_text: Readonly<Record<string, unknown>>;
  property_number: Readonly<Record<string, unknown>>;
}

export type ReservationRecord = { [C in ReservationColumn]: string | number | null };

export interface ContactSnapshot {
  contact: ContactRecord;
  /** Folded tags. */
  tags: readonly string[];
  /** Keys of the lists the contact is a member of. */
  lists: readonly string[];
  events: readonly EventRecord[];
  reservations: readonly ReservationRecord[];
  /** State per consent category key at the evaluation instant; a missing key is `never_given`. */
  consent: Readonly<Record<string, ConsentState>>;
}
