import type { Command } from 'commander';
import { createApiKey, listApiKeys, revokeApiKey } from '../../api/index.js';
import { addCommonOptions, type CommonOptions, runWithContext, usageError } from '../context.js';

interface CreateOptions {
  name?: string;
}

function registerCreate(group: Command): void {
  addCommonOptions(group.command('create'), { now: false })
    .description('Create an API key for the workspace; the key is printed once')
    .option('--name <name>', 'a name to recognise the key by (default: "default")')
    .action((options: CreateOptions & CommonOptions) =>
      runWithContext(options, async (context) => {
        const created = await createApiKey(context.store.db, {
          workspaceId: context.workspace.id,
          name: options.name,
          now: context.now,
        });
        if (context.json) {
          context.printJson({
            id: created.id,
            name: created.name,
            prefix: created.prefix,
            key: created.key,
            workspace: context.workspace.key,
            created_at: new Date(created.createdAt).toISOString(),
          });
        } else {
          context.print(created.key);
          process.stderr.write(
            `API key ${created.id} ("${created.name}") for workspace "${context.workspace.key}". ` +
              'Store it now: it is not shown again.\n' +
              `Use it as: Authorization: Bearer ${created.prefix}…\n`,
          );
        }
        return 0;
      }),
    );
}

function registerList(group: Command): void {
  addCommonOptions(group.command('list'), { now: false })
    .description("List the workspace's API keys (prefixes only)")
    .action((options: CommonOptions) =>
      runWithContext(options, async (context) => {
        const keys = await listApiKeys(context.store.db, context.workspace.id);
        if (context.json) {
          context.printJson(
            keys.map((key) => ({
              id: key.id,
              name: key.name,
              prefix: key.prefix,
              created_at: new Date(key.createdAt).toISOString(),
            })),
          );
          return 0;
        }
        if (keys.length === 0) context.print('No API keys. Create one with: sift apikey create');
        for (const key of keys) {
          const created = new Date(key.createdAt).toISOString();
          context.print(`${key.id}\t${key.prefix}…\t${key.name}\t${created}`);
        }
        return 0;
      }),
    );
}

function registerRevoke(group: Command): void {
  addCommonOptions(group.command('revoke <id>'), { now: false })
    .description('Revoke an API key by id; requests with it are refused from now on')
    .action((id: string, options: CommonOptions) =>
      runWithContext(options, async (context) => {
        if (!/^\d+$/.test(id)) throw usageError(`API key id must be a number, got "${id}"`, 'id');
        await revokeApiKey(context.store.db, { workspaceId: context.workspace.id, id: Number(id) });
        if (context.json) context.printJson({ id: Number(id), revoked: true });
        else context.print(`Revoked API key ${id}`);
        return 0;
      }),
    );
}

export function registerApiKeyCommands(program: Command): void {
  const group = program.command('apikey').description('Create, list and revoke workspace API keys');
  registerCreate(group);
  registerList(group);
  registerRevoke(group);
}
