import type { MiddlewareHandler } from 'hono';
import type { ApiEnv } from './api-env.js';

/** One JSON line per request, after the response is known (errors included). */
export function logRequests(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    c.var.logger.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        duration_ms: Math.round((performance.now() - started) * 10) / 10,
      },
      'request',
    );
  };
}
