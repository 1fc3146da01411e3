import type { SiftMigration } from '../migrations.js';

/**
 * Indexes for two segment questions that otherwise read a whole wide table, on PostgreSQL
 * (docs/segment-language.md, "Performance"):
 * - "arriving in the next N days" reads reservations by arrival day; without this index every
 *   count scans all reservations.
 * - country is the most common field filter; with the contact id in the index a country is
 *   counted (or joined with tags and events) from the index alone, not from the contacts table
 *   with its two JSON columns.
 * Each costs one more index entry per written row (a few per cent of an import).
 *
 * Not on SQLite: planning without statistics, it takes any index that starts with
 * `workspace_id` over a plain scan, then reads every row through it (birthdays-next-week
 * 29 → 91 ms), and it took the arrival range over `(workspace_id, contact_id)` for the
 * per-contact EXISTS (arriving-next-month: 137 ms → not done in minutes).
 */
export const segmentIndexes: SiftMigration = {
  name: '009-segment-indexes',
  statements: (_types, dialect) =>
    dialect === 'postgres'
      ? [
          'CREATE INDEX reservations_arrival ON reservations (workspace_id, arrival)',
          'CREATE INDEX contacts_country ON contacts (workspace_id, country_key, id)',
        ]
      : [],
};
