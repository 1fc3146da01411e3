/**
 * Contacts CSV import benchmark (SPEC §7 target: 1,000,000 contacts into SQLite in < 30 s,
 * RSS < 500 MB). Generates a deterministic CSV (standard fields, five custom fields, tags,
 * quoted cells, national phone numbers), then imports it with the CLI's own code path
 * (`runCli(['import', 'contacts', …])`) into a fresh SQLite file and a fresh PostgreSQL
 * database, each in a child process so that its peak RSS is its own.
 *
 *   npm run build && node --import tsx bench/import-contacts.ts [--contacts N] [--no-postgres] [--no-sqlite]
 *
 * PostgreSQL: $SIFT_BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres);
 * a database `sift_bench_contacts_<hex>` is created and dropped.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const outDirectory = join(import.meta.dirname, 'out');
const fixedNow = '2026-03-01T00:00:00Z';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

/** mulberry32: a tiny deterministic generator, so every run imports the same file. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const firstNames = [
  'Ann',
  'Bram',
  'Chloé',
  'Dirk',
  'Eva',
  'Femke',
  'Günther',
  'Hélène',
  'Iris',
  'Jan',
];
const lastNames = [
  'Peeters',
  'Janssens',
  'de Vries',
  'Müller',
  'Dubois',
  "O'Brien",
  'Smit',
  'Maes',
];
const languages = ['nl', 'fr-BE', 'en', 'de', 'nl-BE', 'fr'];
const places = [
  ['NL', 'Amsterdam'],
  ['BE', 'Gent'],
  ['BE', 'Brussel, Elsene'],
  ['FR', 'Lille'],
  ['DE', 'Köln'],
  ['NL', 'Den Haag'],
] as const;
const tiers = ['gold', 'silver', 'bronze'];
const interests = ['cycling', 'hiking', 'wine', 'golf', 'spa'];
const tagPool = ['VIP', 'newsletter', ' Cycling', 'owner-prospect', 'summer'];

const header =
  'email,external_id,phone,first_name,last_name,language,country,city,gender,birthdate,' +
  'loyalty_points,member,tier,interests,contract_end,tags';

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function row(index: number, next: () => number): string {
  const [country, city] = pick(next, places);
  const subscriber = String(10_000_000 + index).slice(-8);
  // A third of the phones national (the row's country decides), the rest international.
  const phone =
    next() < 0.4
      ? ''
      : next() < 0.3 && country === 'NL'
        ? `06 1${subscriber.slice(1)}`
        : `+3161${subscriber.slice(1)}`;
  const month = String(1 + Math.floor(next() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(next() * 28)).padStart(2, '0');
  const chosen = interests.filter(() => next() < 0.3).join(';');
  const tags = tagPool.filter(() => next() < 0.25).join(';');
  return [
    `user${index}@example${index % 97}.com`,
    next() < 0.5 ? `C-${index}` : '',
    phone,
    pick(next, firstNames),
    csvCell(pick(next, lastNames)),
    pick(next, languages),
    country,
    csvCell(city),
    next() < 0.5 ? 'female' : 'male',
    `${1940 + Math.floor(next() * 65)}-${month}-${day}`,
    next() < 0.8 ? String(Math.floor(next() * 10_000) / 10) : '',
    next() < 0.5 ? 'true' : 'false',
    pick(next, tiers),
    chosen,
    next() < 0.3 ? `2027-${month}-${day}` : '',
    tags,
  ].join(',');
}

async function generateCsv(file: string, contacts: number): Promise<void> {
  const next = random(20260301);
  const out = createWriteStream(file);
  out.write(`${header}\n`);
  for (let index = 1; index <= contacts; index++) {
    if (!out.write(`${row(index, next)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const fieldCommands = [
  ['loyalty_points', '--type', 'number'],
  ['member', '--type', 'boolean'],
  ['tier', '--type', 'select', '--options', tiers.join(',')],
  ['interests', '--type', 'multiselect', '--options', interests.join(',')],
  ['contract_end', '--type', 'date'],
];

interface ChildResult {
  seconds: number;
  /** CPU seconds of the import (all threads): the figure that does not depend on other load. */
  cpuSeconds: number;
  peakRssMb: number;
  exitStatus: number;
}

