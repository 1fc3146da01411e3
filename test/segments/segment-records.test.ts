import { expect, it } from 'vitest';
import { createConsentCategory } from '../../src/consent/index.js';
import {
  createSegment,
  deleteSegment,
  getSegment,
  listSegments,
  updateSegment,
} from '../../src/segments/index.js';
import { SiftError } from '../../src/shared/errors.js';
import type { Workspace } from '../../src/workspaces/index.js';
import { describeEachStore } from '../support/stores.js';
import { createSegmentWorld, createWorkspaceFor, testNow } from './segment-test-data.js';

const nl = { type: 'field', field: 'country', op: 'eq', value: 'NL' };
const vip = { type: 'tag', op: 'has_any', tags: ['vip'] };

async function caught(work: Promise<unknown>): Promise<SiftError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof SiftError) return error;
    throw error;
  }
  throw new Error('expected a SiftError');
}

describeEachStore('segment records', (context) => {
  const db = () => context().store.db;
  const save = (workspace: Workspace, definition: unknown, now = testNow) =>
    createSegment(db(), { workspace, now, definition });
  const change = (workspace: Workspace, key: string, definition: unknown, now = testNow) =>
    updateSegment(db(), { workspace, now, key, definition });

  it('keeps every saved definition as a version; saving the same definition adds none', async () => {
    const workspace = await createWorkspaceFor(context().store);
    const created = await save(workspace, { key: 'nl', name: 'Dutch', condition: nl });
    expect(created).toMatchObject({
      key: 'nl',
      version: 1,
      kind: 'rules',
      active: true,
      builtIn: false,
    });
    const renamed = await change(
      workspace,
      'nl',
      { name: 'Netherlands', active: false, condition: nl },
      testNow + 1000,
    );
    expect(renamed).toMatchObject({ version: 2, name: 'Netherlands', active: false });
    const again = await change(
      workspace,
      'nl',
      { name: 'Netherlands', active: false, condition: nl },
      testNow + 2000,
    );
    expect(again.version).toBe(2);
    const detail = await getSegment(db(), { workspace, now: testNow, key: 'nl' });
    expect(
      detail.versions.map((version) => [
        version.version,
        version.definition.name,
        version.definition.active,
      ]),
    ).toEqual([
      [1, 'Dutch', true],
      [2, 'Netherlands', false],
    ]);
    expect(detail.versions[1]!.createdAt).toBe(testNow + 1000);
    expect(detail.createdAt).toBe(testNow);
    expect(detail.updatedAt).toBe(testNow + 1000);
  });

  it('refuses a taken key, an unknown key on update and a renaming', async () => {
    const workspace = await createWorkspaceFor(context().store);
    await save(workspace, { key: 'nl', name: 'Dutch', condition: nl });
    expect((await caught(save(workspace, { key: 'nl', name: 'Again', condition: nl }))).code).toBe(
      'conflict',
    );
    expect((await caught(change(workspace, 'ghost', { name: 'x', condition: nl }))).code).toBe(
      'not_found',
    );
    const renamed = await caught(
      change(workspace, 'nl', { key: 'other', name: 'x', condition: nl }),
    );
    expect(renamed.code).toBe('validation_failed');
    expect(renamed.path).toBe('key');
  });

  it('reports every validation problem with its JSON path', async () => {
    const { workspace } = await createSegmentWorld(context().store);
    const error = await caught(
      save(workspace, {
        key: 'broken',
        name: 'Broken',
        parent: 'nowhere',
        condition: {
          type: 'all',
          conditions: [
            { type: 'field', field: 'colour', op: 'eq', value: 'red' },
            { type: 'field', field: 'tier', op: 'gt', value: 3 },
            { type: 'event', event: 'purchase', within: { last: 'P3X' } },
            { type: 'list', op: 'in', lists: ['nope'] },
            { type: 'consent', category: 'newsletter', op: 'valid' },
            { type: 'segment', op: 'in', segment: 'ghost' },
            { type: 'tag', op: 'has_some', tags: ['vip'] },
          ],
        },
      }),
    );
    expect(error.code).toBe('validation_failed');
    expect(error.path).toBe(error.details![0]!.path);
    const paths = error.details!.map((detail) => [detail.code, detail.path]);
    expect(paths).toEqual(
      expect.arrayContaining([
        ['unknown_field', 'condition.conditions[0].field'],
        ['operator_not_allowed', 'condition.conditions[1].op'],
        ['invalid_duration', 'condition.conditions[2].within.last'],
        ['unknown_list', 'condition.conditions[3].lists[0]'],
        ['unknown_consent_category', 'condition.conditions[4].category'],
        ['unknown_segment', 'condition.conditions[5].segment'],
        ['operator_not_allowed', 'condition.conditions[6].op'],
        ['unknown_segment', 'parent'],
      ]),
    );
    expect(await listSegments(db(), { workspace, now: testNow })).not.toContainEqual(
      expect.objectContaining({ key: 'broken' }),
    );
  });

  it('reports envelope problems and reserves the consent- prefix', async () => {
    const workspace = await createWorkspaceFor(context().store);
    const error = await caught(save(workspace, { key: 'Bad Key', condition: nl, colour: 'red' }));
    const paths = error.details!.map((detail) => detail.path);
    expect(paths).toEqual(expect.arrayContaining(['key', 'name', 'colour']));
    const reserved = await caught(
      save(workspace, { key: 'consent-mine', name: 'x', condition: nl }),
    );
    expect(reserved.details).toContainEqual(
      expect.objectContaining({ code: 'reserved_key', path: 'key' }),
    );
  });

  it('rejects cycles through parents, with the path of the offending parent', async () => {
    const workspace = await createWorkspaceFor(context().store);
    await save(workspace, { key: 'a', name: 'A', condition: nl });
    await save(workspace, { key: 'b', name: 'B', parent: 'a', condition: vip });
    await save(workspace, { key: 'c', name: 'C', parent: 'b', condition: vip });
    const error = await caught(change(workspace, 'a', { name: 'A', parent: 'c', condition: nl }));
    expect(error.code).toBe('validation_failed');
    expect(error.details).toContainEqual(
      expect.objectContaining({ code: 'segment_cycle', path: 'parent' }),
    );
    const self = await caught(change(workspace, 'a', { name: 'A', parent: 'a', condition: nl }));
    expect(self.details).toContainEqual(
      expect.objectContaining({ code: 'segment_cycle', path: 'parent' }),
    );
  });

  it('rejects cycles through segment references, with the path of the reference', async () => {
    const workspace = await createWorkspaceFor(context().store);
    await save(workspace, { key: 'a', name: 'A', condition: nl });
    await save(workspace, {
      key: 'b',
      name: 'B',
      condition: { type: 'segment', op: 'in', segment: 'a' },
    });
    await save(workspace, { key: 'c', name: 'C', parent: 'b', condition: vip });
    const error = await caught(
      change(workspace, 'a', {
        name: 'A',
        condition: {
          type: 'any',
          conditions: [nl, { type: 'segment', op: 'not_in', segment: 'c' }],
        },
      }),
    );
    expect(error.details).toContainEqual(
      expect.objectContaining({ code: 'segment_cycle', path: 'condition.conditions[1].segment' }),
    );
    const self = await caught(
      save(workspace, {
        key: 'd',
        name: 'D',
        condition: { type: 'segment', op: 'in', segment: 'd' },
      }),
    );
    expect(self.details).toContainEqual(
      expect.objectContaining({ code: 'segment_cycle', path: 'condition.segment' }),
    );
    // Nothing was saved: `a` is still at version 1.
    expect((await getSegment(db(), { workspace, now: testNow, key: 'a' })).version).toBe(1);
  });

  it('refuses to delete a segment others depend on, naming them; contacts stay', async () => {
    const { workspace } = await createSegmentWorld(context().store);
    await save(workspace, { key: 'nl', name: 'Dutch', condition: nl });
    await save(workspace, { key: 'nl-vip', name: 'Dutch VIPs', parent: 'nl', condition: vip });
    await save(workspace, {
      key: 'not-nl',
      name: 'Not Dutch',
      condition: { type: 'segment', op: 'not_in', segment: 'nl' },
    });
    const error = await caught(deleteSegment(db(), { workspace, now: testNow, key: 'nl' }));
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('nl-vip');
    expect(error.message).toContain('not-nl');
    expect(error.details?.map((detail) => [detail.code, detail.path])).toEqual([
      ['child_segment', 'nl-vip'],
      ['referring_segment', 'not-nl'],
    ]);
    const contactsBefore = await countContacts(workspace.id);
    await deleteSegment(db(), { workspace, now: testNow, key: 'nl-vip' });
    await deleteSegment(db(), { workspace, now: testNow, key: 'not-nl' });
    await deleteSegment(db(), { workspace, now: testNow, key: 'nl' });
    const keys = (await listSegments(db(), { workspace, now: testNow })).map(
      (segment) => segment.key,
    );
    expect(keys).not.toContain('nl');
    expect(await countContacts(workspace.id)).toBe(contactsBefore);
    expect(contactsBefore).toBe(4);
    // The key can be used again, starting a new history.
    const reborn = await save(workspace, { key: 'nl', name: 'Dutch again', condition: nl });
    expect(reborn.version).toBe(1);
    const versions = (await getSegment(db(), { workspace, now: testNow, key: 'nl' })).versions;
    expect(versions.map((version) => version.definition.name)).toEqual(['Dutch again']);
  });

  async function countContacts(workspaceId: number): Promise<number> {
    const row = await db()
      .selectFrom('contacts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('has a built-in consent segment per category, also for categories added later', async () => {
    const workspace = await createWorkspaceFor(context().store);
    const first = await listSegments(db(), { workspace, now: testNow });
    expect(first.map((segment) => segment.key)).toEqual([
      'consent-marketing',
      'consent-booking-marketing',
      'consent-sales-viewing',
      'consent-sales-real-estate',
      'consent-owners-marketing',
      'consent-owners-service',
    ]);
    expect(first[0]).toMatchObject({
      kind: 'consent',
      builtIn: true,
      name: 'Marketing messages',
      condition: { type: 'consent', category: 'marketing', op: 'valid' },
    });
    await createConsentCategory(db(), {
      workspaceId: workspace.id,
      category: { key: 'events_news', label: 'Event news', kind: 'marketing' },
      now: testNow,
    });
    const later = await listSegments(db(), { workspace, now: testNow });
    expect(later.map((segment) => segment.key)).toContain('consent-events-news');
    const deleting = await caught(
      deleteSegment(db(), { workspace, now: testNow, key: 'consent-marketing' }),
    );
    expect(deleting.code).toBe('conflict');
    const editing = await caught(
      change(workspace, 'consent-marketing', { name: 'Mine', condition: nl }),
    );
    expect(editing.code).toBe('conflict');
    expect((await listSegments(db(), { workspace, now: testNow })).length).toBe(7);
  });

  it('lists segments as a tree with derived kinds', async () => {
    const { workspace } = await createSegmentWorld(context().store);
    const bookers = {
      type: 'reservation',
      where: [{ property: 'status', op: 'eq', value: 'confirmed' }],
    };
    await save(workspace, { key: 'zz-root', name: 'Z', condition: nl });
    await save(workspace, { key: 'bookers', name: 'Bookers', condition: bookers });
    await save(workspace, {
      key: 'bookers-reachable',
      name: 'Reachable bookers',
      parent: 'consent-booking-marketing',
      condition: bookers,
    });
    await save(workspace, { key: 'a-child', name: 'child', parent: 'zz-root', condition: vip });
    await save(workspace, {
      key: 'big-bookers',
      name: 'Big',
      parent: 'bookers',
      condition: { type: 'not', condition: { type: 'reservation', count: { op: 'lt', value: 2 } } },
    });
    await save(workspace, {
      key: 'dutch-bookers',
      name: 'NL bookers',
      parent: 'bookers',
      condition: nl,
    });
    const listed = await listSegments(db(), { workspace, now: testNow });
    const rows = listed.map((segment) => [segment.key, segment.depth, segment.kind]);
    expect(rows.slice(0, 3)).toEqual([
      ['consent-marketing', 0, 'consent'],
      ['consent-booking-marketing', 0, 'consent'],
      ['bookers-reachable', 1, 'booker'],
    ]);
    expect(rows.slice(-6)).toEqual([
      ['consent-owners-service', 0, 'consent'],
      ['bookers', 0, 'booker'],
      ['big-bookers', 1, 'booker'],
      ['dutch-bookers', 1, 'rules'],
      ['zz-root', 0, 'rules'],
      ['a-child', 1, 'rules'],
    ]);
  });
});
