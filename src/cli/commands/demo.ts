import type { Command } from 'commander';
import { createApiKey, startServer } from '../../api/index.js';
import { loadDemo } from '../../demo/index.js';
import {
  addCommonOptions,
  type CommandContext,
  type CommonOptions,
  runWithContext,
  usageError,
} from '../context.js';
import { parsePort, waitForShutdownSignal } from './serve.js';

interface DemoOptions extends CommonOptions {
  contacts?: string;
  serve?: boolean;
  port?: string;
  host?: string;
}

function parseContactCount(text: string | undefined): number {
  if (text === undefined) return 10_000;
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw usageError(`--contacts must be a whole number above 0, got "${text}"`, 'contacts');
  }
  return Number(text);
}

async function hasContacts(context: CommandContext): Promise<boolean> {
  const row = await context.store.db
    .selectFrom('contacts')
    .select('id')
    .where('workspace_id', '=', context.workspace.id)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

async function fillWorkspace(context: CommandContext, contacts: number): Promise<unknown> {
  const started = Date.now();
  const summary = await loadDemo({
    store: context.store,
    workspace: context.workspace,
    now: context.now,
    contacts,
    onStep: (step) => {
      if (context.interactive && !context.json) process.stderr.write(`demo: ${step}…\n`);
    },
  });
  if (!context.json) {
    const { imports } = summary;
    context.print(
      `Demo workspace "${context.workspace.key}" filled in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
        `${imports.contacts.created} contacts, ${imports.owners.created} owners, ` +
        `${imports.bookings.created} bookings, ${imports.events.created} events, ${summary.segments} segments.`,
    );
  }
  return summary;
}

async function serveDemo(context: CommandContext, options: DemoOptions): Promise<void> {
  const apiKey = await createApiKey(context.store.db, {
    workspaceId: context.workspace.id,
    name: 'demo',
    now: Date.now(),
  });
  const server = await startServer({
    store: context.store,
    port: parsePort(options.port),
    host: options.host,
  });
  if (context.json) {
    context.printJson({ url: server.url, workspace: context.workspace.key, apiKey: apiKey.key });
  } else {
    context.print(`Sift is running at ${server.url}`);
    context.print(`  API key (shown once): ${apiKey.key}`);
    context.print(`  try: curl -H "Authorization: Bearer ${apiKey.key}" ${server.url}/v1/segments`);
    context.print(`  OpenAPI document: ${server.url}/openapi.json   (Ctrl-C stops)`);
  }
  await waitForShutdownSignal();
  await server.close();
}

export function registerDemoCommands(program: Command): void {
  addCommonOptions(program.command('demo'))
    .description(
      'Fill a workspace with a realistic, deterministic demo data set (a hotel group with a web shop)',
    )
    .option('--contacts <n>', 'number of contacts to generate (default 10000)')
    .option('--serve', 'then serve the API and pages (what `npm start` does)')
    .option('--port <port>', 'port for --serve (default 8080)')
    .option('--host <host>', 'address for --serve (default 127.0.0.1)')
    .addHelpText(
      'after',
      '\nExample:\n  sift demo --db demo.db --contacts 2000\n  npm start            # sift demo --serve on ./sift.db',
    )
    .action((options: DemoOptions) =>
      runWithContext(options, async (context) => {
        const contacts = parseContactCount(options.contacts);
        if (await hasContacts(context)) {
          if (!context.json)
            context.print(
              `Workspace "${context.workspace.key}" already has contacts: demo data not loaded again.`,
            );
        } else {
          const summary = await fillWorkspace(context, contacts);
          if (context.json && !options.serve) context.printJson(summary);
        }
        if (options.serve) await serveDemo(context, options);
        return 0;
      }),
    );
}
