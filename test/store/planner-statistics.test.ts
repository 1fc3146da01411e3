import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  minimumRowsForRefresh,
  openStore,
  refreshPlannerStatistics,
  type Store,
} from '../../src/store/index.js';
import { createTestDatabase, isPostgresAvailable, type TestDatabase } from '../support/stores.js';

/**
 * After a large import on PostgreSQL the written tables are vacuumed and analysed at once
 * (store/maintenance.ts): the planner then knows their size, and index-only scans find the pages
 * marked all-visible. Small imports, relative to what the table held, are left to autovacuum.
 */
const postgres = await isPostgresAvailable();

describe.skipIf(!postgres)('planner statistics after imports [postgres]', () => {
  let database: TestDatabase;
  let store: Store;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    store = await openStore(database.url);
  });

  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  async function insertEvents(count: number): Promise<void> {
    await sql`INSERT INTO events (workspace_id, contact_id, type, occurred_at, properties,
        property_text, property_number, received_at)
      SELECT 1, n, 'purchase', n, '{}', '{}', '{}', 0 FROM generate_series(1, ${count}) AS n`.execute(
      store.db,
    );
  }

  async function eventsTable(): Promise<{ tuples: number; allVisible: number }> {
    const result = await sql<{ tuples: number; all_visible: number }>`SELECT reltuples AS tuples,
      relallvisible AS all_visible FROM pg_class WHERE oid = to_regclass('events')`.execute(
      store.db,
    );
    const row = result.rows[0]!;
    return { tuples: Number(row.tuples), allVisible: Number(row.all_visible) };
  }

  it('analyses and vacuums a table after a large import, not after a small one', async () => {
    await insertEvents(12_000);
    const before = await eventsTable();
    expect(before.allVisible).toBe(0);
    await refreshPlannerStatistics(store, { tables: ['events'], rowsWritten: 12_000 });
    const after = await eventsTable();
    expect(after.tuples).toBe(12_000);
    expect(after.allVisible).toBeGreaterThan(0);

    // Then an import small next to the table is left to autovacuum.
    await insertEvents(minimumRowsForRefresh);
    await refreshPlannerStatistics(store, {
      tables: ['events'],
      rowsWritten: minimumRowsForRefresh,
    });
    expect((await eventsTable()).tuples).toBe(12_000);
    await refreshPlannerStatistics(store, { tables: ['events'], rowsWritten: 1_300 });
    expect((await eventsTable()).tuples).toBe(12_000 + minimumRowsForRefresh);
  });
});
