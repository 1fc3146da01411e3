import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import type { ApiApp } from '../api-env.js';
import { jsonContent } from '../openapi.js';

const Health = z.object({ status: z.enum(['ok', 'unavailable']) }).openapi('Health');

const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['system'],
  summary: 'Liveness and store check (no API key)',
  security: [],
  responses: {
    200: jsonContent(Health, 'The server answers and the store runs a query'),
    503: jsonContent(Health, 'The store does not answer'),
  },
});

export function registerHealthRoutes(app: ApiApp): void {
  app.openapi(healthRoute, async (c) => {
    try {
      await sql`SELECT 1`.execute(c.var.store.db);
      return c.json({ status: 'ok' as const }, 200);
    } catch (error) {
      // A load balancer needs a status, not an error body; the cause goes to the log.
      c.var.logger.error({ err: error }, 'health check failed');
      return c.json({ status: 'unavailable' as const }, 503);
    }
  });
}
