import { expect, it } from 'vitest';
import { createConsentCategory } from '../../src/consent/index.js';
import { ensureList } from '../../src/contacts/index.js';
import { loadLanguageContext, readWorkspaceSegments } from '../../src/segments/index.js';
import { loadEvaluationContext } from '../../src/segments/segment-service.js';
import { describeEachStore } from '../support/stores.js';
import { createSegmentWorld, testNow } from './segment-test-data.js';

/**
 * `loadEvaluationContext` reads fields, lists, categories and segments in one query (each table
 * aggregated as JSON): it must give exactly what the table-by-table readers give, on both stores
 * (SQLite returns the nested JSON columns as text, PostgreSQL as values).
 */
describeEachStore('evaluation context in one query', (context) => {
  it('equals the language context and segment set read table by table', async () => {
    const { store } = context();
    const { workspace } = await createSegmentWorld(store);
    await ensureList(store.db, {
      workspaceId: workspace.id,
      key: 'vip-dinner',
      source: 'manual',
      now: testNow,
    });
    const loaded = await loadEvaluationContext(store, { workspace, now: testNow });
    expect(loaded.context).toEqual(await loadLanguageContext(store.db, workspace));
    const { segments } = await readWorkspaceSegments(store.db, {
      workspaceId: workspace.id,
      now: testNow,
    });
    expect(loaded.segments.map((segment) => segment.key).sort()).toEqual(
      segments.map((segment) => segment.key).sort(),
    );
    expect(loaded.context.fields).toContainEqual({
      key: 'tier',
      type: 'select',
      options: ['gold', 'silver'],
    });
    expect(loaded.context.listKeys).toContain('vip-dinner');
  });

  it('writes nothing when every built-in segment exists, and adds the one a new category lacks', async () => {
    const { store } = context();
    const { workspace } = await createSegmentWorld(store);
    await loadEvaluationContext(store, { workspace, now: testNow });
    const versions = async () =>
      Number(
        (
          await store.db
            .selectFrom('segment_versions')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('workspace_id', '=', workspace.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await versions();
    await loadEvaluationContext(store, { workspace, now: testNow });
    expect(await versions()).toBe(before);
    await createConsentCategory(store.db, {
      workspaceId: workspace.id,
      category: { key: 'wine_club', label: 'Wine club', kind: 'marketing' },
      now: testNow,
    });
    const loaded = await loadEvaluationContext(store, { workspace, now: testNow });
    expect(await versions()).toBe(before + 1);
    expect(loaded.segments.map((segment) => segment.key)).toContain('consent-wine-club');
    expect(loaded.context.segments.map((segment) => segment.key)).toContain('consent-wine-club');
    expect(loaded.context.consentCategories).toContainEqual({ key: 'wine_club', timeBound: false });
  });
});
