import fc from 'fast-check';
import type { Condition, FieldDefinition } from '../../../src/segments/index.js';
import {
  eventNodeArbitrary,
  messageNodeArbitrary,
  reservationNodeArbitrary,
} from './behaviour-arbitrary.js';
import {
  booleanOperand,
  multiselectOperand,
  numberOperand,
  type Operand,
  optionSpelling,
  selectOperand,
  textOperand,
  timeOperand,
} from './operand-arbitrary.js';
import { birthdayArbitrary, type TimeProfile } from './time-pools.js';
import {
  categoryKeys,
  cities,
  countries,
  emailOf,
  externalIdOf,
  firstNames,
  genders,
  languages,
  lastNames,
  nicknames,
  phoneOf,
  sourceOptions,
  tagLabels,
  textFrom,
} from './value-pools.js';

/**
 * Random valid conditions (SPEC §2) for one generated workspace: every node type, every operator
 * that fits the field's type, values from the workspace's own data and near misses of them.
 */

export interface TreeProfile {
  time: TimeProfile;
  fields: readonly FieldDefinition[];
  listKeys: readonly string[];
  /** Segments a `segment` node may refer to. */
  segmentKeys: readonly string[];
}

const fieldNumbers = [0, -1, 1.5, 10, 12.5, 80, 80.5, -3, 0.1, 0.3, 1_000_000, -0.5, 9.99, 2];

function identifierTexts(spell: (index: number, spelling: number) => string, extra: string[]) {
  return fc.oneof(
    { arbitrary: fc.tuple(fc.nat(50), fc.nat(3)).map(([index, s]) => spell(index, s)), weight: 3 },
    { arbitrary: fc.constantFrom(...extra), weight: 1 },
  );
}

/** The operands a field accepts, by its key (standard fields) or type (custom fields). */
function fieldOperand(field: FieldDefinition, time: TimeProfile): fc.Arbitrary<Operand> {
  const standardTexts: Record<string, fc.Arbitrary<string>> = {
    email: identifierTexts(emailOf, ['@example.com', 'example', 'C1@', 'c1']),
    phone: identifierTexts(phoneOf, ['+3161234', '0001', '+31 6 1234 0001']),
    external_id: identifierTexts(externalIdOf, ['ext-', 'EXT-Ä1', 'ä1']),
    first_name: textFrom(firstNames.filter((name) => name.trim() !== '')),
    last_name: textFrom(lastNames),
    language: textFrom(languages),
    country: textFrom(countries),
    city: textFrom(cities),
    gender: textFrom(genders),
  };
  switch (field.type) {
    case 'text':
      return textOperand(
        standardTexts[field.key] ?? textFrom(nicknames.filter((text) => text.trim() !== '')),
      );
    case 'number':
      return numberOperand(fc.constantFrom(...fieldNumbers));
    case 'boolean':
      return booleanOperand();
    case 'date':
      return timeOperand(
        'date',
        time,
        field.key === 'birthdate'
          ? fc.oneof(birthdayArbitrary(time), fc.constantFrom(...time.days))
          : fc.constantFrom(...time.days),
      );
    case 'datetime':
      return timeOperand('datetime', time, fc.constantFrom(...time.days));
    case 'select':
      return selectOperand(optionSpelling(field.options ?? sourceOptions));
    case 'multiselect':
      return multiselectOperand(optionSpelling(field.options ?? []));
  }
}

const standardFieldDefinitions: FieldDefinition[] = [
  ...[
    'email',
    'phone',
    'external_id',
    'first_name',
    'last_name',
    'language',
    'country',
    'city',
    'gender',
  ].map((key) => ({ key, type: 'text' as const })),
  { key: 'birthdate', type: 'date' },
  { key: 'created_at', type: 'datetime' },
  { key: 'updated_at', type: 'datetime' },
  { key: 'source', type: 'select', options: sourceOptions },
];

function fieldNodeArbitrary(profile: TreeProfile): fc.Arbitrary<Condition> {
  return fc
    .constantFrom(...standardFieldDefinitions, ...profile.fields)
    .chain((field) =>
      fc.tuple(
        fieldOperand(field, profile.time),
        // Field keys are matched ignoring case, as CSV headers are.
        fc.constantFrom(field.key, field.key, field.key.toUpperCase()),
      ),
    )
    .map(([operand, key]) => ({ type: 'field', field: key, ...operand }) as Condition);
}

