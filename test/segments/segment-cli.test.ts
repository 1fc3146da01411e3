import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { createSegmentWorld, type SegmentWorld, testNowIso } from './segment-test-data.js';

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `sift` from source as a separate process, as a user (or the acceptance suite) would. */
function sift(args: string[], input?: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: process.cwd(),
      env: { ...process.env, SIFT_DATABASE_URL: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

describe('sift segment (SQLite file)', () => {
  let directory: string;
  let world: SegmentWorld;
  const common = () => ['--db', join(directory, 'sift.db'), '--workspace', world.workspace.key];
  const file = (name: string, content: unknown) => {
    const path = join(directory, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'sift-segment-cli-'));
    const store = await openStore(join(directory, 'sift.db'));
    world = await createSegmentWorld(store);
    await store.close();
  });

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('creates segments from files and from stdin', async () => {
    const nl = file('nl.json', {
      key: 'nl',
      name: 'Dutch',
      condition: { type: 'field', field: 'country', op: 'eq', value: 'NL' },
    });
    const created = await sift(['segment', 'create', nl, ...common()]);
    expect(created).toMatchObject({ code: 0, stdout: 'Created segment nl (rules, version 1)\n' });
    const vip = JSON.stringify({
      key: 'nl-vip',
      name: 'Dutch VIPs',
      parent: 'nl',
      condition: { type: 'tag', op: 'has_any', tags: ['vip'] },
    });
    const piped = await sift(['segment', 'create', '-', '--json', ...common()], vip);
    expect(piped.code).toBe(0);
    expect(JSON.parse(piped.stdout)).toMatchObject({
      key: 'nl-vip',
      parent: 'nl',
      version: 1,
      kind: 'rules',
    });
  });

  it('prints every validation problem with its path and exits non-zero', async () => {
    const bad = file('bad.json', {
      key: 'bad',
      name: 'Bad',
      condition: {
        type: 'all',
        conditions: [
          { type: 'field', field: 'colour', op: 'eq', value: 'red' },
          { type: 'event', event: 'purchase', within: { last: 'P1Y' } },
        ],
      },
    });
    const text = await sift(['segment', 'create', bad, ...common()]);
    expect(text.code).toBe(65);
    expect(text.stdout).toBe('');
    expect(text.stderr).toContain('condition.conditions[0].field: no field "colour"');
    expect(text.stderr).toContain('condition.conditions[1].within.last:');
    const json = await sift(['segment', 'create', bad, '--json', ...common()]);
    expect(json.code).toBe(65);
    const body = JSON.parse(json.stdout);
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.map((detail: { path: string }) => detail.path)).toEqual([
      'condition.conditions[0].field',
      'condition.conditions[1].within.last',
    ]);
    const broken = await sift(['segment', 'create', file('broken.json', '{"key": '), ...common()]);
    expect(broken.code).toBe(65);
    expect(broken.stderr).toContain('is not valid JSON');
  });

  it('lists members as JSON ordered by id, and counts them', async () => {
    const members = await sift([
      'segment',
      'members',
      'nl',
      '--json',
      '--now',
      testNowIso,
      ...common(),
    ]);
    expect(members.code).toBe(0);
    const { anna, carl } = world.ids;
    expect(members.stdout).toBe(
      `[\n${JSON.stringify({ id: anna, email: 'anna@example.nl', external_id: null, phone: null, first_name: 'Anna', last_name: null })},\n` +
        `${JSON.stringify({ id: carl, email: 'carl@example.nl', external_id: null, phone: '+31612345678', first_name: null, last_name: null })}\n]\n`,
    );
    const count = await sift([
      'segment',
      'count',
      'nl',
      '--json',
      '--now',
      testNowIso,
      ...common(),
    ]);
    expect(count).toMatchObject({ code: 0, stdout: '{"count": 2}\n' });
    const page = await sift([
      'segment',
      'members',
      'nl',
      '--json',
      '--limit',
      '1',
      '--after',
      String(anna),
      ...common(),
    ]);
    expect(JSON.parse(page.stdout).map((member: { id: number }) => member.id)).toEqual([carl]);
  });

  it('writes an empty array for an empty segment and CSV with a header', async () => {
    const dutchBookers = JSON.stringify({
      key: 'dutch-bookers',
      name: 'Dutch bookers',
      parent: 'nl',
      condition: { type: 'reservation' },
    });
    expect((await sift(['segment', 'create', '-', ...common()], dutchBookers)).code).toBe(0);
    const empty = await sift(['segment', 'members', 'dutch-bookers', '--json', ...common()]);
    expect(empty).toMatchObject({ code: 0, stdout: '[]\n' });
    const csv = await sift(['segment', 'members', 'nl', '--csv', ...common()]);
    expect(csv.stdout).toBe(
      'id,email,external_id,phone,first_name,last_name\n' +
        `${world.ids.anna},anna@example.nl,,,Anna,\n${world.ids.carl},carl@example.nl,,+31612345678,,\n`,
    );
  });

  it('explains with ✓ and ✗ per node', async () => {
    const explained = await sift([
      'segment',
      'explain',
      'nl-vip',
      '--contact',
      'carl@example.nl',
      '--now',
      testNowIso,
      ...common(),
    ]);
    expect(explained.code).toBe(0);
    expect(explained.stdout.split('\n').slice(0, 5)).toEqual([
      `carl@example.nl is OUT nl-vip at 2026-03-01T12:00:00.000Z`,
      '✗ segment nl-vip (Dutch VIPs)',
      '  ✓ segment nl (Dutch)',
      '    ✓ country eq "NL" — found "nl"',
      '  ✗ tag has_any vip — has none',
    ]);
    const unknown = await sift([
      'segment',
      'explain',
      'nl-vip',
      '--contact',
      'nobody@example.nl',
      ...common(),
    ]);
    expect(unknown.code).toBe(66);
  });

  it('refuses to delete a segment with dependents, then deletes it when free', async () => {
    const refused = await sift(['segment', 'delete', 'nl', ...common()]);
    expect(refused.code).toBe(65);
    expect(refused.stderr).toContain('"nl-vip" (its child)');
    expect(refused.stderr).toContain('"dutch-bookers" (its child)');
    const deleted = await sift(['segment', 'delete', 'dutch-bookers', ...common()]);
    expect(deleted).toMatchObject({ code: 0, stdout: 'Deleted segment dutch-bookers\n' });
    const list = await sift(['segment', 'list', '--json', ...common()]);
    const keys = JSON.parse(list.stdout).map((segment: { key: string }) => segment.key);
    expect(keys).toContain('nl-vip');
    expect(keys).not.toContain('dutch-bookers');
    expect(keys[0]).toBe('consent-marketing');
  });
});