/**
 * The child: the compiled CLI's own code (`runCli` from dist/, as `npx sift` runs it), in a
 * plain `node` process — no TypeScript loader — so that its peak RSS is the import's own.
 */
const childScript = `
const [database, file, now, fieldsJson] = process.argv.slice(2);
const { runCli } = await import(${JSON.stringify(new URL('../dist/cli/index.js', import.meta.url).href)});
for (const field of JSON.parse(fieldsJson)) {
  if ((await runCli(['field', 'create', ...field, '--db', database, '--json'])) !== 0) {
    throw new Error('field create ' + field[0] + ' failed');
  }
}
const started = performance.now();
const cpuBefore = process.cpuUsage();
const exitStatus = await runCli(['import', 'contacts', file, '--db', database, '--consent', 'marketing',
  '--list', 'bench', '--tags', 'imported', '--now', now, '--json']);
const cpu = process.cpuUsage(cpuBefore);
process.stderr.write('BENCH ' + JSON.stringify({
  seconds: (performance.now() - started) / 1000,
  cpuSeconds: (cpu.user + cpu.system) / 1e6,
  peakRssMb: process.resourceUsage().maxRSS / 1024,
  exitStatus,
}) + '\\n');
`;

/** The child script as a file: the import's worker thread inherits `node`'s flags, `--eval` included. */
function childScriptFile(): string {
  const file = join(outDirectory, 'import-contacts-child.mjs');
  writeFileSync(file, childScript);
  return file;
}

async function runInChild(
  database: string,
  file: string,
): Promise<{
  result: ChildResult;
  summary: { rows: number; created: number; rejectedCount: number };
}> {
  const child = spawn(
    process.execPath,
    [childScriptFile(), database, file, fixedNow, JSON.stringify(fieldCommands)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const [code] = await once(child, 'close');
  const line = stderr.split('\n').find((text) => text.startsWith('BENCH '));
  if (!line) throw new Error(`benchmark child failed (${code}):\n${stderr}`);
  const summaryText = stdout.slice(stdout.lastIndexOf('{\n  "rows"'));
  return { result: JSON.parse(line.slice(6)) as ChildResult, summary: JSON.parse(summaryText) };
}

function report(store: string, contacts: number, outcome: Awaited<ReturnType<typeof runInChild>>) {
  const { result, summary } = outcome;
  const rate = Math.round(summary.rows / result.seconds);
  console.log(
    `${store.padEnd(10)} ${summary.rows} rows  ${summary.created} created  ${summary.rejectedCount} rejected  ` +
      `${result.seconds.toFixed(1)} s  ${rate.toLocaleString('en')} rows/s  ` +
      `CPU ${result.cpuSeconds.toFixed(1)} s  peak RSS ${Math.round(result.peakRssMb)} MB` +
      (summary.created === contacts ? '' : '  (!) not every row was created'),
  );
}

async function benchSqlite(file: string, contacts: number): Promise<void> {
  const database = join(outDirectory, `import-contacts-${contacts}.db`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${database}${suffix}`, { force: true });
  report('sqlite', contacts, await runInChild(database, file));
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${database}${suffix}`, { force: true });
}

async function benchPostgres(file: string, contacts: number): Promise<void> {
  const adminUrl =
    process.env.SIFT_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `sift_bench_contacts_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    report('postgresql', contacts, await runInChild(url.toString(), file));
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function main(): Promise<void> {
  if (!existsSync(new URL('../dist/cli/index.js', import.meta.url))) {
    throw new Error('Build the CLI first: npm run build');
  }
  const contacts = Number(argument('--contacts') ?? 1_000_000);
  mkdirSync(outDirectory, { recursive: true });
  const file = join(outDirectory, `contacts-${contacts}.csv`);
  if (!existsSync(file)) await generateCsv(file, contacts);
  const load = loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');
  console.log(`load average before: ${load} on ${availableParallelism()} cores`);
  console.log(
    `${contacts.toLocaleString('en')} contacts, ${(statSync(file).size / 1e6).toFixed(0)} MB CSV (${file})`,
  );
  if (!process.argv.includes('--no-sqlite')) await benchSqlite(file, contacts);
  if (!process.argv.includes('--no-postgres')) await benchPostgres(file, contacts);
}

await main();
