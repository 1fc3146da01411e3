import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const directory = mkdtempSync(join(tmpdir(), 'sift-cli-api-'));
const database = join(directory, 'sift.db');

afterAll(() => rmSync(directory, { recursive: true, force: true }));

function sift(args: string[]): ChildProcess {
  return spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', ...args, '--db', database],
    {
      cwd: root,
      env: { ...process.env, SIFT_LOG_LEVEL: 'silent' },
    },
  );
}

async function run(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = sift(args);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr };
}

describe('sift apikey', () => {
  it('creates a key once, lists its prefix and revokes it', async () => {
    const created = await run(['apikey', 'create', '--name', 'shop', '--json']);
    expect(created.code).toBe(0);
    const key = JSON.parse(created.stdout);
    expect(key).toMatchObject({ name: 'shop', workspace: 'default' });
    expect(key.key).toMatch(/^sift_/);

    const plain = await run(['apikey', 'create']);
    expect(plain.stdout.trim()).toMatch(/^sift_[A-Za-z0-9_-]{43}$/);
    expect(plain.stderr).toContain('not shown again');

    const listed = JSON.parse((await run(['apikey', 'list', '--json'])).stdout);
    expect(listed.map((entry: { name: string }) => entry.name)).toEqual(['shop', 'default']);
    expect(JSON.stringify(listed)).not.toContain(key.key);
    expect(listed[0].prefix).toBe(key.key.slice(0, 12));

    expect((await run(['apikey', 'revoke', String(key.id)])).code).toBe(0);
    const after = JSON.parse((await run(['apikey', 'list', '--json'])).stdout);
    expect(after.map((entry: { id: number }) => entry.id)).not.toContain(key.id);

    const missing = await run(['apikey', 'revoke', String(key.id), '--json']);
    expect(missing.code).toBe(66);
    expect(JSON.parse(missing.stdout).error.code).toBe('not_found');
  });
});

describe('sift serve', () => {
  it('prints its URL, serves requests and stops cleanly on SIGTERM', async () => {
    const created = JSON.parse((await run(['apikey', 'create', '--json'])).stdout);
    const child = sift(['serve', '--port', '0', '--json']);
    let stdout = '';
    const started = new Promise<{ url: string }>((resolve) => {
      child.stdout?.on('data', (chunk) => {
        stdout += chunk;
        if (stdout.trim().endsWith('}')) resolve(JSON.parse(stdout));
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const { url } = await started;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${url}/v1/workspace`, {
      headers: { Authorization: `Bearer ${created.key}` },
    });
    expect((await response.json()).key).toBe('default');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('rejects a bad port with a usage error', async () => {
    const result = await run(['serve', '--port', 'eighty']);
    expect(result.code).toBe(65);
    expect(result.stderr).toContain('--port');
  });
});
