import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { resolveWorkspace } from '../../src/workspaces/index.js';
import { insertContact, insertReservation } from './consent-test-support.js';

const run = promisify(execFile);

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `sift` from source as a separate process, as a user would. */
async function sift(database: string, ...args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...args, '--db', database],
      { cwd: process.cwd(), env: { ...process.env, SIFT_DATABASE_URL: '' } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('sift consent (SQLite file)', () => {
  let directory: string;
  let database: string;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'sift-consent-cli-'));
    database = join(directory, 'sift.db');
    const store = await openStore(database);
    const workspace = await resolveWorkspace(store.db, undefined, Date.parse('2024-01-01T00:00Z'));
    await insertContact(store.db, workspace.id, 'ann@example.com');
    const bob = await insertContact(store.db, workspace.id, 'bob@example.com');
    await insertReservation(store.db, {
      workspaceId: workspace.id,
      contactId: bob,
      reservation: {
        bookingId: 'B-1',
        confirmedAt: Date.parse('2024-03-01T00:00Z'),
        departure: '2024-03-10',
        status: 'confirmed',
      },
    });
    await store.close();
  });

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('grants, then refuses an operator re-grant after the contact withdrew', async () => {
    const granted = await sift(
      database,
      'consent',
      'grant',
      '--contact',
      'ANN@example.com',
      '--category',
      'marketing',
      '--by',
      'operator',
      '--reason',
      'fair signup',
      '--now',
      '2024-02-01T00:00:00Z',
      '--json',
    );
    expect(granted.code).toBe(0);
    expect(JSON.parse(granted.stdout)).toMatchObject({
      action: 'grant',
      by: 'operator',
      categories: [{ key: 'marketing', state: 'valid' }],
    });
    const withdrawn = await sift(
      database,
      'consent',
      'withdraw',
      '--contact',
      'ann@example.com',
      '--all',
      '--by',
      'contact',
      '--now',
      '2024-02-02T09:30:00Z',
    );
    expect(withdrawn.code).toBe(0);
    expect(withdrawn.stdout).toContain('sales_viewing');
    expect(withdrawn.stdout).not.toContain('owners_service');
    const refused = await sift(
      database,
      'consent',
      'grant',
      '--contact',
      'ann@example.com',
      '--category',
      'marketing',
      '--by',
      'operator',
      '--now',
      '2024-02-03T00:00:00Z',
    );
    expect(refused.code).toBe(65);
    expect(refused.stderr).toContain('ann@example.com');
    expect(refused.stderr).toContain('"marketing" at 2024-02-02T09:30:00.000Z');
    const regranted = await sift(
      database,
      'consent',
      'grant',
      '--contact',
      'ann@example.com',
      '--category',
      'marketing',
      '--by',
      'contact',
      '--now',
      '2024-02-04T00:00:00Z',
      '--json',
    );
    expect(JSON.parse(regranted.stdout).categories[0].state).toBe('valid');
  });

  it('shows the state per category and the log', async () => {
    const shown = await sift(
      database,
      'consent',
      'show',
      '--contact',
      'ann@example.com',
      '--now',
      '2024-02-05T00:00:00Z',
      '--json',
    );
    expect(shown.code).toBe(0);
    const body = JSON.parse(shown.stdout);
    const states = Object.fromEntries(
      body.categories.map((c: { key: string; state: string }) => [c.key, c.state]),
    );
    expect(states).toMatchObject({
      marketing: 'valid',
      sales_viewing: 'withdrawn',
      owners_service: 'never_given',
    });
    expect(body.log[0]).toMatchObject({
      action: 'grant',
      actor: 'operator',
      source: 'cli',
      reason: 'fair signup',
    });
    const text = await sift(
      database,
      'consent',
      'show',
      '--contact',
      'bob@example.com',
      '--now',
      '2024-03-11T00:00:00Z',
    );
    // The default workspace is in UTC: the window closed at midnight after the departure day.
    expect(text.stdout).toMatch(/booking_marketing\s+expired/);
  });

  it('rejects both --category and --all, an unknown contact and an unknown actor', async () => {
    const both = await sift(
      database,
      'consent',
      'grant',
      '--contact',
      'ann@example.com',
      '--category',
      'marketing',
      '--all',
      '--by',
      'contact',
    );
    expect(both.code).toBe(65);
    expect(both.stderr).toContain('either one category or all');
    const unknown = await sift(
      database,
      'consent',
      'grant',
      '--contact',
      'nobody@example.com',
      '--all',
      '--by',
      'contact',
    );
    expect(unknown.code).toBe(66);
    const actor = await sift(
      database,
      'consent',
      'grant',
      '--contact',
      'ann@example.com',
      '--all',
      '--by',
      'robot',
    );
    expect(actor.stderr).toContain('--by must be "contact" or "operator"');
  });

  it('creates and lists categories', async () => {
    const created = await sift(
      database,
      'consent',
      'category',
      'create',
      'events_news',
      '--label',
      'Event news',
    );
    expect(created.code).toBe(0);
    const listed = await sift(database, 'consent', 'category', 'list', '--json');
    const keys = JSON.parse(listed.stdout).map((c: { key: string }) => c.key);
    expect(keys).toEqual([
      'marketing',
      'booking_marketing',
      'sales_viewing',
      'sales_real_estate',
      'owners_marketing',
      'owners_service',
      'events_news',
    ]);
  });
});
