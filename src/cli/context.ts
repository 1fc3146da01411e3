import type { Command } from 'commander';
import { errorBody, exitStatusOf, SiftError, toSiftError } from '../shared/errors.js';
import { requireInstant } from '../shared/time.js';
import { openStore, resolveDatabaseLocation, type Store } from '../store/index.js';
import { resolveWorkspace, type Workspace } from '../workspaces/index.js';

/** Options every command takes (SPEC §5). */
export interface CommonOptions {
  db?: string;
  workspace?: string;
  now?: string;
  json?: boolean;
}

export interface CommandContext {
  store: Store;
  workspace: Workspace;
  /** The evaluation or write instant: `--now`, else the current time. */
  now: number;
  json: boolean;
  /** True when stderr is a terminal: only then is progress drawn. */
  interactive: boolean;
  print(text: string): void;
  printJson(value: unknown): void;
}

export function addCommonOptions(command: Command, options: { now?: boolean } = {}): Command {
  command
    .option(
      '--db <location>',
      'SQLite file or postgres:// URL (default ./sift.db or $SIFT_DATABASE_URL)',
    )
    .option('--workspace <key>', 'workspace key (default: "default")')
    .option('--json', 'machine-readable JSON output');
  if (options.now !== false) {
    command.option('--now <instant>', 'ISO 8601 instant to evaluate or record at (default: now)');
  }
  return command;
}

export function parseNow(now: string | undefined): number {
  return now === undefined ? Date.now() : requireInstant(now, '--now');
}

/** Sets by runCli; commands report their exit status through it. */
export const exitState = { code: 0 };

/**
 * Opens the store and workspace, runs the command and closes the store. Every error becomes
 * one message on stderr (or a JSON error body with --json) and an exit status from one table.
 */
export async function runWithContext(
  options: CommonOptions,
  action: (context: CommandContext) => Promise<number | undefined>,
): Promise<void> {
  let store: Store | undefined;
  try {
    const now = parseNow(options.now);
    store = await openStore(resolveDatabaseLocation(options.db));
    const workspace = await resolveWorkspace(store.db, options.workspace, now);
    const context: CommandContext = {
      store,
      workspace,
      now,
      json: options.json === true,
      interactive: process.stderr.isTTY === true,
      print: (text) => process.stdout.write(`${text}\n`),
      printJson: (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    };
    exitState.code = (await action(context)) ?? 0;
  } catch (error) {
    exitState.code = reportError(error, options.json === true);
  } finally {
    await store?.close();
  }
}

export function reportError(error: unknown, json: boolean): number {
  const siftError = toSiftError(error);
  if (json) {
    process.stdout.write(`${JSON.stringify(errorBody(siftError), null, 2)}\n`);
  } else {
    const where = siftError.path ? ` (at ${siftError.path})` : '';
    process.stderr.write(`error: ${siftError.message}${where}\n`);
    for (const detail of siftError.details ?? []) {
      process.stderr.write(`  ${detail.path ? `${detail.path}: ` : ''}${detail.message}\n`);
    }
  }
  if (siftError.code === 'internal') {
    process.stderr.write(
      `${siftError.cause instanceof Error ? siftError.cause.stack : String(siftError.cause)}\n`,
    );
  }
  return exitStatusOf(siftError.code);
}

export function usageError(message: string, path?: string): SiftError {
  return new SiftError('invalid_input', message, path === undefined ? {} : { path });
}
