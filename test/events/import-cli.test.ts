import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findReservation } from '../../src/bookings/index.js';
import { upsertContacts } from '../../src/contacts/index.js';
import { countEvents } from '../../src/events/index.js';
import { openStore } from '../../src/store/index.js';
import { resolveWorkspace } from '../../src/workspaces/index.js';
import { describeEachStore } from '../support/stores.js';

const now = Date.parse('2026-02-01T00:00:00Z');
let directory: string;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'sift-import-cli-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, SIFT_DATABASE_URL: '' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function writeFile(name: string, text: string): string {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
}

describeEachStore('sift import events|bookings', (context) => {
  let workspaceId: number;

  beforeAll(async () => {
    // The CLI opens its own connection; the default workspace and contacts are set up here.
    const store = await openStore(context().url);
    try {
      workspaceId = (await resolveWorkspace(store.db, undefined, now)).id;
      await upsertContacts(store.db, {
        workspaceId,
        now,
        source: 'import',
        consent: ['marketing'],
        contacts: [{ email: 'ann@example.com' }],
      });
    } finally {
      await store.close();
    }
  });

  const event = (id: string, extra: object = {}) =>
    JSON.stringify({
      id,
      contact: { email: 'ann@example.com' },
      type: 'purchase',
      timestamp: '2026-01-31T10:00:00Z',
      ...extra,
    });

  it('exits 2 with a JSON summary naming the rejected lines', () => {
    const file = writeFile(
      `events-${context().store.dialect}.ndjson`,
      [event('cli-1'), event('cli-1'), '', event('cli-2', { properties: 'x' })].join('\n'),
    );
    const result = runCli(['import', 'events', file, '--db', context().url, '--json']);
    expect(result.status).toBe(2);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({
      rows: 3,
      created: 1,
      skipped: 1,
      duplicates: 1,
      rejectedCount: 1,
      rejected: [{ line: 4, reason: 'properties: expected an object' }],
    });
  });

  it('exits 0 and prints a summary line when every line is good', async () => {
    const file = writeFile(
      `good-${context().store.dialect}.ndjson`,
      `${event('cli-3')}\n${event('cli-1')}\n`,
    );
    const result = runCli(['import', 'events', file, '--db', context().url]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      'Imported events: 2 rows read, 1 created, 0 updated, 1 skipped, 0 rejected',
    );
    expect(result.stdout).toContain('1 duplicate events');
    const store = await openStore(context().url);
    try {
      expect(await countEvents(store.db, { workspaceId })).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('exits 66 when the file does not exist', () => {
    const result = runCli([
      'import',
      'events',
      join(directory, 'missing.ndjson'),
      '--db',
      context().url,
      '--json',
    ]);
    expect(result.status).toBe(66);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'not_found' } });
  });

  it('imports bookings with --now and reports a bad row', async () => {
    const file = writeFile(
      `bookings-${context().store.dialect}.csv`,
      [
        'booking_id,email,arrival,departure,status,confirmed_at',
        'CLI-1,new@example.com,2026-07-01,2026-07-05,confirmed,',
        'CLI-2,new@example.com,2026-07-05,2026-07-01,confirmed,',
      ].join('\n'),
    );
    const result = runCli([
      'import',
      'bookings',
      file,
      '--db',
      context().url,
      '--now',
      '2026-03-01T08:00:00Z',
      '--json',
    ]);
    expect(result.status).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({
      created: 1,
      rejected: [{ line: 3, reason: 'departure: 2026-07-01 is before arrival 2026-07-05' }],
    });
    const store = await openStore(context().url);
    try {
      const reservation = await findReservation(store.db, { workspaceId, bookingId: 'CLI-1' });
      expect(reservation?.confirmedAt).toBe(Date.parse('2026-03-01T08:00:00Z'));
    } finally {
      await store.close();
    }
  });
});
