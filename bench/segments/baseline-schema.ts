import type pg from 'pg';

/**
 * The baseline: the same data in a plain, indexed schema, as a competent engineer would lay it
 * out for these questions (typed columns, timestamptz, the event properties that matter as
 * columns, current consent as a state column), queried with hand-written SQL. It is filled from
 * Sift's own PostgreSQL tables in the same database, so both hold exactly the same data.
 */
const statements = (workspaceId: number) => `
DROP SCHEMA IF EXISTS plain CASCADE;
CREATE SCHEMA plain;
CREATE TABLE plain.contacts AS
  SELECT id::integer AS id, email, country, city, birthdate::date AS birthdate,
         (custom->>'revenue')::numeric AS revenue, custom->>'loyalty_tier' AS loyalty_tier
  FROM public.contacts WHERE workspace_id = ${workspaceId};
ALTER TABLE plain.contacts ADD PRIMARY KEY (id);
CREATE TABLE plain.tags AS
  SELECT contact_id::integer AS contact_id, tag FROM public.contact_tags WHERE workspace_id = ${workspaceId};
CREATE TABLE plain.consent AS
  SELECT DISTINCT ON (contact_id, category) contact_id::integer AS contact_id, category,
         CASE action WHEN 'grant' THEN 'valid' ELSE 'withdrawn' END AS state
  FROM public.consent_log WHERE workspace_id = ${workspaceId}
  ORDER BY contact_id, category, recorded_at DESC, id DESC;
CREATE TABLE plain.events AS
  SELECT contact_id::integer AS contact_id, type, to_timestamp(occurred_at / 1000.0) AS occurred_at,
         properties->>'campaign' AS campaign, properties->>'channel' AS channel,
         properties->>'link' AS link, properties->>'department' AS department,
         properties->>'product' AS product, (properties->>'amount')::numeric AS amount
  FROM public.events WHERE workspace_id = ${workspaceId};
CREATE TABLE plain.reservations AS
  SELECT booking_id, contact_id::integer AS contact_id, property, arrival::date AS arrival,
         departure::date AS departure, status, amount::numeric AS amount
  FROM public.reservations WHERE workspace_id = ${workspaceId};
CREATE INDEX ON plain.events (type, contact_id, occurred_at);
CREATE INDEX ON plain.events (contact_id, occurred_at);
CREATE INDEX ON plain.tags (tag, contact_id);
CREATE INDEX ON plain.consent (category, state, contact_id);
CREATE INDEX ON plain.reservations (contact_id);
CREATE INDEX ON plain.reservations (arrival);
`;

const plainTables = ['contacts', 'tags', 'consent', 'events', 'reservations'];

/**
 * Vacuumed and analysed as Sift's own tables are after an import (store/maintenance.ts), each
 * table on its own: VACUUM cannot run in a multi-statement query, and a database-wide ANALYZE
 * would also refresh Sift's tables, which the benchmark must leave as the imports left them.
 */
export async function loadBaseline(pool: pg.Pool, workspaceId: number): Promise<void> {
  await pool.query(statements(workspaceId));
  for (const table of plainTables) await pool.query(`VACUUM (ANALYZE) plain.${table}`);
}

export async function dropBaseline(pool: pg.Pool): Promise<void> {
  await pool.query('DROP SCHEMA IF EXISTS plain CASCADE');
}
