/** `sift segment create|update|list|show|count|members|explain|delete|preview` (SPEC §5, §7). */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  countSegment,
  createSegment,
  deleteSegment,
  explainSegment,
  explanationToJson,
  getSegment,
  iterateSegmentMembers,
  listSegments,
  memberCsvLine,
  membersCsvHeader,
  previewSegment,
  type SegmentMember,
  type SegmentSummary,
  segmentDetailToJson,
  segmentsOfContact,
  segmentToJson,
  updateSegment,
} from '../../segments/index.js';
import { SiftError } from '../../shared/errors.js';
import { isoInstant } from '../../shared/time.js';
import {
  addCommonOptions,
  type CommandContext,
  type CommonOptions,
  runWithContext,
  usageError,
} from '../context.js';
import { describeCondition, renderExplanation, renderSegmentTree } from './segment-output.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a JSON file (`-` is stdin); malformed JSON is an input error naming the file. */
async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
  } catch (error) {
    throw new SiftError('invalid_input', `Cannot read ${file}`, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SiftError(
      'invalid_input',
      `${file === '-' ? 'stdin' : file} is not valid JSON: ${reason}`,
    );
  }
}

/** Writes to stdout and waits when its buffer is full, so exports of any size stream. */
function write(text: string): Promise<void> {
  if (process.stdout.write(text)) return Promise.resolve();
  return new Promise((resolve) => process.stdout.once('drain', () => resolve()));
}

function parseCount(text: string | undefined, option: string, least: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < least) {
    throw usageError(`${option} must be a whole number of at least ${least}`, option.slice(2));
  }
  return Number(text);
}

async function resolveContactId(context: CommandContext, text: string): Promise<number> {
  // Loaded here, not at the top: the contacts module brings the CSV parser and the phone number
  // library, which `segment count` and the other commands that take no contact never need.
  const { findContactIds, parseContactReference } = await import('../../contacts/index.js');
  const [id] = await findContactIds(context.store.db, context.workspace.id, [
    parseContactReference(text),
  ]);
  if (id === undefined) {
    throw new SiftError(
      'not_found',
      `No contact "${text}" in workspace "${context.workspace.key}"`,
      {
        path: 'contact',
      },
    );
  }
  return id;
}

function describeSaved(segment: SegmentSummary): string {
  return `${segment.key} (${segment.kind}, version ${segment.version}${segment.active ? '' : ', inactive'})`;
}

function registerCreate(group: Command): void {
  addCommonOptions(group.command('create <file>'))
    .description('Create a segment from a Segment JSON file ("-" reads stdin)')
    .option('--replace', 'update the segment instead when its key exists (a new version)')
    .addHelpText(
      'after',
      `
Segment JSON (SPEC §7):
  {"key": "nl-vip", "name": "Dutch VIPs", "description": "…", "parent": "nl",
   "active": true, "condition": {"type": "tag", "op": "has_any", "tags": ["vip"]}}

Every problem is reported with its JSON path (e.g. condition.conditions[2].where[0].op);
the exit status is then non-zero (65) and nothing is saved.

Examples:
  $ sift segment create nl-vip.json
  $ cat nl-vip.json | sift segment create - --json
  $ sift segment create nl-vip.json --replace`,
    )
    .action((file: string, options: CommonOptions & { replace?: boolean }) =>
      runWithContext(options, async (context) => {
        const definition = await readJsonFile(file);
        const input = { workspace: context.workspace, now: context.now, definition };
        const key = (definition as { key?: unknown } | null)?.key;
        const exists =
          options.replace === true &&
          typeof key === 'string' &&
          (await listSegments(context.store.db, context).then((all) =>
            all.some((segment) => segment.key === key),
          ));
        const saved = exists
          ? await updateSegment(context.store.db, { ...input, key: key as string })
          : await createSegment(context.store.db, input);
        if (context.json) context.printJson(segmentToJson(saved));
        else context.print(`${exists ? 'Saved' : 'Created'} segment ${describeSaved(saved)}`);
        return 0;
      }),
    );
}

function registerUpdate(group: Command): void {
  addCommonOptions(group.command('update <file>'))
    .description(
      'Save a new version of an existing segment from a Segment JSON file ("-" reads stdin)',
    )
    .addHelpText(
      'after',
      `
The key in the file names the segment (keys cannot change). Every saved definition is kept
as a version (see "sift segment show KEY"); saving the same definition again changes nothing.

Example:
  $ sift segment update nl-vip.json`,
    )
    .action((file: string, options: CommonOptions) =>
      runWithContext(options, async (context) => {
        const definition = await readJsonFile(file);
        const key = (definition as { key?: unknown } | null)?.key;
        if (typeof key !== 'string')
          throw usageError('The file must name the segment in "key"', 'key');
        const saved = await updateSegment(context.store.db, {
          workspace: context.workspace,
          now: context.now,
          key,
          definition,
        });
        if (context.json) context.printJson(segmentToJson(saved));
        else context.print(`Saved segment ${describeSaved(saved)}`);
        return 0;
      }),
    );
}

