/**
 * The shared `sift import` command group, with `sift import contacts`. Other importers add
 * their subcommand from their own file:
 *
 *   import { importCommand } from './import.js';
 *   export function registerImportEventsCommands(program: Command): void {
 *     addCommonOptions(importCommand(program).command('events <file>'))...;
 *   }
 *
 * `importCommand(program)` finds or creates the group, so the registration order in
 * `commands/index.ts` does not matter.
 */
import type { Command } from 'commander';
import { importContactsCsv } from '../../contacts/index.js';
import {
  createImportProgress,
  openImportFile,
  printImportSummary,
} from '../../shared/batch-import.js';
import {
  addCommonOptions,
  type CommandContext,
  type CommonOptions,
  runWithContext,
  usageError,
} from '../context.js';

export function importCommand(program: Command): Command {
  const existing = program.commands.find((command) => command.name() === 'import');
  if (existing) return existing;
  return program
    .command('import')
    .description('Import contacts, events or bookings from a file (formats: SPEC §7)');
}

interface ImportContactsOptions extends CommonOptions {
  consent?: string;
  list?: string;
  tags?: string;
  batchSize?: string;
}

function splitList(text: string | undefined, separator: string): string[] {
  if (text === undefined) return [];
  return text
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function batchSizeOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const size = Number(text);
  if (!Number.isInteger(size) || size < 1 || size > 100_000) {
    throw usageError('--batch-size must be an integer from 1 to 100000', 'batch-size');
  }
  return size;
}

async function runImportContacts(
  file: string,
  options: ImportContactsOptions,
  context: CommandContext,
): Promise<number> {
  const consent = splitList(options.consent, ',');
  if (consent.length === 0) {
    throw usageError(
      '--consent is required: the categories the contacts gave, e.g. --consent marketing',
      'consent',
    );
  }
  const batchSize = batchSizeOf(options.batchSize);
  const opened = openImportFile(file);
  const progress = createImportProgress({
    interactive: context.interactive && !context.json,
    totalBytes: opened.totalBytes,
    bytesRead: opened.bytesRead,
    label: 'contacts',
  });
  try {
    const summary = await importContactsCsv({
      store: context.store,
      workspaceId: context.workspace.id,
      input: opened.stream,
      consent,
      listKey: options.list,
      tags: splitList(options.tags, ';'),
      now: context.now,
      batchSize,
      onProgress: progress.update,
    });
    progress.stop();
    return printImportSummary(context, summary, { noun: 'contacts' });
  } finally {
    progress.stop();
    opened.stream.destroy();
  }
}

const contactsHelp = `
The file: UTF-8 CSV, a header row of field keys (standard or custom, any case), RFC 4180
quoting. A "tags" column and multiselect fields hold ;-separated values; booleans are
true/false; numbers plain decimals; dates YYYY-MM-DD. An empty cell never erases a value.
Rows match existing contacts by email, then external_id, then phone. Unknown columns refuse
the whole file before anything is written (create them with "sift field create").
Exit status 2 when any row was rejected (each is listed with its line and reason).

Example:
  $ sift import contacts guests.csv --consent marketing --list newsletter --tags "spring;guest"
  $ sift import contacts guests.csv --consent marketing,sales_viewing --json --now 2026-03-01T00:00:00Z`;

function registerImportContacts(group: Command): void {
  addCommonOptions(group.command('contacts <file>'))
    .description('Import contacts from a CSV file (created or updated, with consent)')
    .option('--consent <keys>', 'consent categories the contacts gave, comma-separated (required)')
    .option('--list <key>', "add the rows' contacts to this list (created when missing)")
    .option('--tags <tags>', 'tags added to every row, ;-separated (e.g. "vip;spring")')
    .option(
      '--batch-size <rows>',
      'rows per transaction (default 5000 on SQLite, 2000 on PostgreSQL)',
    )
    .addHelpText('after', contactsHelp)
    .action((file: string, options: ImportContactsOptions) =>
      runWithContext(options, (context) => runImportContacts(file, options, context)),
    );
}

export function registerImportCommands(program: Command): void {
  registerImportContacts(importCommand(program));
}
