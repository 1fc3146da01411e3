/** `sift field create|list` and `sift contact show|list`. */
import type { Command } from 'commander';
import {
  type Contact,
  contactToJson,
  createField,
  type FieldDefinition,
  fieldTypes,
  findContact,
  getContact,
  listContacts,
  listFields,
  listsOfContact,
  loadFieldCoercers,
  maxPageSize,
  parseContactReference,
} from '../../contacts/index.js';
import { SiftError } from '../../shared/errors.js';
import { isoInstant } from '../../shared/time.js';
import {
  addCommonOptions,
  type CommandContext,
  type CommonOptions,
  runWithContext,
  usageError,
} from '../context.js';

interface FieldCreateOptions extends CommonOptions {
  type?: string;
  options?: string;
  label?: string;
}

function fieldJson(field: FieldDefinition) {
  return {
    key: field.key,
    label: field.label,
    type: field.type,
    options: field.options,
    created_at: isoInstant(field.createdAt),
  };
}

export function registerFieldCommands(program: Command): void {
  const group = program.command('field').description('Custom contact fields');
  addCommonOptions(group.command('create <key>'))
    .description('Create a custom field (key: lower-case letters, digits and _)')
    .option('--type <type>', `one of ${fieldTypes.join(', ')}`)
    .option('--options <a,b>', 'the choices of a select or multiselect field, comma-separated')
    .option('--label <text>', 'the name shown in the web UI (default: the key)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ sift field create loyalty_points --type number --label "Loyalty points"\n' +
        '  $ sift field create tier --type select --options gold,silver,bronze',
    )
    .action((key: string, options: FieldCreateOptions) =>
      runWithContext(options, async (context) => {
        if (options.type === undefined)
          throw usageError(`--type is required (${fieldTypes.join(', ')})`, 'type');
        const field = await createField(context.store.db, {
          workspaceId: context.workspace.id,
          now: context.now,
          field: {
            key,
            type: options.type,
            ...(options.label === undefined ? {} : { label: options.label }),
            ...(options.options === undefined ? {} : { options: options.options.split(',') }),
          },
        });
        if (context.json) context.printJson(fieldJson(field));
        else context.print(`Created field ${field.key} (${describeField(field)})`);
        return 0;
      }),
    );
  addCommonOptions(group.command('list'), { now: false })
    .description("List the workspace's custom fields")
    .action((options: CommonOptions) =>
      runWithContext(options, async (context) => {
        const fields = await listFields(context.store.db, context.workspace.id);
        if (context.json) context.printJson(fields.map(fieldJson));
        else if (fields.length === 0)
          context.print('No custom fields. Create one with: sift field create KEY --type TYPE');
        for (const field of context.json ? [] : fields) {
          context.print(`${field.key}\t${describeField(field)}\t${field.label}`);
        }
        return 0;
      }),
    );
}

function describeField(field: FieldDefinition): string {
  return field.options === null ? field.type : `${field.type}: ${field.options.join(', ')}`;
}

const shownFields = [
  'email',
  'phone',
  'external_id',
  'first_name',
  'last_name',
  'language',
  'country',
  'city',
  'gender',
  'birthdate',
  'source',
] as const;

async function showContact(context: CommandContext, reference: string): Promise<number> {
  const workspaceId = context.workspace.id;
  const found = await findContact(context.store.db, {
    workspaceId,
    reference: parseContactReference(reference),
  });
  if (!found) throw new SiftError('not_found', `No contact "${reference}"`, { path: 'contact' });
  const contact: Contact = await getContact(context.store.db, { workspaceId, id: found.id });
  const coercers = await loadFieldCoercers(context.store.db, workspaceId);
  const lists = await listsOfContact(context.store.db, { workspaceId, contactId: contact.id });
  const json = { ...contactToJson(contact, coercers), lists: lists.map((list) => list.key) };
  if (context.json) {
    context.printJson(json);
    return 0;
  }
  context.print(`Contact ${contact.id}`);
  for (const key of shownFields) {
    if (contact[key] !== null) context.print(`  ${key}: ${contact[key]}`);
  }
  for (const [key, value] of Object.entries(json.custom)) {
    context.print(`  ${key}: ${Array.isArray(value) ? value.join('; ') : String(value)}`);
  }
  context.print(`  tags: ${contact.tags.join(', ') || '(none)'}`);
  context.print(`  lists: ${json.lists.join(', ') || '(none)'}`);
  context.print(`  created_at: ${json.created_at}`);
  context.print(`  updated_at: ${json.updated_at}`);
  return 0;
}

interface ContactListOptions extends CommonOptions {
  limit?: string;
  after?: string;
}

function positiveInteger(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0)
    throw usageError(`${option} must be a whole number`, option);
  return value;
}

async function printContactList(context: CommandContext, options: ContactListOptions) {
  const limit = positiveInteger(options.limit, '--limit');
  if (limit !== undefined && (limit < 1 || limit > maxPageSize)) {
    throw usageError(`--limit must be from 1 to ${maxPageSize}`, '--limit');
  }
  const page = await listContacts(context.store.db, {
    workspaceId: context.workspace.id,
    limit,
    after: positiveInteger(options.after, '--after'),
  });
  if (context.json) {
    const coercers = await loadFieldCoercers(context.store.db, context.workspace.id);
    context.printJson({
      contacts: page.contacts.map((contact) => contactToJson(contact, coercers)),
      next: page.next,
    });
    return 0;
  }
  for (const contact of page.contacts) {
    const name = [contact.first_name, contact.last_name].filter((part) => part !== null).join(' ');
    context.print(
      [contact.id, contact.email ?? '', contact.phone ?? '', contact.external_id ?? '', name].join(
        '\t',
      ),
    );
  }
  if (page.next !== null) context.print(`… more: sift contact list --after ${page.next}`);
  return 0;
}

export function registerContactCommands(program: Command): void {
  const group = program.command('contact').description('Look contacts up');
  addCommonOptions(group.command('show <contact>'), { now: false })
    .description('Show a contact by id, email, phone (+…) or external id')
    .addHelpText(
      'after',
      '\nExamples:\n  $ sift contact show ann@example.com\n  $ sift contact show 42 --json',
    )
    .action((reference: string, options: CommonOptions) =>
      runWithContext(options, (context) => showContact(context, reference)),
    );
  addCommonOptions(group.command('list'), { now: false })
    .description('List contacts ordered by id, a page at a time')
    .option('--limit <n>', `contacts per page (default 100, at most ${maxPageSize})`)
    .option('--after <id>', 'start after this contact id (the previous page’s last id)')
    .addHelpText('after', '\nExample:\n  $ sift contact list --limit 50 --after 1200 --json')
    .action((options: ContactListOptions) =>
      runWithContext(options, (context) => printContactList(context, options)),
    );
}

export function registerContactsCommands(program: Command): void {
  registerFieldCommands(program);
  registerContactCommands(program);
}
