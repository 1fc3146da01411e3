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
import type { Database, Dialect } from '../store/index.js';
import { consentStateCondition } from './consent-sql.js';
import { consentStates } from './consent-types.js';

/** Compiles without a database: the SQL text and parameters each dialect would receive. */
function compiler(dialect: Dialect): Kysely<Database> {
  const postgres = dialect === 'postgres';
  return new Kysely<Database>({
    dialect: {
      createAdapter: () => (postgres ? new PostgresAdapter() : new SqliteAdapter()),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) =>
        postgres ? new PostgresIntrospector(db) : new SqliteIntrospector(db),
      createQueryCompiler: () =>
        postgres ? new PostgresQueryCompiler() : new SqliteQueryCompiler(),
    },
  });
}

const hostileKey = "x'); DROP TABLE contacts; --";
const now = Date.parse('2024-10-26T21:59:59.999Z');

const cases = (['sqlite', 'postgres'] as const).flatMap((dialect) =>
  consentStates.flatMap((state) =>
    [false, true].map((timeBound) => ({
      description: `${dialect}, ${state}, ${timeBound ? 'time-bound' : 'not time-bound'}`,
      dialect,
      state,
      timeBound,
    })),
  ),
);

describe('consentStateCondition compiles to parameterised SQL', () => {
  it.each(cases)('$description', ({ dialect, state, timeBound }) => {
    const compiled = compiler(dialect)
      .selectFrom('contacts')
      .select('contacts.id')
      .where(
        consentStateCondition({
          dialect,
          workspaceId: 4242,
          category: { key: hostileKey, timeBound },
          state,
          now,
          timeZone: 'Europe/Amsterdam',
          contactIdColumn: 'contacts.id',
        }),
      )
      .compile();
    expect(compiled.sql).not.toContain('DROP');
    expect(compiled.sql).not.toContain(String(now));
    expect(compiled.sql).not.toContain('4242');
    expect(compiled.sql).not.toContain('2024-10-26');
    if (state === 'expired' && !timeBound) {
      // A category that is not time-bound never expires: a constant false, no parameters.
      expect(compiled.sql).toContain('(1 = 0)');
      expect(compiled.parameters).toEqual([]);
      return;
    }
    expect(compiled.parameters).toContain(4242);
    expect(compiled.parameters).toContain(hostileKey);
    expect(compiled.parameters).toContain(now);
    if (timeBound && (state === 'valid' || state === 'expired')) {
      // The day of `now` in Amsterdam: a window is open while departure >= it.
      expect(compiled.parameters).toContain('2024-10-26');
    }
    expect(compiled.sql).toContain(dialect === 'postgres' ? '$1' : '?');
    expect(compiled.sql).toContain('"contacts"."id"');
  });

  it('refuses an unqualified contact id column, which the subqueries would capture', () => {
    expect(() =>
      consentStateCondition({
        dialect: 'sqlite',
        workspaceId: 1,
        category: { key: 'marketing', timeBound: false },
        state: 'valid',
        now,
        timeZone: 'UTC',
        contactIdColumn: 'id',
      }),
    ).toThrow(/qualified/);
  });
});
