import type { SiftMigration } from '../migrations.js';

/**
 * Website forms (public endpoint `POST /f/{form}`) and the texts a workspace gives its
 * preference center per language. Both are keyed by workspace first (Citus, SPEC §6); a form is
 * found from its public path by workspace key and form key, so no global unique index is needed.
 */
export const forms: SiftMigration = {
  name: '008-forms',
  statements: (t) => [
    `CREATE TABLE forms (
      workspace_id ${t.bigint} NOT NULL REFERENCES workspaces (id),
      key TEXT NOT NULL,
      name TEXT NOT NULL,
      list_key TEXT NOT NULL,
      consent ${t.json} NOT NULL,
      fields ${t.json} NOT NULL,
      redirect_url TEXT,
      created_at ${t.bigint} NOT NULL,
      updated_at ${t.bigint} NOT NULL,
      PRIMARY KEY (workspace_id, key)
    )`,
    `CREATE TABLE preference_texts (
      workspace_id ${t.bigint} NOT NULL REFERENCES workspaces (id),
      language TEXT NOT NULL,
      texts ${t.json} NOT NULL,
      updated_at ${t.bigint} NOT NULL,
      PRIMARY KEY (workspace_id, language)
    )`,
  ],
};
