import type { SiftMigration } from '../migrations.js';

const linkTables = [
  {
    table: 'contact_tags',
    columns: `workspace_id INTEGER NOT NULL,
      contact_id INTEGER NOT NULL,
      tag TEXT NOT NULL,
      PRIMARY KEY (workspace_id, contact_id, tag)`,
    copied: 'workspace_id, contact_id, tag',
    index: 'CREATE INDEX contact_tags_tag ON contact_tags (workspace_id, tag, contact_id)',
  },
  {
    table: 'list_members',
    columns: `workspace_id INTEGER NOT NULL,
      list_id INTEGER NOT NULL,
      contact_id INTEGER NOT NULL,
      added_at INTEGER NOT NULL,
      PRIMARY KEY (workspace_id, list_id, contact_id)`,
    copied: 'workspace_id, list_id, contact_id, added_at',
    index: 'CREATE INDEX list_members_contact ON list_members (workspace_id, contact_id)',
  },
];

/**
 * On SQLite, the link tables become WITHOUT ROWID tables: a rowid table with a composite
 * primary key is two B-trees (the rows, and the key's index), so every tag or list membership
 * was written twice, plus once more for the secondary index. Keyed by their primary key they
 * are one B-tree each, which a contacts import writes a million rows into (docs/benchmarks.md).
 * PostgreSQL tables have no rowid: nothing to do there.
 *
 * It also drops `contacts_country` (009) on SQLite: planning without statistics, SQLite takes any
 * index that starts with `workspace_id` over a plain scan and then reads every contact through
 * it (birthdays-next-week 29 → 91 ms); PostgreSQL keeps it.
 *
 * Kysely runs SQLite migrations outside a transaction; the savepoint makes the rebuild all or
 * nothing, and rerunning it after a crash before it was recorded is harmless.
 */
export const sqliteLinkTables: SiftMigration = {
  name: '010-sqlite-link-tables',
  statements: (_types, dialect) =>
    dialect === 'sqlite'
      ? [
          'SAVEPOINT link_tables',
          ...linkTables.flatMap(({ table, columns, copied, index }) => [
            `CREATE TABLE ${table}_rebuilt (${columns}) WITHOUT ROWID`,
            `INSERT INTO ${table}_rebuilt (${copied}) SELECT ${copied} FROM ${table}`,
            `DROP TABLE ${table}`,
            `ALTER TABLE ${table}_rebuilt RENAME TO ${table}`,
            index,
          ]),
          'DROP INDEX IF EXISTS contacts_country',
          'RELEASE link_tables',
        ]
      : [],
};
