import { beforeAll, expect, it } from 'vitest';
import {
  countSegment,
  createSegment,
  type ExplainedNode,
  explainSegment,
  iterateSegmentMembers,
  previewSegment,
  segmentMembers,
  segmentsOfContact,
} from '../../src/segments/index.js';
import { SiftError } from '../../src/shared/errors.js';
import { describeEachStore } from '../support/stores.js';
import { createSegmentWorld, type SegmentWorld, testNow } from './segment-test-data.js';

const definitions = [
  {
    key: 'nl',
    name: 'Dutch',
    condition: { type: 'field', field: 'country', op: 'eq', value: 'NL' },
  },
  {
    key: 'nl-vip',
    name: 'Dutch VIPs',
    parent: 'nl',
    condition: { type: 'tag', op: 'has_any', tags: ['vip'] },
  },
  {
    key: 'buyers',
    name: 'Bought 3 times in 90 days',
    condition: {
      type: 'event',
      event: 'purchase',
      within: { last: 'P90D' },
      count: { op: 'gte', value: 3 },
    },
  },
  {
    key: 'big-spenders',
    name: 'Spent over 500 in a year',
    active: false,
    condition: {
      type: 'event',
      event: 'purchase',
      within: { last: 'P365D' },
      aggregate: { fn: 'sum', property: 'amount', op: 'gt', value: 500 },
    },
  },
  {
    key: 'spring-openers',
    name: 'Opened spring',
    condition: { type: 'message', activity: 'opened', campaign: ' Spring ' },
  },
  {
    key: 'bookers',
    name: 'Confirmed bookers',
    condition: {
      type: 'reservation',
      where: [{ property: 'status', op: 'eq', value: 'confirmed' }],
    },
  },
  { key: 'not-nl', name: 'Not Dutch', condition: { type: 'segment', op: 'not_in', segment: 'nl' } },
  {
    key: 'not-gold',
    name: 'Not gold',
    condition: { type: 'field', field: 'tier', op: 'not_in', value: ['gold'] },
  },
  { key: 'no-vip', name: 'No VIP tag', condition: { type: 'tag', op: 'has_none', tags: ['vip'] } },
  {
    key: 'newsletter',
    name: 'On the newsletter list',
    condition: { type: 'list', op: 'in', lists: ['newsletter'] },
  },
];

function find(
  node: ExplainedNode,
  predicate: (node: ExplainedNode) => boolean,
): ExplainedNode | undefined {
  if (predicate(node)) return node;
  for (const child of node.children ?? []) {
    const found = find(child, predicate);
    if (found) return found;
  }
  return undefined;
}

