import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Logger } from 'pino';
import type { Store } from '../store/index.js';
import { createApp } from './app.js';

export interface StartServerOptions {
  store: Store;
  /** 0 picks a free port (tests). */
  port?: number;
  host?: string;
  logger?: Logger;
  now?: () => number;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const defaultPort = 8080;
export const defaultHost = '127.0.0.1';

function urlOf(host: string, port: number): string {
  const shown = host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

/** Starts the HTTP server (API and pages) and resolves once it listens. */
export function startServer(options: StartServerOptions): Promise<RunningServer> {
  const app = createApp({
    store: options.store,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const host = options.host ?? defaultHost;
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, port: options.port ?? defaultPort, hostname: host },
      (info: AddressInfo) => {
        server.off('error', reject);
        resolve({
          url: urlOf(host, info.port),
          port: info.port,
          close: () =>
            new Promise<void>((done, fail) => {
              server.close((error) => (error ? fail(error) : done()));
              // Keep-alive connections would hold close() open until they time out.
              if ('closeAllConnections' in server) server.closeAllConnections();
            }),
        });
      },
    );
    server.once('error', reject);
  });
}
