import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { findContact, parseContactReference } from '../../contacts/index.js';
import {
  normaliseLanguageTag,
  preferenceLink,
  readWorkspacePreferenceTexts,
  setWorkspacePreferenceTexts,
  unsubscribeLink,
} from '../../preferences/index.js';
import { SiftError } from '../../shared/errors.js';
import { addCommonOptions, type CommonOptions, runWithContext, usageError } from '../context.js';

interface LinkOptions extends CommonOptions {
  contact?: string;
  baseUrl?: string;
}

/** Where the server is reached from outside: `--base-url`, else `SIFT_PUBLIC_URL`. */
function baseUrlOf(option: string | undefined): string {
  const base = option ?? process.env.SIFT_PUBLIC_URL ?? 'http://127.0.0.1:8080';
  if (!/^https?:\/\/[^/\s]+/.test(base)) {
    throw usageError(`--base-url must be an http(s) URL, got "${base}"`, 'base-url');
  }
  return base;
}

function registerLink(group: Command): void {
  addCommonOptions(group.command('link'), { now: false })
    .description("Print a contact's signed preference center link (and one-click unsubscribe URL)")
    .requiredOption('--contact <contact>', 'email, phone, external id or contact id')
    .option(
      '--base-url <url>',
      'public URL of the server (default $SIFT_PUBLIC_URL or http://127.0.0.1:8080)',
    )
    .action((options: LinkOptions) =>
      runWithContext(options, async (context) => {
        const base = baseUrlOf(options.baseUrl);
        const contact = await findContact(context.store.db, {
          workspaceId: context.workspace.id,
          reference: parseContactReference(options.contact ?? ''),
        });
        if (!contact) {
          throw new SiftError('not_found', `No contact matches "${options.contact}"`, {
            path: 'contact',
          });
        }
        const link = preferenceLink(context.workspace, contact.id, base);
        const unsubscribe = unsubscribeLink(context.workspace, contact.id, base);
        if (context.json) context.printJson({ contact_id: contact.id, link, unsubscribe });
        else context.print(link);
        return 0;
      }),
    );
}

function registerTexts(group: Command): void {
  const texts = group
    .command('texts')
    .description('The words of the preference center per language (Sift ships en and nl)');
  addCommonOptions(texts.command('set <language> <file>'))
    .description(
      "Set the workspace's texts for a language from a JSON file (replaces earlier ones)",
    )
    .action((language: string, file: string, options: CommonOptions) =>
      runWithContext(options, async (context) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(readFileSync(file, 'utf8'));
        } catch (error) {
          throw new SiftError('invalid_input', `Cannot read JSON from "${file}"`, { cause: error });
        }
        const saved = await setWorkspacePreferenceTexts(context.store.db, {
          workspaceId: context.workspace.id,
          language,
          texts: parsed,
          now: context.now,
        });
        if (context.json) context.printJson(saved);
        else
          context.print(`Saved ${Object.keys(saved.texts).length} texts for "${saved.language}"`);
        return 0;
      }),
    );
  addCommonOptions(texts.command('show [language]'), { now: false })
    .description("Show the workspace's own texts (all languages, or one)")
    .action((language: string | undefined, options: CommonOptions) =>
      runWithContext(options, async (context) => {
        const all = await readWorkspacePreferenceTexts(context.store.db, context.workspace.id);
        const wanted = language === undefined ? undefined : normaliseLanguageTag(language);
        const shown = Object.fromEntries(
          [...all].filter(([tag]) => wanted === undefined || tag === wanted),
        );
        context.printJson(shown);
        return 0;
      }),
    );
}

export function registerPreferenceCommands(program: Command): void {
  const group = program
    .command('preference')
    .description('The preference center: signed links and texts');
  registerLink(group);
  registerTexts(group);
}
