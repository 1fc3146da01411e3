import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import { caseContext } from '../../test/support/segment-cases.js';
import type { Database, Dialect } from '../store/index.js';
import { normaliseCondition } from './normalise.js';
import type { Condition } from './schema.js';
import { compileSegmentQuery } from './segment-queries.js';

/** Kysely instances that only compile (Kysely's own where.test.ts does the same). */
const compilers: Record<Dialect, Kysely<Database>> = {
  sqlite: new Kysely<Database>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  }),
  postgres: new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  }),
};

function compile(condition: unknown, dialect: Dialect) {
  const core = normaliseCondition(condition as Condition, caseContext());
  const compiled = compileSegmentQuery(core, { dialect, workspaceId: 7 }).compile(
    compilers[dialect],
  );
  return { sql: compiled.sql.replace(/\s+/g, ' ').trim(), parameters: compiled.parameters };
}

interface SqlCase {
  description: string;
  condition: unknown;
  sqlite: { sql: string; parameters: unknown[] };
  postgres: { sql: string; parameters: unknown[] };
}

const cases: SqlCase[] = [
  {
    description: 'text eq on the folded twin column',
    condition: { type: 'field', field: 'country', op: 'eq', value: 'NL' },
    sqlite: { sql: '"c"."country_key" = ?', parameters: ['nl'] },
    postgres: { sql: '"c"."country_key" = $1', parameters: ['nl'] },
  },
  {
    description: 'neq is the complement, true for NULL',
    condition: { type: 'field', field: 'country', op: 'neq', value: 'nl' },
    sqlite: { sql: '("c"."country_key" = ?) IS NOT TRUE', parameters: ['nl'] },
    postgres: { sql: '("c"."country_key" = $1) IS NOT TRUE', parameters: ['nl'] },
  },
  {
    description: 'contains escapes LIKE wildcards into the parameter',
    condition: { type: 'field', field: 'city', op: 'contains', value: '50%_off' },
    sqlite: { sql: '"c"."city_key" LIKE ? ESCAPE \'\\\'', parameters: ['%50\\%\\_off%'] },
    postgres: { sql: '"c"."city_key" LIKE $1 ESCAPE \'\\\'', parameters: ['%50\\%\\_off%'] },
  },
  {
    description: 'custom number between',
    condition: { type: 'field', field: 'score', op: 'between', value: [1, 5] },
    sqlite: {
      sql: '(CAST(json_extract("c"."custom", ?) AS REAL) >= ? AND CAST(json_extract("c"."custom", ?) AS REAL) <= ?)',
      parameters: ['$."score"', 1, '$."score"', 5],
    },
    postgres: {
      sql: '(("c"."custom" ->> $1::text)::float8 >= $2 AND ("c"."custom" ->> $3::text)::float8 <= $4)',
      parameters: ['score', 1, 'score', 5],
    },
  },
  {
    description: 'multiselect has_any',
    condition: { type: 'field', field: 'interests', op: 'has_any', value: ['Art', 'Cycling'] },
    sqlite: {
      sql: 'EXISTS (SELECT 1 FROM json_each("c"."custom_key", ?) AS j WHERE j.value IN (?, ?))',
      parameters: ['$."interests"', 'art', 'cycling'],
    },
    postgres: {
      sql: '("c"."custom_key" -> $1::text) ?| $2::text[]',
      parameters: ['interests', ['art', 'cycling']],
    },
  },
  {
    description: 'boolean is_true',
    condition: { type: 'field', field: 'vip_member', op: 'is_true' },
    sqlite: { sql: 'json_type("c"."custom", ?) = ?', parameters: ['$."vip_member"', 'true'] },
    // Containment: the planner estimates it from the column's statistics (sql-dialects.ts).
    postgres: { sql: '"c"."custom" @> $1::jsonb', parameters: ['{"vip_member":true}'] },
  },
  {
    description: 'not over an EXISTS stays NOT EXISTS',
    condition: { type: 'tag', op: 'has_none', tags: ['VIP'] },
    sqlite: {
      sql: 'NOT EXISTS (SELECT 1 FROM contact_tags t WHERE t.workspace_id = ? AND t.contact_id = c.id AND t.tag IN (?))',
      parameters: [7, 'vip'],
    },
    postgres: {
      sql: 'NOT EXISTS (SELECT 1 FROM contact_tags t WHERE t.workspace_id = $1 AND t.contact_id = c.id AND t.tag IN ($2))',
      parameters: [7, 'vip'],
    },
  },
  {
    description: 'at least once is a correlated EXISTS',
    condition: {
      type: 'event',
      event: 'purchase',
      where: [{ property: 'department', op: 'eq', value: 'Bikes' }],
    },
    sqlite: {
      sql: 'EXISTS (SELECT 1 FROM events e WHERE e.workspace_id = ? AND e.type = ? AND e.occurred_at < ? AND json_extract("e"."property_text", ?) = ? AND "e"."contact_id" = "c"."id")',
      parameters: [7, 'purchase', 1773617400001, '$."department"', 'bikes'],
    },
    postgres: {
      sql: 'EXISTS (SELECT 1 FROM events e WHERE e.workspace_id = $1 AND e.type = $2 AND e.occurred_at < $3 AND "e"."property_text" @> $4::jsonb AND "e"."contact_id" = "c"."id")',
      parameters: [7, 'purchase', 1773617400001, '{"department":"bikes"}'],
    },
  },
  {
    description: 'a text property in a list is containment of any of the values on PostgreSQL',
    condition: {
      type: 'event',
      event: 'purchase',
      where: [{ property: 'department', op: 'in', value: ['Bikes', 'Shoes'] }],
    },
    sqlite: {
      sql: 'EXISTS (SELECT 1 FROM events e WHERE e.workspace_id = ? AND e.type = ? AND e.occurred_at < ? AND json_extract("e"."property_text", ?) IN (?, ?) AND "e"."contact_id" = "c"."id")',
      parameters: [7, 'purchase', 1773617400001, '$."department"', 'bikes', 'shoes'],
    },
    postgres: {
      sql: 'EXISTS (SELECT 1 FROM events e WHERE e.workspace_id = $1 AND e.type = $2 AND e.occurred_at < $3 AND "e"."property_text" @> ANY (ARRAY[$4::jsonb, $5::jsonb]) AND "e"."contact_id" = "c"."id")',
      parameters: [
        7,
        'purchase',
        1773617400001,
        '{"department":"bikes"}',
        '{"department":"shoes"}',
      ],
    },
  },
  {
    description: 'a count that matches zero is the complement of the failing groups',
    condition: { type: 'event', event: 'purchase', count: { op: 'lt', value: 2 } },
    sqlite: {
      sql: 'NOT EXISTS (SELECT 1 FROM events e WHERE e.workspace_id = ? AND e.type = ? AND e.occurred_at < ? AND "e"."contact_id" = "c"."id" GROUP BY "e"."contact_id" HAVING (count(*) < ?) IS NOT TRUE)',
      parameters: [7, 'purchase', 1773617400001, 2],
    },
    postgres: {
      sql: 'NOT EXISTS (SELECT 1 FROM (SELECT "e"."contact_id" AS contact_id FROM events e WHERE e.workspace_id = $1 AND e.type = $2 AND e.occurred_at < $3 GROUP BY "e"."contact_id" HAVING (count(*) < $4) IS NOT TRUE) AS g WHERE g.contact_id = "c"."id")',
      parameters: [7, 'purchase', 1773617400001, 2],
    },
  },
];

describe.each(['sqlite', 'postgres'] as const)('compiled SQL [%s]', (dialect) => {
  it.each(cases)('$description', (sqlCase) => {
    expect(compile(sqlCase.condition, dialect)).toEqual(sqlCase[dialect]);
  });

  it('binds every value and JSON key as a parameter, never in the text', () => {
    const hostile = `x'); DROP TABLE contacts; --`;
    const compiled = compile(
      {
        type: 'all',
        conditions: [
          { type: 'field', field: 'city', op: 'in', value: [hostile] },
          {
            type: 'event',
            event: hostile,
            where: [{ property: `a"b'c`, op: 'eq', value: hostile }],
          },
          { type: 'tag', op: 'has_all', tags: [hostile] },
          { type: 'message', activity: 'opened', campaign: hostile },
        ],
      },
      dialect,
    );
    expect(compiled.sql).not.toContain('DROP');
    expect(compiled.sql).not.toContain('a"b');
    expect(compiled.parameters).toContain(hostile);
  });
});