function tagNodeArbitrary(): fc.Arbitrary<Condition> {
  const tag = fc
    .oneof(textFrom(tagLabels), fc.constant('nobody'))
    .filter((text) => text.trim() !== '');
  return fc.record({
    type: fc.constant('tag' as const),
    op: fc.constantFrom('has_any' as const, 'has_all' as const, 'has_none' as const),
    tags: fc.array(tag, { minLength: 1, maxLength: 3 }),
  });
}

function listNodeArbitrary(profile: TreeProfile): fc.Arbitrary<Condition> {
  return fc.record({
    type: fc.constant('list' as const),
    op: fc.constantFrom('in' as const, 'not_in' as const),
    lists: fc.subarray([...profile.listKeys], { minLength: 1 }),
  });
}

function segmentNodeArbitrary(profile: TreeProfile): fc.Arbitrary<Condition> {
  return fc.record({
    type: fc.constant('segment' as const),
    op: fc.constantFrom('in' as const, 'not_in' as const),
    segment: fc.constantFrom(...profile.segmentKeys),
  });
}

function consentNodeArbitrary(): fc.Arbitrary<Condition> {
  return fc.record({
    type: fc.constant('consent' as const),
    category: fc.constantFrom(...categoryKeys, 'booking_marketing', 'marketing'),
    op: fc.constantFrom(
      'valid' as const,
      'withdrawn' as const,
      'never_given' as const,
      'expired' as const,
    ),
  });
}

export function leafArbitrary(profile: TreeProfile): fc.Arbitrary<Condition> {
  const leaves: fc.WeightedArbitrary<Condition>[] = [
    { arbitrary: fieldNodeArbitrary(profile), weight: 6 },
    { arbitrary: tagNodeArbitrary(), weight: 1 },
    { arbitrary: listNodeArbitrary(profile), weight: 1 },
    { arbitrary: consentNodeArbitrary(), weight: 2 },
    { arbitrary: eventNodeArbitrary(profile.time), weight: 4 },
    { arbitrary: messageNodeArbitrary(profile.time), weight: 2 },
    { arbitrary: reservationNodeArbitrary(profile.time), weight: 2 },
  ];
  if (profile.segmentKeys.length > 0) {
    leaves.push({ arbitrary: segmentNodeArbitrary(profile), weight: 1 });
  }
  return fc.oneof(...leaves);
}

/**
 * A condition tree of leaves under `all`, `any` and `not`, nested at most `maxDepth` groups deep
 * (so at most `maxDepth + 1` levels). Empty `all` and `any` occur too (every and no contact).
 */
export function conditionArbitrary(
  profile: TreeProfile,
  options: { maxDepth: number },
): fc.Arbitrary<Condition> {
  const leaf = leafArbitrary(profile);
  const { node } = fc.letrec<{ node: Condition }>((tie) => {
    const child = tie('node');
    // Empty groups (every contact, no contact) now and then; mostly one to three children.
    const children = fc.oneof(
      { arbitrary: fc.constant([]), weight: 1 },
      { arbitrary: fc.array(child, { minLength: 1, maxLength: 3 }), weight: 9 },
    );
    const group = (type: 'all' | 'any') =>
      fc.record({ type: fc.constant(type), conditions: children });
    return {
      node: fc.oneof(
        { maxDepth: options.maxDepth, depthIdentifier: 'condition' },
        { arbitrary: leaf, weight: 4 },
        { arbitrary: group('all'), weight: 2 },
        { arbitrary: group('any'), weight: 2 },
        {
          arbitrary: fc.record({ type: fc.constant('not' as const), condition: child }),
          weight: 1,
        },
      ) as fc.Arbitrary<Condition>,
    };
  });
  return node;
}

/** Nesting depth of a condition: a leaf is 1. */
export function conditionDepth(node: Condition): number {
  if (node.type === 'all' || node.type === 'any') {
    return 1 + Math.max(0, ...node.conditions.map(conditionDepth));
  }
  if (node.type === 'not') return 1 + conditionDepth(node.condition);
  return 1;
}
