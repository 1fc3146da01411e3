import type { SiftMigration } from '../migrations.js';

export const initial: SiftMigration = {
  name: '001-initial',
  statements: (t) => [
    `CREATE TABLE workspaces (
      id ${t.bigint} PRIMARY KEY,
      key TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      time_zone TEXT NOT NULL,
      secret TEXT NOT NULL,
      created_at ${t.bigint} NOT NULL
    )`,
    `CREATE TABLE api_keys (
      workspace_id ${t.bigint} NOT NULL REFERENCES workspaces (id),
      ${t.identity},
      name TEXT NOT NULL,
      prefix TEXT NOT NULL,
      key_hash TEXT NOT NULL UNIQUE,
      created_at ${t.bigint} NOT NULL
      ${t.identityKey}
    )`,
    `CREATE TABLE fields (
      workspace_id ${t.bigint} NOT NULL REFERENCES workspaces (id),
      key TEXT NOT NULL,
      label TEXT NOT NULL,
      type TEXT NOT NULL,
      options ${t.json},
      created_at ${t.bigint} NOT NULL,
      PRIMARY KEY (workspace_id, key)
    )`,
    `CREATE TABLE contacts (
      workspace_id ${t.bigint} NOT NULL REFERENCES workspaces (id),
      ${t.identity},
      email TEXT,
      phone TEXT,
      external_id TEXT,
      external_id_key TEXT,
      first_name TEXT,
      first_name_key TEXT,
      last_name TEXT,
      last_name_key TEXT,
      language TEXT,
      language_key TEXT,
      country TEXT,
      country_key TEXT,
      city TEXT,
      city_key TEXT,
      gender TEXT,
      gender_key TEXT,
      birthdate TEXT,
      source TEXT NOT NULL,
      custom ${t.json} NOT NULL,
      custom_key ${t.json} NOT NULL,
      created_at ${t.bigint} NOT NULL,
      updated_at ${t.bigint} NOT NULL
      ${t.identityKey}
    )`,
    'CREATE UNIQUE INDEX contacts_email ON contacts (workspace_id, email)',
    'CREATE UNIQUE INDEX contacts_phone ON contacts (workspace_id, phone)',
    'CREATE UNIQUE INDEX contacts_external_id ON contacts (workspace_id, external_id)',
    `CREATE TABLE tags (
      workspace_id ${t.bigint} NOT NULL REFERENCES workspaces (id),
      tag TEXT NOT NULL,
      label TEXT NOT NULL,
      public SMALLINT NOT NULL DEFAULT 0,
      created_at ${t.bigint} NOT NULL,
      PRIMARY KEY (workspace_id, tag)
    )`,
    `CREATE TABLE contact_tags (
      workspace_id ${t.bigint} NOT NULL,
      contact_id ${t.bigint} NOT NULL,
      tag TEXT NOT NULL,
      PRIMARY KEY (workspace_id, contact_id, tag)
    )`,
    'CREATE INDEX contact_tags_tag ON contact_tags (workspace_id, tag, contact_id)',
    `CREATE TABLE lists (
      workspace_id ${t.bigint} NOT NULL REFERENCES workspaces (id),
      ${t.identity},
      key TEXT NOT NULL,
      name TEXT NOT NULL,
      source TEXT NOT NULL,
      created_at ${t.bigint} NOT NULL
      ${t.identityKey}
    )`,
    'CREATE UNIQUE INDEX lists_key ON lists (workspace_id, key)',
    `CREATE TABLE list_members (
      workspace_id ${t.bigint} NOT NULL,
      list_id ${t.bigint} NOT NULL,
      contact_id ${t.bigint} NOT NULL,
      added_at ${t.bigint} NOT NULL,
      PRIMARY KEY (workspace_id, list_id, contact_id)
    )`,
    'CREATE INDEX list_members_contact ON list_members (workspace_id, contact_id)',
    `CREATE TABLE consent_categories (
      workspace_id ${t.bigint} NOT NULL REFERENCES workspaces (id),
      key TEXT NOT NULL,
      label TEXT NOT NULL,
      kind TEXT NOT NULL,
      time_bound SMALLINT NOT NULL DEFAULT 0,
      created_at ${t.bigint} NOT NULL,
      PRIMARY KEY (workspace_id, key)
    )`,
    `CREATE TABLE consent_log (
      workspace_id ${t.bigint} NOT NULL,
      ${t.identity},
      contact_id ${t.bigint} NOT NULL,
      category TEXT NOT NULL,
      action TEXT NOT NULL,
      actor TEXT NOT NULL,
      source TEXT NOT NULL,
      reason TEXT,
      recorded_at ${t.bigint} NOT NULL
      ${t.identityKey}
    )`,
    'CREATE INDEX consent_log_contact ON consent_log (workspace_id, contact_id, category, recorded_at)',
    `CREATE TABLE events (
      workspace_id ${t.bigint} NOT NULL,
      ${t.identity},
      contact_id ${t.bigint} NOT NULL,
      type TEXT NOT NULL,
      occurred_at ${t.bigint} NOT NULL,
      properties ${t.json} NOT NULL,
      property_text ${t.json} NOT NULL,
      property_number ${t.json} NOT NULL,
      client_id TEXT,
      received_at ${t.bigint} NOT NULL
      ${t.identityKey}
    )`,
    'CREATE UNIQUE INDEX events_client_id ON events (workspace_id, client_id)',
    'CREATE INDEX events_type_contact ON events (workspace_id, type, contact_id, occurred_at)',
    'CREATE INDEX events_contact ON events (workspace_id, contact_id, occurred_at)',
    `CREATE TABLE reservations (
      workspace_id ${t.bigint} NOT NULL,
      ${t.identity},
      booking_id TEXT NOT NULL,
      contact_id ${t.bigint} NOT NULL,
      property TEXT,
      property_key TEXT,
      room_type TEXT,
      room_type_key TEXT,
      arrival TEXT,
      departure TEXT,
      status TEXT NOT NULL,
      confirmed_at ${t.bigint},
      channel TEXT,
      channel_key TEXT,
      guests ${t.real},
      amount ${t.real},
      created_at ${t.bigint} NOT NULL,
      updated_at ${t.bigint} NOT NULL
      ${t.identityKey}
    )`,
    'CREATE UNIQUE INDEX reservations_booking ON reservations (workspace_id, booking_id)',
    'CREATE INDEX reservations_contact ON reservations (workspace_id, contact_id)',
    `CREATE TABLE segments (
      workspace_id ${t.bigint} NOT NULL REFERENCES workspaces (id),
      ${t.identity},
      key TEXT NOT NULL,
      name TEXT NOT NULL,
      description TEXT,
      parent_key TEXT,
      active SMALLINT NOT NULL DEFAULT 1,
      kind TEXT NOT NULL,
      condition ${t.json} NOT NULL,
      version INTEGER NOT NULL,
      created_at ${t.bigint} NOT NULL,
      updated_at ${t.bigint} NOT NULL
      ${t.identityKey}
    )`,
    'CREATE UNIQUE INDEX segments_key ON segments (workspace_id, key)',
    `CREATE TABLE segment_versions (
      workspace_id ${t.bigint} NOT NULL,
      segment_key TEXT NOT NULL,
      version INTEGER NOT NULL,
      definition ${t.json} NOT NULL,
      created_at ${t.bigint} NOT NULL,
      PRIMARY KEY (workspace_id, segment_key, version)
    )`,
  ],
};
