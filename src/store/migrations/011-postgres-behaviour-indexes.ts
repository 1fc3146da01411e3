import type { SiftMigration } from '../migrations.js';

/**
 * PostgreSQL indexes that let segment queries read behaviour without the wide rows
 * (docs/segment-language.md, "Performance"). An `events` row carries three JSON columns
 * (~230 bytes); the questions below otherwise read every page of the table.
 *
 * - `events_property_text`: a GIN index over the folded event properties, so an equality or
 *   `in` filter on a property (`department = "Accessories"`, a message's campaign) is found
 *   from the index and ANDed with the type and time range before any row is read. It indexes
 *   any key, so it serves every property filter the language can write (`@>`, sql-dialects.ts).
 * - `events_type_time`: events of a type in a time window with their contact, read from the
 *   index alone; `events_type_contact` (001) has the contact before the time, so a window read
 *   through it visits every event of the type.
 * - `reservations_arrival` (009) now carries the status and the contact, so "confirmed guests
 *   arriving in the next N days" is answered from the index without the reservation rows.
 *   Status is one of a few words (bookings/booking-row.ts), so an entry stays small.
 * - `consent_log_category`: a category's log in contact and log order with the action and the
 *   actor, so the consent derivation (consent-sql.ts) reads the log from the index alone, for
 *   one contact or for a whole category.
 * - `consent_log_contact_withdrawals`: the contact's own withdrawals, the entries that lock a
 *   category (SPEC §3 rule 3). "No lock" is part of every `valid` test; without it the planner
 *   scans the whole log for the (usually few) such entries.
 * - `contacts_birthday`: the month and day of the birthdate, the expression the compiler writes
 *   for `anniversary_within_next` on it (`substr(birthdate, 6, 5)`, value-forms.ts), so
 *   "birthday in the next 7 days" reads a few index entries instead of every contact. The
 *   birthdate itself is included so that the count needs no row; it is a `YYYY-MM-DD` day.
 *
 * No JSON column is carried in a B-tree: an event's properties have no size limit and a
 * B-tree entry must stay under ~2.7 kB, so such an index could refuse an import.
 *
 * Not on SQLite: its planner has no statistics and takes a new index over a better one
 * (see 009), and it has no GIN.
 */
export const postgresBehaviourIndexes: SiftMigration = {
  name: '011-postgres-behaviour-indexes',
  statements: (_types, dialect) =>
    dialect === 'postgres'
      ? [
          'CREATE INDEX events_property_text ON events USING gin (property_text jsonb_path_ops)',
          'CREATE INDEX events_type_time ON events (workspace_id, type, occurred_at) INCLUDE (contact_id)',
          'DROP INDEX reservations_arrival',
          'CREATE INDEX reservations_arrival ON reservations (workspace_id, arrival) INCLUDE (status, contact_id)',
          `CREATE INDEX consent_log_category ON consent_log
            (workspace_id, category, contact_id, recorded_at, id) INCLUDE (action, actor)`,
          `CREATE INDEX consent_log_contact_withdrawals ON consent_log (workspace_id, category, contact_id)
            WHERE actor = 'contact' AND action = 'withdraw'`,
          `CREATE INDEX contacts_birthday ON contacts
            (workspace_id, substr(birthdate, 6, 5), id) INCLUDE (birthdate)`,
        ]
      : [],
};