function registerList(group: Command): void {
  addCommonOptions(group.command('list'))
    .description('List the segments as a tree (children under their parent), with kind and state')
    .option(
      '--contact <email>',
      'only the segments this contact is in at --now (email, phone, external id or id)',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ sift segment list
  $ sift segment list --contact anna@example.nl --now 2026-03-01T12:00:00Z --json`,
    )
    .action((options: CommonOptions & { contact?: string }) =>
      runWithContext(options, async (context) => {
        const segments =
          options.contact === undefined
            ? await listSegments(context.store.db, context)
            : await segmentsOfContact(context.store, {
                workspace: context.workspace,
                now: context.now,
                contactId: await resolveContactId(context, options.contact),
              });
        if (context.json) context.printJson(segments.map(segmentToJson));
        else for (const line of renderSegmentTree(segments)) context.print(line);
        return 0;
      }),
    );
}

function registerShow(group: Command): void {
  addCommonOptions(group.command('show <key>'), { now: false })
    .description('Show a segment: its definition and every saved version')
    .action((key: string, options: CommonOptions) =>
      runWithContext(options, async (context) => {
        const segment = await getSegment(context.store.db, { ...context, key });
        if (context.json) {
          context.printJson(segmentDetailToJson(segment));
          return 0;
        }
        context.print(`${segment.key} — ${segment.name}`);
        context.print(
          `  kind ${segment.kind}, ${segment.active ? 'active' : 'inactive'}, version ${segment.version}${segment.builtIn ? ', built in' : ''}`,
        );
        if (segment.description) context.print(`  ${segment.description}`);
        if (segment.parent) context.print(`  parent: ${segment.parent}`);
        context.print('Condition:');
        context.print(JSON.stringify(segment.condition, null, 2));
        context.print('Versions:');
        for (const version of segment.versions) {
          context.print(
            `  v${version.version}  ${isoInstant(version.createdAt)}  ${describeCondition(version.definition.condition)}`,
          );
        }
        return 0;
      }),
    );
}

function registerCount(group: Command): void {
  addCommonOptions(group.command('count <key>'))
    .description('Count the members of a segment at --now')
    .addHelpText(
      'after',
      `
With --json the output is exactly {"count": N}.

Example:
  $ sift segment count nl-vip --now 2026-03-01T12:00:00Z --json`,
    )
    .action((key: string, options: CommonOptions) =>
      runWithContext(options, async (context) => {
        const count = await countSegment(context.store, { ...context, key });
        if (context.json) context.print(`{"count": ${count}}`);
        else
          context.print(
            `${count} contact${count === 1 ? '' : 's'} in ${key} at ${isoInstant(context.now)}`,
          );
        return 0;
      }),
    );
}

interface MembersOptions extends CommonOptions {
  csv?: boolean;
  limit?: string;
  after?: string;
}

type MemberWriter = {
  start(): Promise<void>;
  page(members: SegmentMember[], first: boolean): Promise<void>;
  end(written: number): Promise<void>;
};

const jsonWriter: MemberWriter = {
  start: () => write('['),
  page: (members, first) =>
    write(
      members
        .map((member, index) => `${first && index === 0 ? '\n' : ',\n'}${JSON.stringify(member)}`)
        .join(''),
    ),
  end: (written) => write(written === 0 ? ']\n' : '\n]\n'),
};

const csvWriter: MemberWriter = {
  start: () => write(membersCsvHeader()),
  page: (members) => write(members.map(memberCsvLine).join('')),
  end: async () => undefined,
};

function textWriter(key: string, now: number): MemberWriter {
  return {
    start: async () => undefined,
    page: (members) =>
      write(
        members
          .map((member) =>
            [
              member.id,
              member.email ?? '-',
              member.external_id ?? '-',
              member.phone ?? '-',
              [member.first_name, member.last_name].filter(Boolean).join(' '),
            ]
              .join('\t')
              .concat('\n'),
          )
          .join(''),
      ),
    end: (written) =>
      write(`${written} member${written === 1 ? '' : 's'} of ${key} at ${isoInstant(now)}\n`),
  };
}

function registerMembers(group: Command): void {
  addCommonOptions(group.command('members <key>'))
    .description('List the members of a segment at --now, ordered by id')
    .option('--csv', 'CSV with a header row: id,email,external_id,phone,first_name,last_name')
    .option('--limit <n>', 'at most this many members (default: all)')
    .option('--after <id>', 'only members with a greater id (the last id of the previous page)')
    .addHelpText(
      'after',
      `
With --json the output is a JSON array of contacts, each
{"id", "email", "external_id", "phone", "first_name", "last_name"}, ordered by id.

Examples:
  $ sift segment members nl-vip --json --now 2026-03-01T12:00:00Z
  $ sift segment members nl-vip --csv > nl-vip.csv
  $ sift segment members nl-vip --json --limit 100 --after 4211`,
    )
    .action((key: string, options: MembersOptions) =>
      runWithContext(options, async (context) => {
        if (options.csv && context.json) throw usageError('Choose one of --json and --csv');
        const limit = parseCount(options.limit, '--limit', 1);
        const after = parseCount(options.after, '--after', 0);
        const writer = options.csv
          ? csvWriter
          : context.json
            ? jsonWriter
            : textWriter(key, context.now);
        const pages = iterateSegmentMembers(context.store, { ...context, key, limit, after });
        // The first page is read before anything is written, so an unknown key prints no header.
        const first = await pages.next();
        await writer.start();
        let written = 0;
        if (!first.done) {
          await writer.page(first.value, true);
          written += first.value.length;
          for await (const members of pages) {
            await writer.page(members, false);
            written += members.length;
          }
        }
        await writer.end(written);
        return 0;
      }),
    );
}

function registerExplain(group: Command): void {
  addCommonOptions(group.command('explain <key>'))
    .description('Explain why a contact is in or out of a segment at --now: every rule with ✓ or ✗')
    .requiredOption('--contact <email>', 'the contact: email (or phone, external id, id)')
    .addHelpText(
      'after',
      `
Example:
  $ sift segment explain nl-vip --contact anna@example.nl --now 2026-03-01T12:00:00Z`,
    )
    .action((key: string, options: CommonOptions & { contact: string }) =>
      runWithContext(options, async (context) => {
        const contactId = await resolveContactId(context, options.contact);
        const explanation = await explainSegment(context.store, { ...context, key, contactId });
        if (context.json) {
          context.printJson(explanationToJson(explanation));
          return 0;
        }
        const verdict = explanation.result ? 'IN' : 'OUT';
        context.print(`${options.contact} is ${verdict} ${key} at ${isoInstant(context.now)}`);
        const names = new Map(
          (await listSegments(context.store.db, context)).map((segment) => [
            segment.key,
            segment.name,
          ]),
        );
        for (const line of renderExplanation(explanation.tree, names)) context.print(line);
        return 0;
      }),
    );
}

function registerDelete(group: Command): void {
  addCommonOptions(group.command('delete <key>'), { now: false })
    .description('Delete a segment (never its contacts); refused while other segments depend on it')
    .action((key: string, options: CommonOptions) =>
      runWithContext(options, async (context) => {
        await deleteSegment(context.store.db, { ...context, key });
        if (context.json) context.printJson({ deleted: key });
        else context.print(`Deleted segment ${key}`);
        return 0;
      }),
    );
}

function registerPreview(group: Command): void {
  addCommonOptions(group.command('preview <file>'))
    .description('Count an unsaved condition or Segment JSON at --now, with a sample of members')
    .option('--sample <n>', 'how many members to show, first by id (0–100)', '20')
    .addHelpText(
      'after',
      `
The file holds a condition ({"type": …}) or a Segment JSON (its parent counts too).

Example:
  $ echo '{"type":"field","field":"country","op":"eq","value":"NL"}' | sift segment preview -`,
    )
    .action((file: string, options: CommonOptions & { sample: string }) =>
      runWithContext(options, async (context) => {
        const sampleSize = parseCount(options.sample, '--sample', 0);
        const tree = await readJsonFile(file);
        const preview = await previewSegment(context.store, { ...context, tree, sampleSize });
        if (context.json) {
          context.printJson(preview);
          return 0;
        }
        context.print(
          `${preview.count} contact${preview.count === 1 ? '' : 's'} at ${isoInstant(context.now)}`,
        );
        for (const member of preview.sample) {
          context.print(
            `  ${member.id}\t${member.email ?? member.phone ?? member.external_id ?? ''}`,
          );
        }
        return 0;
      }),
    );
}

export function registerSegmentCommands(program: Command): void {
  const group = program
    .command('segment')
    .description('Dynamic segments: create, list, count, members, explain (SPEC §2, §5)')
    .addHelpText(
      'after',
      `
Examples:
  $ sift segment create nl-vip.json
  $ sift segment list
  $ sift segment count nl-vip --json
  $ sift segment members nl-vip --json --now 2026-03-01T12:00:00Z
  $ sift segment explain nl-vip --contact anna@example.nl
  $ echo '{"type":"tag","op":"has_any","tags":["vip"]}' | sift segment preview -`,
    );
  registerCreate(group);
  registerUpdate(group);
  registerList(group);
  registerShow(group);
  registerCount(group);
  registerMembers(group);
  registerExplain(group);
  registerDelete(group);
  registerPreview(group);
}
