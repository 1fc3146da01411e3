import fc from 'fast-check';
import { conditionArbitrary, type TreeProfile } from './condition-arbitrary.js';

/**
 * Input that a segment validator must survive: any JSON, valid conditions with one part replaced
 * or removed, trees far deeper or wider than the bounds, and values that break naive code
 * (`__proto__` keys, huge lists, non-string types, long strings).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const nodeTypes = [
  'all',
  'any',
  'not',
  'field',
  'tag',
  'list',
  'segment',
  'consent',
  'event',
  'message',
  'reservation',
];

/** Replaces (or, when `replacement` is undefined, removes) the value at one random position. */
function mutateAt(tree: Json, choice: number, replacement: Json | undefined): Json {
  const positions: { parent: Json[] | { [key: string]: Json }; key: string | number }[] = [];
  const pending: Json[] = [tree];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (Array.isArray(node)) {
      node.forEach((item, index) => {
        positions.push({ parent: node, key: index });
        pending.push(item);
      });
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, item] of Object.entries(node)) {
        positions.push({ parent: node, key });
        pending.push(item);
      }
    }
  }
  if (positions.length === 0) return replacement ?? null;
  const { parent, key } = positions[choice % positions.length]!;
  if (Array.isArray(parent)) {
    if (replacement === undefined) parent.splice(key as number, 1);
    else parent[key as number] = replacement;
  } else if (replacement === undefined) {
    delete parent[key as string];
  } else {
    parent[key as string] = replacement;
  }
  return tree;
}

const oddValues: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    null,
    '',
    ' ',
    'P',
    'PT',
    'P-1D',
    'P99999999D',
    '2026-02-30',
    '2026-13-01T00:00:00Z',
    '__proto__',
    'constructor',
    -0,
    1e308,
    -1e308,
    0.1,
    [],
    {},
    [null],
    ['a', 1, true],
    [1, 2, 3],
    [3, 1],
    ['2026-01-02', '2026-01-01'],
  ),
  fc.constantFrom(...nodeTypes),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
);

export function mutatedConditionArbitrary(profile: TreeProfile): fc.Arbitrary<Json> {
  return fc
    .tuple(
      conditionArbitrary(profile, { maxDepth: 3 }),
      fc.array(fc.tuple(fc.nat(), fc.option(oddValues, { nil: undefined, freq: 5 })), {
        minLength: 1,
        maxLength: 3,
      }),
    )
    .map(([condition, mutations]) => {
      let tree = structuredClone(condition) as Json;
      for (const [choice, replacement] of mutations) tree = mutateAt(tree, choice, replacement);
      return tree;
    });
}

/** `not` (or a one-child `all`, or bare arrays) nested `depth` times, built without recursion. */
export const deepTreeArbitrary: fc.Arbitrary<Json> = fc
  .tuple(fc.integer({ min: 10, max: 30_000 }), fc.constantFrom('not', 'all', 'array'))
  .map(([depth, shape]) => {
    let tree: Json = { type: 'tag', op: 'has_any', tags: ['vip'] };
    for (let level = 0; level < depth; level++) {
      if (shape === 'not') tree = { type: 'not', condition: tree };
      else if (shape === 'all') tree = { type: 'all', conditions: [tree] };
      else tree = [tree];
    }
    return tree;
  });

/** Far more nodes, values or where filters than the bounds allow. */
export const wideTreeArbitrary: fc.Arbitrary<Json> = fc
  .tuple(
    fc.integer({ min: 400, max: 20_000 }),
    fc.constantFrom('conditions', 'tags', 'in', 'where'),
  )
  .map(([size, shape]): Json => {
    const many = <T extends Json>(item: (index: number) => T): T[] =>
      Array.from({ length: size }, (_, index) => item(index));
    switch (shape) {
      case 'conditions':
        return {
          type: 'any',
          conditions: many(() => ({ type: 'tag', op: 'has_any', tags: ['x'] })),
        };
      case 'tags':
        return { type: 'tag', op: 'has_all', tags: many((index) => `t${index}`) };
      case 'in':
        return { type: 'field', field: 'country', op: 'in', value: many((index) => `c${index}`) };
      default:
        return {
          type: 'event',
          event: 'purchase',
          where: many((index) => ({ property: `p${index}`, op: 'is_set' })),
        };
    }
  });

/** Anything a client could send as a condition. */
export function anyConditionJsonArbitrary(profile: TreeProfile): fc.Arbitrary<Json> {
  return fc.oneof(
    { arbitrary: fc.jsonValue({ maxDepth: 6 }) as fc.Arbitrary<Json>, weight: 2 },
    { arbitrary: mutatedConditionArbitrary(profile), weight: 6 },
    { arbitrary: conditionArbitrary(profile, { maxDepth: 3 }) as fc.Arbitrary<Json>, weight: 1 },
    { arbitrary: deepTreeArbitrary, weight: 1 },
    { arbitrary: wideTreeArbitrary, weight: 1 },
  );
}
