import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadDemo } from '../src/demo/index.js';
import { countSegment, previewSegment } from '../src/segments/index.js';
import { openStore, type Store } from '../src/store/index.js';
import { resolveWorkspace, type Workspace } from '../src/workspaces/index.js';
import { dropBaseline, loadBaseline } from './segments/baseline-schema.js';
import { baselines, benchSegmentKeys, previewCondition } from './segments/suite.js';

/**
 * `npm run bench`: loads one deterministic data set into SQLite and PostgreSQL through the
 * imports, then times each demo segment on both beside hand-written SQL over a plain schema
 * holding the same data on the same PostgreSQL. Flags: --contacts N --events-per-contact N
 * --runs N --keep.
 */
const { values: flags } = parseArgs({
  options: {
    contacts: { type: 'string', default: '100000' },
    'events-per-contact': { type: 'string', default: '20' },
    runs: { type: 'string', default: '5' },
    large: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const contacts = flags.large ? 1_000_000 : Number(flags.contacts);
const eventsPerContact = Number(flags['events-per-contact']);
const runs = Number(flags.runs);
const now = Date.parse('2026-11-23T12:00:00Z');
const adminUrl = process.env.SIFT_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: Awaited<T>; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

/** Median of `runs` timings after one warm-up run, so caches are warm for every contender. */
async function medianOf<T>(work: () => Promise<T>): Promise<{ value: Awaited<T>; ms: number }> {
  const [result] = await interleavedMedians([work]);
  return result!;
}

/**
 * The contenders of one row are run in turn (a, b, c, a, b, c, …) after a warm-up of each, and
 * each gets the median of its runs: on a shared machine a burst of load then slows all of them
 * alike instead of whichever happened to run during it.
 */
async function interleavedMedians<T>(
  contenders: readonly (() => Promise<T>)[],
): Promise<{ value: Awaited<T>; ms: number }[]> {
  const values: Awaited<T>[] = [];
  for (const work of contenders) values.push(await work());
  const times: number[][] = contenders.map(() => []);
  for (let run = 0; run < runs; run++) {
    for (const [index, work] of contenders.entries()) {
      const result = await timed(work);
      values[index] = result.value;
      times[index]!.push(result.ms);
    }
  }
  return times.map((list, index) => {
    list.sort((a, b) => a - b);
    return { value: values[index]!, ms: list[Math.floor(list.length / 2)]! };
  });
}

async function loadStore(
  store: Store,
  label: string,
): Promise<{ workspace: Workspace; seconds: Record<string, number> }> {
  const workspace = await resolveWorkspace(store.db, undefined, now);
  const seconds: Record<string, number> = {};
  let step = 'start';
  let stepStarted = performance.now();
  const result = await loadDemo({
    store,
    workspace,
    now,
    contacts,
    eventsPerContact,
    unsubscribeEvery: 0,
    onStep: (next) => {
      seconds[step] = (performance.now() - stepStarted) / 1000;
      log(`${label}: ${next}`);
      step = next;
      stepStarted = performance.now();
    },
  });
  seconds[step] = (performance.now() - stepStarted) / 1000;
  log(`${label}: loaded ${JSON.stringify(result.files)}`);
  return { workspace, seconds };
}

async function main(): Promise<void> {
  const directory = join('bench', 'out');
  mkdirSync(directory, { recursive: true });
  const sqliteFile = join(directory, `bench-${contacts}.db`);
  rmSync(sqliteFile, { force: true });
  const databaseName = `sift_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${databaseName}`);
  const postgresUrl = new URL(adminUrl);
  postgresUrl.pathname = `/${databaseName}`;
  if (flags.keep) log(`keeping ${sqliteFile} and ${postgresUrl.toString()}`);
  const sqlite = await openStore(sqliteFile);
  const postgres = await openStore(postgresUrl.toString());
  try {
    const sqliteLoad = await loadStore(sqlite, 'sqlite');
    // No ANALYZE here: the imports refresh the planner statistics themselves (store/maintenance.ts),
    // and the benchmark measures what a user gets after `sift import`.
    const postgresLoad = await loadStore(postgres, 'postgres');
    log('baseline: building the plain schema');
    await loadBaseline(postgres.pool!, postgresLoad.workspace.id);
    const rows: string[] = [];
    const results: unknown[] = [];
    for (const key of benchSegmentKeys) {
      const baseline = baselines[key]!;
      const placeholders = [...baseline.sql.matchAll(/\$(\d+)/g)].map((match) => Number(match[1]));
      const parameters = [
        new Date(now).toISOString(),
        ...(baseline.parameters?.(new Date(now)) ?? []),
      ].slice(0, Math.max(0, ...placeholders));
      const [onSqlite, onPostgres, handWritten] = (await interleavedMedians([
        () => countSegment(sqlite, { workspace: sqliteLoad.workspace, now, key }),
        () => countSegment(postgres, { workspace: postgresLoad.workspace, now, key }),
        async () => {
          const result = await postgres.pool!.query(
            `SELECT count(*)::int AS n FROM (${baseline.sql}) AS members`,
            parameters,
          );
          return Number(result.rows[0].n);
        },
      ])) as [
        { value: number; ms: number },
        { value: number; ms: number },
        { value: number; ms: number },
      ];
      const agree = onSqlite.value === onPostgres.value && onPostgres.value === handWritten.value;
      const ratio = onPostgres.ms / handWritten.ms;
      results.push({
        key,
        count: onPostgres.value,
        agree,
        sqliteMs: onSqlite.ms,
        postgresMs: onPostgres.ms,
        baselineMs: handWritten.ms,
        ratio,
      });
      rows.push(
        `| ${key} | ${onPostgres.value}${agree ? '' : ` (SQLite ${onSqlite.value}, baseline ${handWritten.value}) ✗`} | ${onSqlite.ms.toFixed(1)} | ${onPostgres.ms.toFixed(1)} | ${handWritten.ms.toFixed(1)} | ${ratio.toFixed(2)}× |`,
      );
      log(rows[rows.length - 1]!);
    }
    const previewPostgres = await medianOf(() =>
      previewSegment(postgres, { workspace: postgresLoad.workspace, now, tree: previewCondition }),
    );
    const previewSqlite = await medianOf(() =>
      previewSegment(sqlite, { workspace: sqliteLoad.workspace, now, tree: previewCondition }),
    );
    const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
    const report = [
      `Data set: ${contacts} contacts, ~${contacts * eventsPerContact} events (generated, seed fixed); now = ${new Date(now).toISOString()}; ${runs} timed runs after a warm-up, median.`,
      `Machine: ${machine}.`,
      '',
      `Load (s) — SQLite: ${JSON.stringify(roundAll(sqliteLoad.seconds))}; PostgreSQL: ${JSON.stringify(roundAll(postgresLoad.seconds))}`,
      '',
      '| segment | members | Sift SQLite ms | Sift PostgreSQL ms | hand-written SQL on PostgreSQL ms | Sift PG / hand-written |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      ...rows,
      '',
      `Preview of a five-condition behavioural tree (count + 20-member sample, validation included): PostgreSQL ${previewPostgres.ms.toFixed(1)} ms, SQLite ${previewSqlite.ms.toFixed(1)} ms, ${previewPostgres.value.count} members.`,
    ].join('\n');
    process.stdout.write(`${report}\n`);
    writeFileSync(join(directory, `segments-${contacts}.md`), `${report}\n`);
    writeFileSync(
      join(directory, `segments-${contacts}.json`),
      JSON.stringify({ contacts, eventsPerContact, results }, null, 2),
    );
  } finally {
    await sqlite.close();
    if (!flags.keep) await dropBaseline(postgres.pool!).catch(() => undefined);
    await postgres.close();
    if (!flags.keep) {
      await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
      rmSync(sqliteFile, { force: true });
    }
    await admin.end();
  }
}

function roundAll(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [key, Math.round(value * 10) / 10]),
  );
}

await main();
