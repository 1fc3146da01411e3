import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/support/stores.js';
import { openStore } from './index.js';

describeEachStore('migrations', (context) => {
  it('creates every table and records the migration', async () => {
    const { store } = context();
    const applied = await store.db
      .selectFrom(sql<{ name: string }>`sift_migrations`.as('m'))
      .select('name')
      .execute();
    expect(applied.map((row) => row.name)).toContain('001-initial');
    const contacts = await store.db
      .selectFrom('contacts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(contacts.n)).toBe(0);
  });

  it('is idempotent when the store is opened again', async () => {
    const { url } = context();
    const again = await openStore(url);
    await again.close();
  });
});
