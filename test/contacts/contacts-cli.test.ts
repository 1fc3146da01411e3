import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSift } from './cli-support.js';

let directory: string;
let database: string;

function file(name: string, text: string): string {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
}

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'sift-contacts-cli-'));
  database = join(directory, 'sift.db');
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

// One database through the file: each step builds on the previous one, as a user would.
describe('sift field / import contacts / contact (CLI)', { timeout: 180_000 }, () => {
  it('creates and lists custom fields', async () => {
    const created = await runSift([
      'field',
      'create',
      'tier',
      '--type',
      'select',
      '--options',
      'gold,silver',
      '--label',
      'Tier',
      '--db',
      database,
      '--json',
    ]);
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({
      key: 'tier',
      type: 'select',
      options: ['gold', 'silver'],
      label: 'Tier',
    });
    const refused = await runSift(['field', 'create', 'email', '--type', 'text', '--db', database]);
    expect(refused.code).toBe(65);
    expect(refused.stderr).toContain('standard field');
    const listed = await runSift(['field', 'list', '--db', database]);
    expect(listed.stdout).toContain('tier\tselect: gold, silver\tTier');
  });

  it('imports a file, prints the summary and records --now', async () => {
    const csv = file(
      'good.csv',
      'email,first_name,tier,tags\nann@x.nl,Ann,Gold,VIP\nbob@x.nl,Bob,,\n',
    );
    const result = await runSift([
      'import',
      'contacts',
      csv,
      '--consent',
      'marketing',
      '--list',
      'fair',
      '--tags',
      'fair;2026',
      '--now',
      '2026-03-01T09:00:00Z',
      '--db',
      database,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(
      'Imported contacts: 2 rows read, 2 created, 0 updated, 0 skipped, 0 rejected',
    );
    expect(result.stderr).toBe('');
    const shown = await runSift(['contact', 'show', 'ANN@x.nl', '--db', database, '--json']);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({
      email: 'ann@x.nl',
      custom: { tier: 'gold' },
      tags: ['2026', 'fair', 'vip'],
      lists: ['fair'],
      source: 'import',
      created_at: '2026-03-01T09:00:00.000Z',
    });
  });

  it('exits 2 and lists rejected rows by line, with --json too', async () => {
    const csv = file(
      'bad.csv',
      'email,tier\ncarl@x.nl,gold\nnot-an-email,silver\ndana@x.nl,bronze\n',
    );
    const text = await runSift([
      'import',
      'contacts',
      csv,
      '--consent',
      'marketing',
      '--db',
      database,
    ]);
    expect(text.code).toBe(2);
    expect(text.stdout).toContain('3 rows read, 1 created, 0 updated, 0 skipped, 2 rejected');
    expect(text.stderr).toContain('line 3: email: "not-an-email" is not an email address');
    expect(text.stderr).toContain(
      'line 4: tier: expected one of the options (gold, silver), got "bronze"',
    );
    const json = await runSift([
      'import',
      'contacts',
      csv,
      '--consent',
      'marketing',
      '--db',
      database,
      '--json',
    ]);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({
      rows: 3,
      created: 0,
      updated: 1,
      rejectedCount: 2,
      rejected: [
        { line: 3, path: 'email' },
        { line: 4, path: 'tier' },
      ],
    });
  });

  it('refuses a file with unknown columns or without --consent', async () => {
    const csv = file('unknown.csv', 'email,shoe_size\neve@x.nl,42\n');
    const unknown = await runSift([
      'import',
      'contacts',
      csv,
      '--consent',
      'marketing',
      '--db',
      database,
    ]);
    expect(unknown.code).toBe(65);
    expect(unknown.stderr).toContain('unknown column "shoe_size"');
    expect(unknown.stderr).toContain('sift field create shoe_size');
    const noConsent = await runSift(['import', 'contacts', csv, '--db', database, '--json']);
    expect(noConsent.code).toBe(65);
    expect(JSON.parse(noConsent.stdout)).toMatchObject({
      error: { code: 'invalid_input', path: 'consent' },
    });
    const missing = await runSift([
      'import',
      'contacts',
      join(directory, 'nope.csv'),
      '--consent',
      'marketing',
      '--db',
      database,
    ]);
    expect(missing.code).toBe(66);
  });

  it('lists contacts by page and shows one by id', async () => {
    const first = await runSift(['contact', 'list', '--limit', '2', '--db', database, '--json']);
    const page = JSON.parse(first.stdout) as {
      contacts: Array<{ id: number; email: string }>;
      next: number;
    };
    expect(page.contacts.map((contact) => contact.email)).toEqual(['ann@x.nl', 'bob@x.nl']);
    const second = await runSift([
      'contact',
      'list',
      '--after',
      String(page.next),
      '--db',
      database,
    ]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('carl@x.nl');
    expect(second.stdout).not.toContain('ann@x.nl');
    const byId = await runSift(['contact', 'show', String(page.contacts[1]!.id), '--db', database]);
    expect(byId.stdout).toContain('email: bob@x.nl');
    const none = await runSift(['contact', 'show', 'zed@x.nl', '--db', database]);
    expect(none.code).toBe(66);
  });
});
