/**
 * `sift import events FILE` and `sift import bookings FILE` (SPEC §5, §7).
 * Both stream their file, print the shared import summary and exit 2 when a row was rejected.
 */
import type { Readable } from 'node:stream';
import type { Command } from 'commander';
import { importBookings } from '../../bookings/index.js';
import { importEvents } from '../../events/index.js';
import {
  createImportProgress,
  type ImportProgress,
  type ImportSummary,
  openImportFile,
  printImportSummary,
} from '../../shared/batch-import.js';
import {
  addCommonOptions,
  type CommandContext,
  type CommonOptions,
  runWithContext,
} from '../context.js';
import { importCommand } from './import.js';

interface FileImport<Summary> {
  context: CommandContext;
  file: string;
  label: string;
  run: (input: Readable, progress: ImportProgress) => Promise<Summary>;
}

/** Opens the file and draws progress by bytes read, on a terminal only. */
async function withFileProgress<Summary extends ImportSummary>(
  options: FileImport<Summary>,
): Promise<Summary> {
  const opened = openImportFile(options.file);
  const progress = createImportProgress({
    interactive: options.context.interactive && !options.context.json,
    totalBytes: opened.totalBytes,
    bytesRead: opened.bytesRead,
    label: options.label,
  });
  try {
    return await options.run(opened.stream, progress);
  } finally {
    progress.stop();
    opened.stream.destroy();
  }
}

async function runEventsImport(file: string, context: CommandContext): Promise<number> {
  const summary = await withFileProgress({
    context,
    file,
    label: 'events',
    run: (input, progress) =>
      importEvents({
        store: context.store,
        workspaceId: context.workspace.id,
        input,
        now: context.now,
        onProgress: progress.update,
      }),
  });
  const status = printImportSummary(context, summary, { noun: 'events' });
  if (!context.json && summary.duplicates > 0) {
    context.print(`${summary.duplicates} duplicate events (an id seen before) were ignored`);
  }
  return status;
}

async function runBookingsImport(file: string, context: CommandContext): Promise<number> {
  const summary = await withFileProgress({
    context,
    file,
    label: 'bookings',
    run: (input, progress) =>
      importBookings({
        store: context.store,
        workspace: context.workspace,
        input,
        now: context.now,
        onProgress: progress.update,
      }),
  });
  return printImportSummary(context, summary, { noun: 'bookings' });
}

export function registerImportEventsCommands(program: Command): void {
  const group = importCommand(program);
  addCommonOptions(
    group
      .command('events <file>')
      .description(
        'Import events from an NDJSON file (one JSON object a line); ids make retries idempotent',
      ),
  ).action((file: string, options: CommonOptions) =>
    runWithContext(options, (context) => runEventsImport(file, context)),
  );
  addCommonOptions(
    group
      .command('bookings <file>')
      .description(
        'Import reservations from a bookings CSV; creates or updates the bookers (consent booking_marketing)',
      ),
  ).action((file: string, options: CommonOptions) =>
    runWithContext(options, (context) => runBookingsImport(file, context)),
  );
}
