import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { Logger } from 'pino';
import { SiftError } from '../shared/errors.js';
import type { Store } from '../store/index.js';
import type { ApiApp, ApiEnv } from './api-env.js';
import { requireApiKey } from './authentication.js';
import { handleError, validationHook } from './error-handler.js';
import { createLogger } from './logger.js';
import { openApiInfo, registerSecurityScheme } from './openapi.js';
import { logRequests } from './request-log.js';
import { notFoundHandler } from './route-matching.js';
import { registerRoutes } from './routes/index.js';

export interface CreateAppOptions {
  store: Store;
  logger?: Logger;
  /** The clock; each request reads it once (`c.var.now`). Tests pin it. */
  now?: () => number;
  /** Largest accepted request body; larger ones get 413 before any parsing. */
  bodyLimitBytes?: number;
}

export const defaultBodyLimitBytes = 10 * 1024 * 1024;

export const openApiDocumentPath = '/openapi.json';

export function createApp(options: CreateAppOptions): ApiApp {
  const logger = options.logger ?? createLogger();
  const clock = options.now ?? Date.now;
  const maxSize = options.bodyLimitBytes ?? defaultBodyLimitBytes;
  const app: ApiApp = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  app.onError(handleError);
  app.notFound(notFoundHandler(() => app.routes));
  app.use('*', async (c, next) => {
    c.set('store', options.store);
    c.set('now', clock());
    c.set('logger', logger);
    await next();
  });
  app.use('*', logRequests());
  app.use(
    '*',
    bodyLimit({
      maxSize,
      onError: () => {
        throw new SiftError('payload_too_large', `Request body exceeds ${maxSize} bytes`);
      },
    }),
  );
  app.use('/v1/*', requireApiKey());
  registerSecurityScheme(app);
  registerRoutes(app);
  app.doc31(openApiDocumentPath, openApiInfo);
  return app;
}
