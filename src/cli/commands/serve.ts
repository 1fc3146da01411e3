import type { Command } from 'commander';
import { defaultHost, defaultPort, listApiKeys, startServer } from '../../api/index.js';
import { addCommonOptions, type CommonOptions, runWithContext, usageError } from '../context.js';

interface ServeOptions extends CommonOptions {
  port?: string;
  host?: string;
}

export function parsePort(text: string | undefined): number {
  if (text === undefined) return defaultPort;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) {
    throw usageError(`--port must be a number from 0 to 65535, got "${text}"`, 'port');
  }
  return port;
}

/** Resolves on the first SIGINT or SIGTERM, so that the server can close cleanly. */
export function waitForShutdownSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

export function registerServeCommands(program: Command): void {
  addCommonOptions(program.command('serve'), { now: false })
    .description('Serve the HTTP API, the OpenAPI document and the web pages')
    .option('--port <port>', `port to listen on (default ${defaultPort}; 0 picks a free one)`)
    .option('--host <host>', `address to listen on (default ${defaultHost})`)
    .action((options: ServeOptions) =>
      runWithContext(options, async (context) => {
        const port = parsePort(options.port);
        const server = await startServer({ store: context.store, port, host: options.host });
        const keys = await listApiKeys(context.store.db, context.workspace.id);
        if (context.json) {
          context.printJson({ url: server.url, workspace: context.workspace.key });
        } else {
          context.print(
            `Sift listening on ${server.url}  (API: ${server.url}/v1, docs: ${server.url}/openapi.json)`,
          );
          context.print(
            keys.length === 0
              ? `No API key for workspace "${context.workspace.key}" yet: create one with \`sift apikey create\``
              : `Authenticate with: Authorization: Bearer <key>  (list keys: sift apikey list)`,
          );
        }
        const signal = await waitForShutdownSignal();
        await server.close();
        if (!context.json) process.stderr.write(`Stopped (${signal})\n`);
        return 0;
      }),
    );
}
