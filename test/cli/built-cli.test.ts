import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeEachStore } from '../support/stores.js';

// bin/sift.js as installed: the bundle from `npm run build` (scripts/build-cli.mjs), compiled
// through its code cache. The other CLI tests run the sources through tsx.
const root = join(import.meta.dirname, '..', '..');
const bundle = join(root, 'dist', 'cli-bundle', 'sift.cjs');
const built = existsSync(bundle);
if (!built && process.env.CI) throw new Error(`${bundle} is missing: run npm run build first`);
if (!built) console.warn('Built CLI tests skipped: no dist/cli-bundle (npm run build)');

const directory = mkdtempSync(join(tmpdir(), 'sift-built-cli-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function sift(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ['bin/sift.js', ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const segment = {
  key: 'dutch',
  name: 'Dutch contacts',
  condition: { type: 'field', field: 'country', op: 'eq', value: 'NL' },
};

describe.skipIf(!built)('bin/sift.js from the bundle', () => {
  it('lists every command group', () => {
    const help = sift(['--help']);
    expect(help.status).toBe(0);
    for (const group of ['serve', 'import', 'segment', 'consent', 'preference', 'apikey']) {
      expect(help.stdout).toContain(group);
    }
  });

  describeEachStore('import, create and count', (context) => {
    it('imports contacts through the bundled parsing worker and counts a segment', () => {
      const csv = join(directory, `contacts-${Math.random().toString(36).slice(2)}.csv`);
      writeFileSync(
        csv,
        'email,first_name,country\nanna@example.nl,Anna,NL\nbob@example.be,Bob,BE\ncees@example.nl,Cees,NL\n',
      );
      const db = ['--db', context().url];
      const imported = sift(['import', 'contacts', csv, '--consent', 'marketing', ...db, '--json']);
      expect(imported.stderr).toBe('');
      expect(JSON.parse(imported.stdout)).toMatchObject({ rows: 3, created: 3, rejectedCount: 0 });

      const created = sift(['segment', 'create', '-', ...db, '--json'], JSON.stringify(segment));
      expect(created.status).toBe(0);
      // Twice: the first run may write the code cache, the second compiles from it.
      for (let run = 0; run < 2; run += 1) {
        const counted = sift(['segment', 'count', 'dutch', ...db, '--json']);
        expect(counted).toMatchObject({ status: 0, stdout: '{"count": 2}\n', stderr: '' });
      }
      const members = sift(['segment', 'members', 'dutch', ...db, '--csv']);
      expect(members.status).toBe(0);
      expect(members.stdout.trim().split('\n').slice(1)).toEqual([
        expect.stringContaining('anna@example.nl'),
        expect.stringContaining('cees@example.nl'),
      ]);
      const unknown = sift(['segment', 'count', 'nobody', ...db, '--json']);
      expect(unknown.status).toBe(66);
      expect(JSON.parse(unknown.stdout).error.code).toBe('not_found');
    });
  });
});
