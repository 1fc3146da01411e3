import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { allMigrations } from '../../src/store/migrations/index.js';
import { migrateToLatest, type SiftMigration } from '../../src/store/migrations.js';
import { describeEachStore } from '../support/stores.js';

/**
 * Opening a store whose migrations are all applied skips Kysely's migrator (one query instead of
 * catalog introspection and a lock); anything else must still reach the migrator.
 */
describeEachStore('migration check on open', (context) => {
  const probe: SiftMigration = {
    name: '999-probe',
    statements: () => ['CREATE TABLE migration_probe (id INTEGER PRIMARY KEY)'],
  };

  it('applies a pending migration, then refuses to run a version that does not know it', async () => {
    const { store } = context();
    await migrateToLatest(store.db, store.dialect, [...allMigrations, probe]);
    const rows = await sql<{ n: number }>`SELECT count(*) AS n FROM migration_probe`.execute(
      store.db,
    );
    expect(Number(rows.rows[0]!.n)).toBe(0);
    await expect(migrateToLatest(store.db, store.dialect, allMigrations)).rejects.toThrow(
      /999-probe/,
    );
    await expect(
      migrateToLatest(store.db, store.dialect, [...allMigrations, probe]),
    ).resolves.toBeUndefined();
  });
});
