import type { Command } from 'commander';
import {
  ConsentChangeRequest,
  type ConsentChangeResult,
  type ContactConsent,
  createConsentCategory,
  grantConsent,
  listConsentCategories,
  readContactConsent,
  targetOf,
  withdrawConsent,
} from '../../consent/index.js';
import { findContactIds, parseContactReference } from '../../contacts/index.js';
import { SiftError } from '../../shared/errors.js';
import { isoInstant } from '../../shared/time.js';
import {
  addCommonOptions,
  type CommandContext,
  type CommonOptions,
  runWithContext,
} from '../context.js';

/**
 * `sift consent grant|withdraw|show` and `sift consent category list|create` (SPEC §3, §5).
 * Writes are recorded with source `cli` at `--now` (default: the current time).
 */

interface ChangeOptions extends CommonOptions {
  contact: string;
  category?: string;
  all?: boolean;
  by: string;
  reason?: string;
}

async function resolveContact(context: CommandContext, text: string) {
  const reference = parseContactReference(text);
  const [id] = await findContactIds(context.store.db, context.workspace.id, [reference]);
  if (id === undefined) {
    throw new SiftError(
      'not_found',
      `No contact "${text}" in workspace "${context.workspace.key}"`,
      { path: 'contact' },
    );
  }
  return { id, label: text.trim() };
}

function parseChange(options: ChangeOptions): ConsentChangeRequest {
  const parsed = ConsentChangeRequest.safeParse({
    category: options.category,
    all: options.all === true ? true : undefined,
    by: options.by,
    reason: options.reason,
  });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.join('.') || undefined;
  const message =
    path === 'by' ? '--by must be "contact" or "operator"' : (issue?.message ?? 'invalid');
  throw new SiftError('invalid_input', message, path === undefined ? {} : { path });
}

function printChange(
  context: CommandContext,
  input: { contact: string; by: string; result: ConsentChangeResult },
): void {
  const { result } = input;
  if (context.json) {
    context.printJson({
      contact: { id: result.contactId, reference: input.contact },
      action: result.action,
      by: input.by,
      recorded_at: isoInstant(context.now),
      categories: result.categories,
    });
    return;
  }
  const verb = result.action === 'grant' ? 'Granted' : 'Withdrew';
  context.print(
    `${verb} consent for ${input.contact} (by ${input.by}) at ${isoInstant(context.now)}:`,
  );
  for (const category of result.categories) {
    context.print(`  ${category.key.padEnd(20)} ${category.state.padEnd(12)} ${category.because}`);
  }
}

function registerChange(group: Command, action: 'grant' | 'withdraw'): void {
  const description =
    action === 'grant'
      ? 'Record that the contact gave consent (an operator cannot re-grant what the contact withdrew)'
      : 'Record that consent was withdrawn';
  addCommonOptions(group.command(action))
    .description(description)
    .requiredOption('--contact <email>', 'the contact: email (or phone, external id, id)')
    .option('--category <key>', 'one consent category')
    .option('--all', 'every marketing category (service categories are left alone)')
    .requiredOption('--by <actor>', 'who asked: contact or operator')
    .option('--reason <text>', 'why, for the audit log')
    .action((options: ChangeOptions) =>
      runWithContext(options, async (context) => {
        const request = parseChange(options);
        const contact = await resolveContact(context, options.contact);
        const change = action === 'grant' ? grantConsent : withdrawConsent;
        const result = await change(context.store.db, {
          workspace: context.workspace,
          contactId: contact.id,
          target: targetOf(request),
          actor: request.by,
          source: 'cli',
          reason: request.reason,
          recordedAt: context.now,
        });
        printChange(context, { contact: contact.label, by: request.by, result });
        return 0;
      }),
    );
}

