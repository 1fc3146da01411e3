import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import type pg from 'pg';
import { SiftError } from '../shared/errors.js';
import { allMigrations } from './migrations/index.js';
import { migrateToLatest } from './migrations.js';
import type { Database } from './schema.js';
import { registerSqliteStoreFunctions } from './sqlite-functions.js';

export type Dialect = 'sqlite' | 'postgres';

/** The one interface both back ends share: a Kysely instance, its dialect and a way to close. */
export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** The SQLite handle, for the few bulk paths where prepared statements beat the builder. */
  readonly sqlite: BetterSqlite3.Database | undefined;
  /** The PostgreSQL pool, for COPY and other bulk paths. */
  readonly pool: pg.Pool | undefined;
  readonly location: string;
  close(): Promise<void>;
}

export type Executor = Kysely<Database> | Transaction<Database>;

export const defaultDatabaseLocation = './sift.db';

type PostgresDriver = typeof pg;

let postgresDriver: Promise<PostgresDriver> | undefined;

/**
 * The drivers are loaded for the back end in use only: a one-shot command on PostgreSQL need not
 * load the SQLite addon, nor one on SQLite the pg modules (start-up time, docs/benchmarks.md).
 */
function loadPostgresDriver(): Promise<PostgresDriver> {
  postgresDriver ??= importPostgresDriver();
  return postgresDriver;
}

async function importPostgresDriver(): Promise<PostgresDriver> {
  // pg asks on load whether it runs in a Cloudflare Worker: with no `navigator` (Node 20 has
  // none; 21 and later do) it constructs a `Response`, and that makes Node compile its whole
  // fetch implementation, 20–30 ms of every PostgreSQL command's start-up. A stand-in with
  // Node's own user agent answers the question the way Node 21 does, only while pg loads.
  const standIn = !('navigator' in globalThis);
  if (standIn) {
    Object.defineProperty(globalThis, 'navigator', {
      value: { userAgent: `Node.js/${process.versions.node.split('.')[0]}` },
      configurable: true,
      writable: true,
    });
  }
  let driver: PostgresDriver;
  try {
    driver = (await import('pg')).default;
  } finally {
    if (standIn) Reflect.deleteProperty(globalThis, 'navigator');
  }
  // int8 (ids, instants) and numeric come back from pg as strings; all of ours fit a double.
  driver.types.setTypeParser(20, (value) => Number(value));
  driver.types.setTypeParser(1700, (value) => Number(value));
  return driver;
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}

export function resolveDatabaseLocation(option: string | undefined): string {
  return option ?? process.env.SIFT_DATABASE_URL ?? defaultDatabaseLocation;
}

async function openSqlite(file: string): Promise<Store> {
  const { default: BetterSqlite3 } = await import('better-sqlite3');
  let handle: BetterSqlite3.Database;
  try {
    handle = new BetterSqlite3(file);
  } catch (error) {
    throw new SiftError('invalid_input', `Cannot open SQLite database "${file}"`, { cause: error });
  }
  handle.pragma('journal_mode = WAL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('synchronous = NORMAL');
  handle.pragma('busy_timeout = 5000');
  handle.pragma('cache_size = -65536');
  registerSqliteStoreFunctions(handle);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: handle }) });
  return {
    db,
    dialect: 'sqlite',
    sqlite: handle,
    pool: undefined,
    location: file,
    close: () => db.destroy(),
  };
}

async function openPostgres(url: string): Promise<Store> {
  const pg = await loadPostgresDriver();
  // JIT off for Sift's sessions: PostgreSQL compiles any plan costed above 100,000, and for
  // segment counts of tens to hundreds of milliseconds the compilation (50–200 ms measured)
  // costs more than it saves. An `options` parameter in the URL overrides this.
  const pool = new pg.Pool({ connectionString: url, max: 8, options: '-c jit=off' });
  // An idle connection the server closes (restart, DROP DATABASE … WITH (FORCE)) emits an error
  // on the pool; unhandled, it would end the process. The next query opens a fresh connection.
  pool.on('error', (error: Error & { code?: string }) => {
    if (error.code !== '57P01')
      process.stderr.write(`sift: idle PostgreSQL connection lost: ${error.message}\n`);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    sqlite: undefined,
    pool,
    location: url,
    close: () => db.destroy(),
  };
}

/** Opens a store from `--db` / `SIFT_DATABASE_URL` and applies every pending migration. */
export async function openStore(location: string): Promise<Store> {
  const store = await (isPostgresUrl(location) ? openPostgres(location) : openSqlite(location));
  try {
    await migrateToLatest(store.db, store.dialect, allMigrations);
  } catch (error) {
    await store.close().catch(() => undefined);
    if (error instanceof SiftError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new SiftError('internal', `Cannot prepare database ${store.location}: ${message}`, {
      cause: error,
    });
  }
  return store;
}

/** JSON columns come back as text from SQLite and as parsed values from PostgreSQL. */
export function readJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export function writeJson(value: unknown): string {
  return JSON.stringify(value);
}