describeEachStore('segment evaluation', (context) => {
  let world: SegmentWorld;
  const at = (key: string, now = testNow) => ({ workspace: world.workspace, now, key });

  beforeAll(async () => {
    world = await createSegmentWorld(context().store);
    for (const definition of definitions) {
      await createSegment(context().store.db, {
        workspace: world.workspace,
        now: testNow,
        definition,
      });
    }
  });

  async function memberIds(key: string, now = testNow): Promise<number[]> {
    const page = await segmentMembers(context().store, { ...at(key, now), limit: 1000 });
    return page.members.map((member) => member.id);
  }

  it.each([
    { key: 'nl', members: ['anna', 'carl'] },
    { key: 'nl-vip', members: ['anna'] },
    { key: 'buyers', members: ['anna'] },
    { key: 'big-spenders', members: ['anna'] },
    { key: 'spring-openers', members: ['carl'] },
    { key: 'bookers', members: ['bob'] },
    { key: 'not-nl', members: ['bob', 'dora'] },
    { key: 'not-gold', members: ['bob', 'carl', 'dora'] },
    { key: 'no-vip', members: ['bob', 'carl', 'dora'] },
    { key: 'newsletter', members: ['anna', 'bob'] },
    { key: 'consent-marketing', members: ['anna', 'bob', 'carl'] },
    { key: 'consent-booking-marketing', members: ['bob'] },
    { key: 'consent-owners-marketing', members: ['dora'] },
  ] as const)('$key has members $members (count and members agree)', async ({ key, members }) => {
    const expected = members.map((name) => world.ids[name]).sort((left, right) => left - right);
    expect(await memberIds(key)).toEqual(expected);
    expect(await countSegment(context().store, at(key))).toBe(expected.length);
  });

  it('evaluates at the instant asked for', async () => {
    // On 2 February at noon anna had made two purchases only.
    const early = Date.parse('2026-02-02T12:00:00Z');
    expect(await countSegment(context().store, at('buyers', early))).toBe(0);
    expect(
      await countSegment(context().store, at('buyers', Date.parse('2026-02-03T10:00:00.001Z'))),
    ).toBe(1);
    // Ninety days after the last purchase the window has passed it.
    expect(
      await countSegment(context().store, at('buyers', Date.parse('2026-06-01T00:00:00Z'))),
    ).toBe(0);
  });

  it('returns members with their identifiers, ordered by id, page by page', async () => {
    const first = await segmentMembers(context().store, { ...at('consent-marketing'), limit: 2 });
    expect(first.members).toEqual([
      {
        id: world.ids.anna,
        email: 'anna@example.nl',
        external_id: null,
        phone: null,
        first_name: 'Anna',
        last_name: null,
      },
      {
        id: world.ids.bob,
        email: 'bob@example.be',
        external_id: null,
        phone: null,
        first_name: 'Bob',
        last_name: null,
      },
    ]);
    expect(first.next).toBe(world.ids.bob);
    const second = await segmentMembers(context().store, {
      ...at('consent-marketing'),
      limit: 2,
      after: first.next!,
    });
    expect(second.members.map((member) => [member.id, member.phone])).toEqual([
      [world.ids.carl, '+31612345678'],
    ]);
    expect(second.next).toBeNull();
    const pages: number[][] = [];
    for await (const page of iterateSegmentMembers(context().store, {
      ...at('no-vip'),
      limit: 2,
    })) {
      pages.push(page.map((member) => member.id));
    }
    expect(pages.flat()).toEqual([world.ids.bob, world.ids.carl]);
  });

  it('refuses an unknown segment', async () => {
    await expect(countSegment(context().store, at('ghost'))).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('lists the segments a contact is in, inactive ones included', async () => {
    const segments = await segmentsOfContact(context().store, {
      workspace: world.workspace,
      now: testNow,
      contactId: world.ids.anna,
    });
    expect(segments.map((segment) => segment.key).sort()).toEqual(
      ['big-spenders', 'buyers', 'consent-marketing', 'newsletter', 'nl', 'nl-vip'].sort(),
    );
    expect(segments.find((segment) => segment.key === 'big-spenders')?.active).toBe(false);
    const dora = await segmentsOfContact(context().store, {
      workspace: world.workspace,
      now: testNow,
      contactId: world.ids.dora,
    });
    expect(dora.map((segment) => segment.key).sort()).toEqual(
      ['consent-owners-marketing', 'no-vip', 'not-gold', 'not-nl'].sort(),
    );
    await expect(
      segmentsOfContact(context().store, {
        workspace: world.workspace,
        now: testNow,
        contactId: 999_999,
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('explains a nested segment node by node', async () => {
    const explanation = await explainSegment(context().store, {
      ...at('nl-vip'),
      contactId: world.ids.carl,
    });
    expect(explanation.result).toBe(false);
    expect(explanation.tree).toMatchObject({ type: 'all', segment: 'nl-vip', result: false });
    const parent = find(explanation.tree, (node) => node.segment === 'nl');
    expect(parent?.result).toBe(true);
    const country = find(parent!, (node) => node.type === 'field');
    expect(country).toMatchObject({
      result: true,
      source: { field: 'country' },
      segment_key: 'nl',
      found: { value: 'nl' },
    });
    const tag = find(explanation.tree, (node) => node.type === 'tag');
    expect(tag).toMatchObject({
      result: false,
      source: { type: 'tag', tags: ['vip'] },
      segment_key: 'nl-vip',
      found: { tags: [] },
    });
  });

  it('explains behaviour nodes with the count or aggregate found', async () => {
    const buyers = await explainSegment(context().store, {
      ...at('buyers'),
      contactId: world.ids.anna,
    });
    expect(buyers.result).toBe(true);
    expect(find(buyers.tree, (node) => node.type === 'event')).toMatchObject({
      result: true,
      found: { count: 3 },
    });
    const early = await explainSegment(context().store, {
      ...at('buyers', Date.parse('2026-02-02T12:00:00Z')),
      contactId: world.ids.anna,
    });
    expect(find(early.tree, (node) => node.type === 'event')).toMatchObject({
      result: false,
      found: { count: 2 },
    });
    const spenders = await explainSegment(context().store, {
      ...at('big-spenders'),
      contactId: world.ids.bob,
    });
    // Bob's only purchase is older than a year: no value is left to sum.
    expect(find(spenders.tree, (node) => node.type === 'event')).toMatchObject({
      result: false,
      found: { aggregate: null },
    });
    const negation = await explainSegment(context().store, {
      ...at('no-vip'),
      contactId: world.ids.anna,
    });
    expect(negation.result).toBe(false);
    expect(find(negation.tree, (node) => node.type === 'not')).toMatchObject({
      result: false,
      source: { op: 'has_none' },
    });
  });

  it('previews an unsaved condition or definition with an exact count and a sample', async () => {
    const either = { type: 'field', field: 'country', op: 'in', value: ['NL', 'be'] };
    const preview = await previewSegment(context().store, {
      workspace: world.workspace,
      now: testNow,
      tree: either,
    });
    expect(preview.count).toBe(3);
    expect(preview.sample.map((member) => member.id)).toEqual([
      world.ids.anna,
      world.ids.bob,
      world.ids.carl,
    ]);
    const small = await previewSegment(context().store, {
      workspace: world.workspace,
      now: testNow,
      tree: either,
      sampleSize: 1,
    });
    expect(small).toMatchObject({ count: 3, sample: [{ id: world.ids.anna }] });
    const nested = await previewSegment(context().store, {
      workspace: world.workspace,
      now: testNow,
      tree: {
        name: 'draft',
        parent: 'newsletter',
        condition: { type: 'field', field: 'country', op: 'eq', value: 'BE' },
      },
    });
    expect(nested).toMatchObject({ count: 1, sample: [{ id: world.ids.bob }] });
    // A `not` node holds a `condition` too, yet is a condition, not a definition.
    const negated = await previewSegment(context().store, {
      workspace: world.workspace,
      now: testNow,
      tree: { type: 'not', condition: either },
    });
    expect(negated).toMatchObject({ count: 1, sample: [{ id: world.ids.dora }] });
  });

  it('validates a preview like a saved segment, with paths', async () => {
    const error = await previewSegment(context().store, {
      workspace: world.workspace,
      now: testNow,
      tree: {
        parent: 'ghost',
        condition: {
          type: 'all',
          conditions: [{ type: 'field', field: 'colour', op: 'eq', value: 1 }],
        },
      },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SiftError);
    expect((error as SiftError).details?.map((detail) => detail.path)).toEqual([
      'condition.conditions[0].field',
      'parent',
    ]);
    const cycle = await previewSegment(context().store, {
      workspace: world.workspace,
      now: testNow,
      tree: { key: 'nl', condition: { type: 'segment', op: 'in', segment: 'nl-vip' } },
    }).catch((caught: unknown) => caught);
    expect((cycle as SiftError).details).toContainEqual(
      expect.objectContaining({ code: 'segment_cycle', path: 'condition.segment' }),
    );
  });
});
