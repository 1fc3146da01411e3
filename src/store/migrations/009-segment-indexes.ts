import type { SiftMigration } from '../migrations.js';

/**
 * Indexes for two segment questions that otherwise read a whole wide table
 * (docs/segment-language.md, "Performance"):
 * - "arriving in the next N days" reads reservations by arrival day; without this index every
 *   count scans all reservations. PostgreSQL only: SQLite, planning without statistics, takes
 *   a range on this index over the `(workspace_id, contact_id)` equality for the per-contact
 *   EXISTS it compiles to, and scans the month's reservations once per contact (measured: a
 *   137 ms count that did not finish in minutes).
 * - country is the most common field filter; with the contact id in the index a country is
 *   counted (or joined with tags and events) from the index alone, not from the contacts table
 *   with its two JSON columns.
 * Each costs one more index entry per written row (a few per cent of an import).
 *
 * As released. `contacts_country` on SQLite turned out to slow SQLite down (its planner, without
 * statistics, reads every contact through it): migration 010 drops it there.
 */
export const segmentIndexes: SiftMigration = {
  name: '009-segment-indexes',
  statements: (_types, dialect) => [
    ...(dialect === 'postgres'
      ? ['CREATE INDEX reservations_arrival ON reservations (workspace_id, arrival)']
      : []),
    'CREATE INDEX contacts_country ON contacts (workspace_id, country_key, id)',
  ],
};
