import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import {
  type ContactSnapshot,
  countSegmentMembers,
  evaluateContact,
  listSegmentMemberIds,
  loadContactSnapshot,
  loadWorkspaceSnapshots,
  normaliseCondition,
  segmentContainsContact,
  validateCondition,
} from '../../src/segments/index.js';
import { conditionArbitrary } from '../support/segment-arbitraries.js';
import {
  caseCondition,
  caseContext,
  caseFixture,
  caseNow,
  caseTimeZone,
  segmentCases,
} from '../support/segment-cases.js';
import { type WrittenFixture, writeSegmentFixture } from '../support/segment-fixtures.js';
import { describeEachStore } from '../support/stores.js';

/**
 * The SQL engine on both stores against the hand-worked case table, and against the
 * interpreter over the same rows read back by the snapshot loader.
 */
describeEachStore('segment SQL engine on the case table', (context) => {
  let written: WrittenFixture;
  const snapshots = new Map<number, ContactSnapshot[]>();

  async function snapshotsAt(now: number): Promise<ContactSnapshot[]> {
    const cached = snapshots.get(now);
    if (cached) return cached;
    const loaded = await loadWorkspaceSnapshots(context().store.db, {
      workspaceId: written.workspaceId,
      now,
      timeZone: caseTimeZone,
    });
    snapshots.set(now, loaded);
    return loaded;
  }

  beforeAll(async () => {
    written = await writeSegmentFixture(context().store, caseFixture, caseNow);
  });

  it('loads every contact back as written', async () => {
    const loaded = await snapshotsAt(caseNow);
    expect(loaded.map((snapshot) => written.names.get(snapshot.contact.id))).toEqual(
      caseFixture.contacts.map((contact) => contact.name),
    );
    const ana = loaded[0]!;
    expect(ana.contact.city_key).toBe('école');
    expect(ana.contact.custom_key).toEqual({
      plan: 'gold',
      interests: ['cycling', 'art'],
      nickname: 'ánnie',
    });
    expect(ana.tags).toEqual(expect.arrayContaining(['vip', 'cycling']));
    expect(ana.consent.marketing).toBe('valid');
    expect(ana.events[0]?.property_number).toEqual({ amount: 80 });
  });

  it.each(segmentCases)('$description', async (segmentCase) => {
    const { store } = context();
    const now = segmentCase.now ?? caseNow;
    const condition = caseCondition(segmentCase);
    const scope = { workspaceId: written.workspaceId };
    const ids = await listSegmentMemberIds(store, condition, scope);
    const interpreted = (await snapshotsAt(now))
      .filter((snapshot) => evaluateContact(condition, snapshot))
      .map((snapshot) => snapshot.contact.id);
    expect(ids).toEqual(interpreted);
    if (segmentCase.members) {
      expect(ids.map((id) => written.names.get(id))).toEqual(segmentCase.members);
    }
    expect(await countSegmentMembers(store, condition, scope)).toBe(ids.length);
  });

  it('pages members by id', async () => {
    const { store } = context();
    const condition = caseCondition({
      description: '',
      condition: { type: 'all', conditions: [] },
      members: [],
    });
    const scope = { workspaceId: written.workspaceId };
    const first = await listSegmentMemberIds(store, condition, { ...scope, limit: 4 });
    const rest = await listSegmentMemberIds(store, condition, { ...scope, afterId: first.at(-1)! });
    expect([...first, ...rest]).toEqual([...written.ids.values()]);
    expect(first).toHaveLength(4);
  });

  it('checks one contact like the whole query does', async () => {
    const { store } = context();
    const condition = caseCondition(segmentCases.find((item) => item.description === 'not')!);
    for (const [name, contactId] of written.ids) {
      const snapshot = await loadContactSnapshot(store.db, {
        workspaceId: written.workspaceId,
        contactId,
        now: caseNow,
        timeZone: caseTimeZone,
      });
      const inside = await segmentContainsContact(store, condition, {
        workspaceId: written.workspaceId,
        contactId,
      });
      expect([name, inside]).toEqual([name, evaluateContact(condition, snapshot!)]);
    }
  });

  it('never sees another workspace', async () => {
    const { store } = context();
    const other = await writeSegmentFixture(store, caseFixture, caseNow);
    const condition = caseCondition(segmentCases[0]!);
    const ids = await listSegmentMemberIds(store, condition, { workspaceId: other.workspaceId });
    expect(ids.map((id) => other.names.get(id))).toEqual(['ana', 'dirk']);
  });
});

describeEachStore('segment SQL engine on random conditions', (context) => {
  let written: WrittenFixture;
  let snapshots: ContactSnapshot[];

  beforeAll(async () => {
    written = await writeSegmentFixture(context().store, caseFixture, caseNow);
    snapshots = await loadWorkspaceSnapshots(context().store.db, {
      workspaceId: written.workspaceId,
      now: caseNow,
      timeZone: caseTimeZone,
    });
  });

  it('gives the interpreter’s members for every valid tree', async () => {
    const { store } = context();
    await fc.assert(
      fc.asyncProperty(conditionArbitrary, async (tree) => {
        expect(validateCondition(tree, caseContext())).toEqual([]);
        const condition = normaliseCondition(tree, caseContext());
        const ids = await listSegmentMemberIds(store, condition, {
          workspaceId: written.workspaceId,
        });
        const interpreted = snapshots
          .filter((snapshot) => evaluateContact(condition, snapshot))
          .map((snapshot) => snapshot.contact.id);
        expect(ids).toEqual(interpreted);
      }),
      { numRuns: 300 },
    );
  });
});
