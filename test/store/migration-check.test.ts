import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { allMigrations } from '../../src/store/migrations/index.js';
import { migrateToLatest, type SiftMigration } from '../../src/store/migrations.js';
import type { Database } from '../../src/store/schema.js';
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

describe('010-sqlite-link-tables', () => {
  it('rebuilds the SQLite link tables keyed by their primary key, keeping every row, and drops contacts_country', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sift-migration-'));
    const handle = new BetterSqlite3(join(directory, 'sift.db'));
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: handle }) });
    try {
      const upTo009 = allMigrations.filter((migration) => migration.name < '010');
      await migrateToLatest(db, 'sqlite', upTo009);
      handle.exec(`
        INSERT INTO workspaces (id, key, name, time_zone, secret, created_at) VALUES (1, 'w', 'W', 'UTC', 's', 0);
        INSERT INTO lists (workspace_id, id, key, name, source, created_at) VALUES (1, 5, 'l', 'L', 'imported', 0);
        INSERT INTO contact_tags (workspace_id, contact_id, tag) VALUES (1, 10, 'vip'), (1, 11, 'vip'), (1, 10, 'new');
        INSERT INTO list_members (workspace_id, list_id, contact_id, added_at) VALUES (1, 5, 10, 7), (1, 5, 12, 8);
      `);
      await migrateToLatest(db, 'sqlite', allMigrations);
      expect(handle.prepare('SELECT * FROM contact_tags ORDER BY contact_id, tag').all()).toEqual([
        { workspace_id: 1, contact_id: 10, tag: 'new' },
        { workspace_id: 1, contact_id: 10, tag: 'vip' },
        { workspace_id: 1, contact_id: 11, tag: 'vip' },
      ]);
      expect(handle.prepare('SELECT * FROM list_members ORDER BY contact_id').all()).toEqual([
        { workspace_id: 1, list_id: 5, contact_id: 10, added_at: 7 },
        { workspace_id: 1, list_id: 5, contact_id: 12, added_at: 8 },
      ]);
      // WITHOUT ROWID tables have no rowid column; the key still refuses duplicates.
      expect(() => handle.prepare('SELECT rowid FROM contact_tags').all()).toThrow(/rowid/);
      expect(() =>
        handle.exec(
          "INSERT INTO contact_tags (workspace_id, contact_id, tag) VALUES (1, 10, 'vip')",
        ),
      ).toThrow(/UNIQUE/);
      const indexes = handle
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name",
        )
        .all()
        .map((row) => (row as { name: string }).name);
      expect(indexes).toEqual(expect.arrayContaining(['contact_tags_tag', 'list_members_contact']));
      // 009 created it on SQLite as released; 010 drops it there.
      expect(indexes).not.toContain('contacts_country');
    } finally {
      await db.destroy();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
