import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { startSift } from './cli-support.js';

const rows = 200_000;
const batchSize = 1000;
const directory = mkdtempSync(join(tmpdir(), 'sift-contacts-crash-'));

afterAll(() => rmSync(directory, { recursive: true, force: true }));

async function writeCsv(path: string): Promise<void> {
  const out = createWriteStream(path);
  out.write('email,first_name,city,tags\n');
  for (let index = 0; index < rows; index++) {
    if (!out.write(`crash${index}@x.nl,Name ${index},"City, ${index % 50}",t${index % 7}\n`)) {
      await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
}

function countContacts(database: string): number {
  try {
    const reader = new BetterSqlite3(database, { readonly: true, fileMustExist: true });
    try {
      return (reader.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number }).n;
    } finally {
      reader.close();
    }
  } catch {
    return 0; // not created or not migrated yet
  }
}

/**
 * Guards the promise of the batch pipeline: a killed import leaves whole batches, each with
 * its consent records, tags and list memberships — never a contact without its consent.
 */
it('leaves only whole batches when the import is killed midway (SQLite)', {
  timeout: 300_000,
}, async () => {
  const csv = join(directory, 'large.csv');
  const database = join(directory, 'crash.db');
  await writeCsv(csv);
  const child = startSift([
    'import',
    'contacts',
    csv,
    '--db',
    database,
    '--consent',
    'marketing,sales_viewing',
    '--list',
    'crash',
    '--batch-size',
    String(batchSize),
  ]);
  const exited = once(child, 'exit');
  let seen = 0;
  while (seen < 5 * batchSize && child.exitCode === null) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    seen = countContacts(database);
  }
  child.kill('SIGKILL');
  const [code, signal] = await exited;
  expect([code, signal]).toEqual([null, 'SIGKILL']);

  const store = await openStore(database);
  try {
    const count = async (table: 'contacts' | 'consent_log' | 'list_members' | 'contact_tags') => {
      const row = await store.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    };
    const contacts = await count('contacts');
    expect(contacts).toBeGreaterThanOrEqual(5 * batchSize);
    expect(contacts).toBeLessThan(rows);
    expect(contacts % batchSize).toBe(0);
    expect(await count('consent_log')).toBe(2 * contacts);
    expect(await count('list_members')).toBe(contacts);
    expect(await count('contact_tags')).toBe(contacts);
    const withoutConsent = await store.db
      .selectFrom('contacts')
      .select('id')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('consent_log')
              .select('consent_log.id')
              .whereRef('consent_log.contact_id', '=', 'contacts.id'),
          ),
        ),
      )
      .execute();
    expect(withoutConsent).toEqual([]);
    const last = await store.db
      .selectFrom('contacts')
      .select(['email', 'city'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(last).toEqual({
      email: `crash${contacts - 1}@x.nl`,
      city: `City, ${(contacts - 1) % 50}`,
    });
  } finally {
    await store.close();
  }
});
