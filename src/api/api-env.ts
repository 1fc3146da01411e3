import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from 'pino';
import type { Store } from '../store/index.js';
import type { Workspace } from '../workspaces/index.js';

/**
 * What every handler finds on `c.var`. `store`, `now` and `logger` are set for every request;
 * `workspace` and `apiKeyId` only behind the API-key check (everything under `/v1`).
 */
export interface ApiVariables {
  store: Store;
  /** The instant of this request (epoch ms), from the app's clock: writes record it. */
  now: number;
  logger: Logger;
  workspace: Workspace;
  apiKeyId: number;
}

export interface ApiEnv {
  Variables: ApiVariables;
}

export type ApiApp = OpenAPIHono<ApiEnv>;
