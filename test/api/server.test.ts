import { expect, it } from 'vitest';
import { startServer } from '../../src/api/index.js';
import { describeEachStore } from '../support/stores.js';
import { createTenant } from './api-test-kit.js';

describeEachStore('startServer', (context) => {
  it('serves the API over real HTTP on a random port and closes', async () => {
    const { store } = context();
    const tenant = await createTenant(store);
    const server = await startServer({ store, port: 0, host: '127.0.0.1' });
    try {
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
      const health = await fetch(`${server.url}/healthz`);
      expect(await health.json()).toEqual({ status: 'ok' });
      const workspace = await fetch(`${server.url}/v1/workspace`, {
        headers: { Authorization: `Bearer ${tenant.key}` },
      });
      expect(workspace.status).toBe(200);
      expect((await workspace.json()).key).toBe(tenant.workspace.key);
      const refused = await fetch(`${server.url}/v1/workspace`);
      expect(refused.status).toBe(401);
    } finally {
      await server.close();
    }
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});