function consentJson(contactId: number, now: number, consent: ContactConsent) {
  return {
    contact: { id: contactId },
    now: isoInstant(now),
    categories: consent.categories.map((category) => {
      const decided = consent.decisions[category.key]!;
      return {
        key: category.key,
        label: category.label,
        kind: category.kind,
        time_bound: category.timeBound,
        state: decided.state,
        rule: decided.rule,
        because: decided.because,
      };
    }),
    log: consent.log.map((entry) => ({
      id: entry.id,
      category: entry.category,
      action: entry.action,
      actor: entry.actor,
      source: entry.source,
      reason: entry.reason,
      recorded_at: isoInstant(entry.recordedAt),
    })),
  };
}

function printConsent(context: CommandContext, label: string, consent: ContactConsent): void {
  context.print(`Consent of ${label} at ${isoInstant(context.now)}:`);
  for (const category of consent.categories) {
    const decided = consent.decisions[category.key]!;
    context.print(`  ${category.key.padEnd(20)} ${decided.state.padEnd(12)} ${decided.because}`);
  }
  context.print('Log:');
  if (consent.log.length === 0) context.print('  (empty)');
  for (const entry of consent.log) {
    const later = entry.recordedAt > context.now ? ' (after --now)' : '';
    const reason = entry.reason === null ? '' : ` — ${entry.reason}`;
    context.print(
      `  ${isoInstant(entry.recordedAt)} ${entry.action} ${entry.category} by ${entry.actor} (${entry.source})${reason}${later}`,
    );
  }
}

function registerShow(group: Command): void {
  addCommonOptions(group.command('show'))
    .description("Show a contact's state per consent category at --now, and the consent log")
    .requiredOption('--contact <email>', 'the contact: email (or phone, external id, id)')
    .action((options: CommonOptions & { contact: string }) =>
      runWithContext(options, async (context) => {
        const contact = await resolveContact(context, options.contact);
        const consent = await readContactConsent(context.store.db, {
          workspaceId: context.workspace.id,
          timeZone: context.workspace.timeZone,
          contactId: contact.id,
          now: context.now,
        });
        if (context.json) context.printJson(consentJson(contact.id, context.now, consent));
        else printConsent(context, contact.label, consent);
        return 0;
      }),
    );
}

function registerCategoryCommands(group: Command): void {
  const category = group.command('category').description('Consent categories of the workspace');
  addCommonOptions(category.command('list'), { now: false })
    .description('List the consent categories')
    .action((options: CommonOptions) =>
      runWithContext(options, async (context) => {
        const categories = await listConsentCategories(context.store.db, context.workspace.id);
        if (context.json) {
          context.printJson(
            categories.map((c) => ({
              key: c.key,
              label: c.label,
              kind: c.kind,
              time_bound: c.timeBound,
              created_at: isoInstant(c.createdAt),
            })),
          );
          return 0;
        }
        for (const c of categories) {
          const notes = [c.kind, ...(c.timeBound ? ['time-bound'] : [])].join(', ');
          context.print(`${c.key.padEnd(20)} ${c.label} (${notes})`);
        }
        return 0;
      }),
    );
  addCommonOptions(category.command('create <key>'))
    .description('Create a custom consent category (never time-bound)')
    .requiredOption('--label <text>', 'the name contacts and marketers see')
    .option('--kind <kind>', 'marketing or service', 'marketing')
    .action((key: string, options: CommonOptions & { label: string; kind: string }) =>
      runWithContext(options, async (context) => {
        const created = await createConsentCategory(context.store.db, {
          workspaceId: context.workspace.id,
          category: { key, label: options.label, kind: options.kind },
          now: context.now,
        });
        if (context.json) {
          context.printJson({
            key: created.key,
            label: created.label,
            kind: created.kind,
            time_bound: false,
          });
        } else {
          context.print(`Created consent category ${created.key} (${created.kind})`);
        }
        return 0;
      }),
    );
}

export function registerConsentCommands(program: Command): void {
  const group = program
    .command('consent')
    .description('Grant, withdraw and show consent; manage consent categories (SPEC §3)');
  registerChange(group, 'grant');
  registerChange(group, 'withdraw');
  registerShow(group);
  registerCategoryCommands(group);
}
