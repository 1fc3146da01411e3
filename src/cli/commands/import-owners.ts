import type { Command } from 'commander';
import { importOwnersCsv } from '../../owners/index.js';
import {
  createImportProgress,
  openImportFile,
  printImportSummary,
} from '../../shared/batch-import.js';
import { addCommonOptions, type CommonOptions, runWithContext, usageError } from '../context.js';
import { importCommand } from './import.js';

interface ImportOwnersOptions extends CommonOptions {
  consent?: string;
  tags?: string;
}

function splitList(text: string | undefined, separator: string): string[] {
  return (text ?? '')
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

const ownersHelp = `
The file is a contacts CSV (see "sift import contacts --help"). Every row joins the built-in
Owners list and gets the consent categories owners_marketing and owners_service; contacts
created by this import have source "owner". Exit status 2 when any row was rejected.

Example:
  $ sift import owners owners.csv
  $ sift import owners owners.csv --consent marketing --tags "residence-a" --json`;

export function registerImportOwnersCommands(program: Command): void {
  addCommonOptions(importCommand(program).command('owners <file>'))
    .description('Import property owners from a contacts CSV (Owners list, owner consent)')
    .option(
      '--consent <keys>',
      'categories granted besides the two owner categories, comma-separated',
    )
    .option('--tags <tags>', 'tags added to every row, ;-separated')
    .addHelpText('after', ownersHelp)
    .action((file: string, options: ImportOwnersOptions) =>
      runWithContext(options, async (context) => {
        if (file.trim() === '') throw usageError('name the CSV file to import', 'file');
        const opened = openImportFile(file);
        const progress = createImportProgress({
          interactive: context.interactive && !context.json,
          totalBytes: opened.totalBytes,
          bytesRead: opened.bytesRead,
          label: 'owners',
        });
        try {
          const summary = await importOwnersCsv({
            store: context.store,
            workspaceId: context.workspace.id,
            input: opened.stream,
            consent: splitList(options.consent, ','),
            tags: splitList(options.tags, ';'),
            now: context.now,
            onProgress: progress.update,
          });
          progress.stop();
          return printImportSummary(context, summary, { noun: 'owners' });
        } finally {
          progress.stop();
          opened.stream.destroy();
        }
      }),
    );
}
