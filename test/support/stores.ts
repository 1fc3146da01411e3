import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { type Dialect, openStore, type Store } from '../../src/store/index.js';

const adminUrl = process.env.SIFT_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let postgresAvailable: Promise<boolean> | undefined;

async function probePostgres(): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (error) {
    if (process.env.CI) {
      throw new Error(`PostgreSQL is required in CI but ${adminUrl} is unreachable`, {
        cause: error,
      });
    }
    console.warn(`PostgreSQL tests skipped: no server at ${adminUrl}`);
    return false;
  }
}

export function isPostgresAvailable(): Promise<boolean> {
  postgresAvailable ??= probePostgres();
  return postgresAvailable;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh database per test file, so parallel runs and CI never see each other's rows. */
export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const directory = mkdtempSync(join(tmpdir(), 'sift-test-'));
    return {
      url: join(directory, 'sift.db'),
      drop: async () => rmSync(directory, { recursive: true, force: true }),
    };
  }
  const name = `sift_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export interface StoreContext {
  store: Store;
  url: string;
}

/**
 * Runs the same suite against SQLite and PostgreSQL. The store is opened once per back end
 * and file; tests that need a pristine store create their own workspace.
 */
const postgresReachable = await isPostgresAvailable();

export function describeEachStore(
  name: string,
  suite: (context: () => StoreContext) => void,
): void {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    describe.skipIf(dialect === 'postgres' && !postgresReachable)(`${name} [${dialect}]`, () => {
      let context: StoreContext | undefined;
      let database: TestDatabase | undefined;
      beforeAll(async () => {
        database = await createTestDatabase(dialect);
        context = { store: await openStore(database.url), url: database.url };
      });
      afterAll(async () => {
        await context?.store.close();
        await database?.drop();
      });
      suite(() => {
        if (!context) throw new Error('store not opened');
        return context;
      });
    });
  }
}
