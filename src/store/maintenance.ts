import { sql } from 'kysely';
import type { Store } from './database.js';

/** The tables that bulk imports fill. */
export type ImportedTable =
  | 'contacts'
  | 'contact_tags'
  | 'list_members'
  | 'consent_log'
  | 'events'
  | 'reservations';

/** Below this many written rows an import leaves the statistics to autovacuum. */
export const minimumRowsForRefresh = 1000;

/**
 * After a bulk import on PostgreSQL: `VACUUM (ANALYZE)` the tables it wrote when the rows
 * written are at least 10% of what the planner believes the table holds, the rule autovacuum
 * uses, applied at once instead of up to a minute later (or never, where autovacuum is off).
 *
 * - ANALYZE: without fresh statistics the planner misjudges every segment query after a first
 *   load (it sees an empty table) and picks nested loops over millions of rows.
 * - VACUUM: a freshly written page is not marked all-visible, so index-only scans (the event
 *   and consent probes of segment queries) go to the heap for every row until it is.
 *
 * Both cost little next to the import: VACUUM skips pages already all-visible and ANALYZE reads
 * a fixed-size sample (2,000,000 events: about 2.5 s after a 160 s import). SQLite needs
 * neither: it has no visibility map, and its planner works without statistics.
 */
export async function refreshPlannerStatistics(
  store: Store,
  input: { tables: readonly ImportedTable[]; rowsWritten: number },
): Promise<void> {
  if (store.dialect !== 'postgres' || input.rowsWritten < minimumRowsForRefresh) return;
  const result = await sql<{ table: string; tuples: number }>`
    SELECT relname AS table, reltuples AS tuples FROM pg_class
    WHERE oid = ANY (ARRAY[${sql.join(input.tables.map((table) => sql`to_regclass(${table})`))}])`.execute(
    store.db,
  );
  const believed = new Map(result.rows.map((row) => [row.table, Number(row.tuples)]));
  const stale = input.tables.filter(
    (table) => input.rowsWritten >= 0.1 * Math.max(believed.get(table) ?? 0, 0),
  );
  if (stale.length === 0) return;
  // Table names come from the fixed union above, never from input.
  await sql.raw(`VACUUM (ANALYZE) ${stale.join(', ')}`).execute(store.db);
}
