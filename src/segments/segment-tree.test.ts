import { describe, expect, it } from 'vitest';
import type { Condition } from './schema.js';
import { conditionAt } from './segment-explain.js';
import {
  consentSegmentKey,
  deriveSegmentKinds,
  findDependents,
  type SegmentShape,
  treeOrder,
} from './segment-tree.js';

const reservation: Condition = { type: 'reservation' };
const field: Condition = { type: 'field', field: 'country', op: 'eq', value: 'NL' };
const consent: Condition = { type: 'consent', category: 'booking_marketing', op: 'valid' };

function shape(key: string, condition: Condition, parent: string | null = null): SegmentShape {
  return { key, parent, condition, builtIn: false };
}

const builtIn: SegmentShape = {
  key: 'consent-booking-marketing',
  parent: null,
  condition: consent,
  builtIn: true,
};

describe('deriveSegmentKinds', () => {
  const bookers = shape('bookers', reservation);
  const dutch = shape('dutch', field);
  it.each([
    { description: 'a built-in consent segment', segment: builtIn, kind: 'consent' },
    { description: 'a reservation node', segment: bookers, kind: 'booker' },
    {
      description: 'reservations under not and any',
      segment: shape('x', {
        type: 'any',
        conditions: [reservation, { type: 'not', condition: reservation }],
      }),
      kind: 'booker',
    },
    {
      description: 'a reservation and a field',
      segment: shape('x', { type: 'all', conditions: [reservation, field] }),
      kind: 'rules',
    },
    {
      description: 'an empty all (everyone)',
      segment: shape('x', { type: 'all', conditions: [] }),
      kind: 'rules',
    },
    {
      description: 'a reference to a booker segment',
      segment: shape('x', { type: 'segment', op: 'not_in', segment: 'bookers' }),
      kind: 'booker',
    },
    {
      description: 'a reference to a rules segment',
      segment: shape('x', { type: 'segment', op: 'in', segment: 'dutch' }),
      kind: 'rules',
    },
    {
      description: 'reservations under a booker parent',
      segment: shape('x', reservation, 'bookers'),
      kind: 'booker',
    },
    {
      description: 'reservations under a consent segment',
      segment: shape('x', reservation, 'consent-booking-marketing'),
      kind: 'booker',
    },
    {
      description: 'reservations under a rules parent',
      segment: shape('x', reservation, 'dutch'),
      kind: 'rules',
    },
    { description: 'a consent node', segment: shape('x', consent), kind: 'rules' },
  ])('$description is $kind', ({ segment, kind }) => {
    const kinds = deriveSegmentKinds([builtIn, bookers, dutch, segment]);
    expect(kinds.get(segment.key)).toBe(kind);
  });

  it('follows a chain of references and survives a cycle', () => {
    const kinds = deriveSegmentKinds([
      shape('c', { type: 'segment', op: 'in', segment: 'b' }),
      shape('b', { type: 'segment', op: 'in', segment: 'a' }),
      shape('a', reservation),
      shape('loop-1', { type: 'segment', op: 'in', segment: 'loop-2' }),
      shape('loop-2', { type: 'segment', op: 'in', segment: 'loop-1' }),
    ]);
    expect(kinds.get('c')).toBe('booker');
    expect(kinds.get('loop-1')).toBe('rules');
  });
});

describe('treeOrder', () => {
  it('puts built-ins first, then roots by key, each followed by its children', () => {
    const order = treeOrder([
      shape('zeta', field),
      shape('beta-child', field, 'alpha'),
      shape('alpha', field),
      shape('alpha-grandchild', field, 'beta-child'),
      shape('aa-child', field, 'alpha'),
      builtIn,
      shape('orphan', field, 'missing'),
    ]);
    expect(order).toEqual([
      { key: 'consent-booking-marketing', depth: 0 },
      { key: 'alpha', depth: 0 },
      { key: 'aa-child', depth: 1 },
      { key: 'beta-child', depth: 1 },
      { key: 'alpha-grandchild', depth: 2 },
      { key: 'orphan', depth: 0 },
      { key: 'zeta', depth: 0 },
    ]);
  });

  it('lists every segment once even if parents form a cycle', () => {
    const order = treeOrder([shape('a', field, 'b'), shape('b', field, 'a'), shape('c', field)]);
    expect(order.map((position) => position.key).sort()).toEqual(['a', 'b', 'c']);
  });
});

describe('findDependents', () => {
  it('names children and segments whose conditions refer to the key, anywhere in the tree', () => {
    const dependents = findDependents('base', [
      shape('base', field),
      shape('kid', field, 'base'),
      shape('deep', {
        type: 'any',
        conditions: [
          field,
          { type: 'not', condition: { type: 'segment', op: 'in', segment: 'base' } },
        ],
      }),
      shape('unrelated', { type: 'segment', op: 'in', segment: 'kid' }),
    ]);
    expect(dependents).toEqual([
      { key: 'deep', relation: 'reference' },
      { key: 'kid', relation: 'child' },
    ]);
  });
});

describe('consentSegmentKey', () => {
  it.each([
    ['marketing', 'consent-marketing'],
    ['booking_marketing', 'consent-booking-marketing'],
    ['owners_service', 'consent-owners-service'],
  ])('%s → %s', (category, key) => {
    expect(consentSegmentKey(category)).toBe(key);
  });
});

describe('conditionAt', () => {
  const tree: Condition = {
    type: 'all',
    conditions: [field, { type: 'not', condition: { type: 'any', conditions: [reservation] } }],
  };
  it.each([
    ['', tree],
    ['conditions[0]', field],
    ['conditions[1].condition.conditions[0]', reservation],
    ['conditions[7]', undefined],
    ['conditions[0].value', undefined],
  ])('finds the node at "%s"', (path, expected) => {
    expect(conditionAt(tree, path)).toEqual(expected);
  });
});
