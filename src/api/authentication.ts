import type { MiddlewareHandler } from 'hono';
import { SiftError } from '../shared/errors.js';
import { findWorkspace } from '../workspaces/index.js';
import type { ApiEnv } from './api-env.js';
import { authenticateApiKey } from './api-key-repository.js';

const bearerPattern = /^Bearer\s+(\S+)\s*$/i;

/**
 * Every `/v1` request carries `Authorization: Bearer sift_…`; the key alone decides the
 * workspace, so no request can name (or reach) another workspace's records.
 */
export function requireApiKey(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const header = c.req.header('Authorization');
    if (!header) {
      throw new SiftError('unauthorized', 'Missing API key: send "Authorization: Bearer sift_…"');
    }
    const token = bearerPattern.exec(header)?.[1];
    const authenticated = token ? await authenticateApiKey(c.var.store.db, token) : undefined;
    const workspace = authenticated
      ? await findWorkspace(c.var.store.db, authenticated.workspaceKey)
      : undefined;
    if (!authenticated || !workspace) {
      throw new SiftError('unauthorized', 'Invalid or revoked API key');
    }
    c.set('workspace', workspace);
    c.set('apiKeyId', authenticated.apiKeyId);
    await next();
  };
}
