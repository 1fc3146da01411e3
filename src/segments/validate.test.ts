import { describe, expect, it } from 'vitest';
import { caseContext } from '../../test/support/segment-cases.js';
import type { ValidationContext } from './language-context.js';
import type { Problem } from './problems.js';
import { validateCondition, validateSegmentDefinition } from './validate.js';

const context: ValidationContext = caseContext();

function problems(tree: unknown, extra: Partial<ValidationContext> = {}): Problem[] {
  return validateCondition(tree, { ...context, ...extra });
}

function codesAndPaths(tree: unknown, extra: Partial<ValidationContext> = {}) {
  return problems(tree, extra).map((problem) => [problem.code, problem.path]);
}

const field = (name: string, op: string, value?: unknown) => ({
  type: 'field',
  field: name,
  op,
  ...(value === undefined ? {} : { value }),
});

describe('validateCondition: one problem per case, with its path', () => {
  it.each([
    { description: 'not an object', tree: 5, expected: [['invalid_shape', '']] },
    {
      description: 'unknown node type',
      tree: { type: 'fields' },
      expected: [['invalid_shape', 'type']],
    },
    {
      description: 'nested unknown node type',
      tree: { type: 'all', conditions: [field('country', 'eq', 'nl'), { type: 'x' }] },
      expected: [['invalid_shape', 'conditions[1].type']],
    },
    {
      description: 'missing property',
      tree: { type: 'field', op: 'eq', value: 'x' },
      expected: [['invalid_shape', 'field']],
    },
    {
      description: 'unrecognized property',
      tree: { ...field('country', 'eq', 'nl'), colour: 'red' },
      expected: [['unrecognized_key', 'colour']],
    },
    {
      description: 'not without its condition',
      tree: { type: 'not' },
      expected: [['invalid_shape', 'condition']],
    },
    {
      description: 'unknown operator',
      tree: field('country', 'equals', 'nl'),
      expected: [['operator_not_allowed', 'op']],
    },
    {
      description: 'unknown field',
      tree: field('colour', 'eq', 'red'),
      expected: [['unknown_field', 'field']],
    },
    {
      description: 'operator does not fit text',
      tree: field('country', 'gt', 3),
      expected: [['operator_not_allowed', 'op']],
    },
    {
      description: 'operator does not fit number',
      tree: field('score', 'contains', '3'),
      expected: [['operator_not_allowed', 'op']],
    },
    {
      description: 'eq does not fit select',
      tree: field('plan', 'eq', 'Gold'),
      expected: [['operator_not_allowed', 'op']],
    },
    {
      description: 'in does not fit multiselect',
      tree: field('interests', 'in', ['Art']),
      expected: [['operator_not_allowed', 'op']],
    },
    {
      description: 'has_any does not fit text',
      tree: field('city', 'has_any', ['x']),
      expected: [['operator_not_allowed', 'op']],
    },
    {
      description: 'is_true does not fit date',
      tree: field('birthdate', 'is_true'),
      expected: [['operator_not_allowed', 'op']],
    },
    {
      description: 'text value expected',
      tree: field('country', 'eq', 3),
      expected: [['invalid_value', 'value']],
    },
    {
      description: 'number value expected',
      tree: field('score', 'gt', '3'),
      expected: [['invalid_value', 'value']],
    },
    {
      description: 'between needs a pair',
      tree: field('score', 'between', 3),
      expected: [['invalid_value', 'value']],
    },
    {
      description: 'between needs lo ≤ hi',
      tree: field('score', 'between', [5, 3]),
      expected: [['invalid_value', 'value']],
    },
    {
      description: 'date between needs from ≤ to',
      tree: field('birthdate', 'between', ['2000-02-01', '2000-01-01']),
      expected: [['invalid_value', 'value']],
    },
    {
      description: 'in needs a list',
      tree: field('country', 'in', 'nl'),
      expected: [['invalid_value', 'value']],
    },
    {
      description: 'in needs a non-empty list',
      tree: field('country', 'in', []),
      expected: [['invalid_value', 'value']],
    },
    {
      description: 'is_set takes no value',
      tree: field('country', 'is_set', 'x'),
      expected: [['invalid_value', 'value']],
    },
    {
      description: 'select option must exist',
      tree: field('plan', 'in', ['Gold', 'Platinum']),
      expected: [['unknown_option', 'value']],
    },
    {
      description: 'multiselect option must exist',
      tree: field('interests', 'has_all', ['Art', 'Golf']),
      expected: [['unknown_option', 'value']],
    },
    {
      description: 'date value must be an ISO date',
      tree: field('birthdate', 'on', '16-03-1990'),
      expected: [['invalid_value', 'value']],
    },
    {
      description: 'a date field takes no time of day',
      tree: field('birthdate', 'before', '2026-01-01T10:00:00Z'),
      expected: [['invalid_value', 'value']],
    },
    {
      description: 'bad duration',
      tree: field('created_at', 'within_last', '90 days'),
      expected: [['invalid_duration', 'value']],
    },
    {
      description: 'hours on a date field',
      tree: field('birthdate', 'within_next', 'PT12H'),
      expected: [['invalid_duration', 'value']],
    },
    {
      description: 'anniversary needs whole days',
      tree: field('created_at', 'anniversary_within_next', 'PT36H'),
      expected: [['invalid_duration', 'value']],
    },
    {
      description: 'too long a duration',
      tree: field('created_at', 'within_last', 'P100001D'),
      expected: [['invalid_duration', 'value']],
    },
    {
      description: 'unknown list',
      tree: { type: 'list', op: 'in', lists: ['newsletter', 'vips'] },
      expected: [['unknown_list', 'lists[1]']],
    },
    {
      description: 'empty tag',
      tree: { type: 'tag', op: 'has_any', tags: ['  '] },
      expected: [['invalid_value', 'tags[0]']],
    },
    {
      description: 'no tags',
      tree: { type: 'tag', op: 'has_all', tags: [] },
      expected: [['invalid_value', 'tags']],
    },
    {
      description: 'unknown segment',
      tree: { type: 'segment', op: 'in', segment: 'nope' },
      expected: [['unknown_segment', 'segment']],
    },
    {
      description: 'unknown consent category',
      tree: { type: 'consent', category: 'sms', op: 'valid' },
      expected: [['unknown_consent_category', 'category']],
    },
    {
      description: 'unknown consent state',
      tree: { type: 'consent', category: 'marketing', op: 'given' },
      expected: [['operator_not_allowed', 'op']],
    },
    {
      description: 'two measures on an event',
      tree: {
        type: 'event',
        event: 'purchase',
        count: { op: 'gte', value: 1 },
        last: { op: 'within_last', value: 'P1D' },
      },
      expected: [['conflicting_measures', 'last']],
    },
    {
      description: 'last takes only instant operators',
      tree: { type: 'event', event: 'purchase', last: { op: 'within_next', value: 'P1D' } },
      expected: [['operator_not_allowed', 'last.op']],
    },
    {
      description: 'last needs a duration',
      tree: {
        type: 'event',
        event: 'purchase',
        last: { op: 'more_than_ago', value: '2026-01-01' },
      },
      expected: [['invalid_duration', 'last.value']],
    },
    {
      description: 'a count is a whole number',
      tree: { type: 'event', event: 'purchase', count: { op: 'gte', value: 1.5 } },
      expected: [['invalid_value', 'count.value']],
    },
    {
      description: 'a count value of the wrong type',
      tree: { type: 'event', event: 'purchase', count: { op: 'gte', value: 'many' } },
      expected: [['invalid_value', 'count.value']],
    },
    {
      description: 'aggregate between needs a pair',
      tree: {
        type: 'event',
        event: 'purchase',
        aggregate: { fn: 'sum', property: 'amount', op: 'between', value: 5 },
      },
      expected: [['invalid_value', 'aggregate.value']],
    },
    {
      description: 'date operators do not apply to event properties',
      tree: {
        type: 'event',
        event: 'purchase',
        where: [{ property: 'at', op: 'before', value: '2026-01-01' }],
      },
      expected: [['operator_not_allowed', 'where[0].op']],
    },
    {
      description: 'where value of the wrong type',
      tree: {
        type: 'event',
        event: 'purchase',
        where: [{ property: 'amount', op: 'gt', value: 'ten' }],
      },
      expected: [['invalid_value', 'where[0].value']],
    },
    {
      description: 'bad window duration',
      tree: { type: 'event', event: 'purchase', within: { last: 'P90' } },
      expected: [['invalid_duration', 'within.last']],
    },
    {
      description: 'bad window bound',
      tree: { type: 'event', event: 'purchase', within: { from: 'yesterday', to: '2026-01-01' } },
      expected: [['invalid_value', 'within.from']],
    },
    {
      description: 'window from after to',
      tree: { type: 'event', event: 'purchase', within: { from: '2026-02-01', to: '2026-01-01' } },
      expected: [['invalid_value', 'within']],
    },
    {
      description: 'link narrows clicks only',
      tree: { type: 'message', activity: 'opened', link: 'https://x' },
      expected: [['invalid_value', 'link']],
    },
    {
      description: 'unknown channel',
      tree: { type: 'message', activity: 'opened', channel: 'fax' },
      expected: [['invalid_value', 'channel']],
    },
    {
      description: 'unknown message activity',
      tree: { type: 'message', activity: 'read' },
      expected: [['invalid_value', 'activity']],
    },
    {
      description: 'unknown reservation attribute',
      tree: { type: 'reservation', where: [{ property: 'nights', op: 'gt', value: 2 }] },
      expected: [['unknown_property', 'where[0].property']],
    },
    {
      description: 'reservation attribute type',
      tree: { type: 'reservation', where: [{ property: 'arrival', op: 'gt', value: 2 }] },
      expected: [['operator_not_allowed', 'where[0].op']],
    },
    {
      description: 'reservation date attribute with hours',
      tree: {
        type: 'reservation',
        where: [{ property: 'arrival', op: 'within_next', value: 'PT5H' }],
      },
      expected: [['invalid_duration', 'where[0].value']],
    },
  ])('$description', ({ tree, expected }) => {
    expect(codesAndPaths(tree)).toEqual(expected);
  });
});

describe('validateCondition', () => {
  it('reports every problem, not only the first', () => {
    const tree = {
      type: 'all',
      conditions: [
        field('colour', 'eq', 'red'),
        field('score', 'contains', 'x'),
        { type: 'not', condition: { type: 'list', op: 'in', lists: ['nope'] } },
        {
          type: 'event',
          event: 'purchase',
          where: [
            { property: 'amount', op: 'gt' },
            { property: 'x', op: 'on' },
          ],
        },
      ],
    };
    expect(codesAndPaths(tree)).toEqual([
      ['unknown_field', 'conditions[0].field'],
      ['operator_not_allowed', 'conditions[1].op'],
      ['unknown_list', 'conditions[2].condition.lists[0]'],
      ['invalid_value', 'conditions[3].where[0].value'],
      ['operator_not_allowed', 'conditions[3].where[1].op'],
    ]);
  });

  it('names what was expected', () => {
    const [problem] = problems(field('score', 'contains', 'x'));
    expect(problem?.message).toContain(
      'expected one of eq, is_set, gt, gte, lt, lte, between, neq, is_not_set',
    );
  });

  it.each([
    [
      'a valid tree',
      {
        type: 'all',
        conditions: [
          field('country', 'in', ['NL']),
          { type: 'segment', op: 'in', segment: 'nl-vip' },
        ],
      },
    ],
    ['an empty all', { type: 'all', conditions: [] }],
    [
      'a message with every narrowing',
      {
        type: 'message',
        activity: 'clicked',
        campaign: 'x',
        link: 'https://x',
        channel: 'EMAIL',
        count: { op: 'lt', value: 2 },
      },
    ],
    ['custom field keys ignore case', field('Score', 'gt', 1)],
    [
      'tags and campaigns need not exist',
      {
        type: 'any',
        conditions: [
          { type: 'tag', op: 'has_any', tags: ['new-tag'] },
          { type: 'message', activity: 'opened', campaign: 'future' },
        ],
      },
    ],
  ])('accepts %s', (_description, tree) => {
    expect(problems(tree)).toEqual([]);
  });

  it('prefixes paths when the condition sits in a definition', () => {
    expect(validateCondition(field('nope', 'eq', 'x'), context, { path: 'condition' })).toEqual([
      expect.objectContaining({ code: 'unknown_field', path: 'condition.field' }),
    ]);
  });
});

describe('bounds are checked before anything walks the tree', () => {
  function chain(depth: number): unknown {
    let tree: unknown = field('country', 'eq', 'nl');
    for (let level = 1; level < depth; level++) tree = { type: 'not', condition: tree };
    return tree;
  }

  it('accepts depth 12 and refuses depth 13', () => {
    expect(problems(chain(12))).toEqual([]);
    expect(codesAndPaths(chain(13))).toEqual([['too_deep', Array(12).fill('condition').join('.')]]);
  });

  it('refuses a 100,000-deep tree without exhausting the stack', () => {
    expect(codesAndPaths(chain(100_000))[0]?.[0]).toBe('too_deep');
  });

  it('accepts 500 nodes and refuses 501', () => {
    const wide = (count: number) => ({
      type: 'any',
      conditions: Array.from({ length: count - 1 }, () => field('country', 'eq', 'nl')),
    });
    expect(problems(wide(500))).toEqual([]);
    expect(codesAndPaths(wide(501))).toEqual([['too_many_nodes', '']]);
  });

  it('refuses a million-node list at once', () => {
    const huge = {
      type: 'any',
      conditions: new Array(1_000_000).fill(field('country', 'eq', 'nl')),
    };
    expect(codesAndPaths(huge)).toEqual([['too_many_nodes', '']]);
  });

  it('bounds in lists and where filters', () => {
    const values = Array.from({ length: 1001 }, (_, index) => `v${index}`);
    expect(codesAndPaths(field('country', 'in', values))).toEqual([['too_many_values', 'value']]);
    const where = Array.from({ length: 51 }, () => ({ property: 'a', op: 'is_set' }));
    expect(codesAndPaths({ type: 'event', event: 'x', where })).toEqual([
      ['too_many_values', 'where'],
    ]);
  });
});

describe('cycles through parents and segment references', () => {
  it('refuses a reference to the segment itself', () => {
    expect(
      codesAndPaths({ type: 'segment', op: 'in', segment: 'nl' }, { self: { key: 'nl' } }),
    ).toEqual([['segment_cycle', 'segment']]);
  });

  it('refuses a reference that leads back through parents', () => {
    // nl-vip-buyers has parent nl-vip, whose parent is nl: nl may not refer to it.
    const tree = {
      type: 'not',
      condition: { type: 'segment', op: 'in', segment: 'nl-vip-buyers' },
    };
    expect(codesAndPaths(tree, { self: { key: 'nl' } })).toEqual([
      ['segment_cycle', 'condition.segment'],
    ]);
  });

  it('refuses a parent that leads back', () => {
    const definition = {
      key: 'nl',
      name: 'NL',
      parent: 'nl-vip',
      condition: field('country', 'eq', 'nl'),
    };
    expect(validateSegmentDefinition(definition, context).map((p) => [p.code, p.path])).toEqual([
      ['segment_cycle', 'parent'],
    ]);
  });

  it('accepts references that do not lead back', () => {
    expect(
      problems({ type: 'segment', op: 'in', segment: 'nl' }, { self: { key: 'big-spenders' } }),
    ).toEqual([]);
  });
});

describe('validateSegmentDefinition', () => {
  it('checks the envelope, the parent and the condition together', () => {
    const definition = { key: 'Bad Key', name: '', parent: 'nope', condition: field('x', 'eq', 1) };
    expect(validateSegmentDefinition(definition, context).map((p) => [p.code, p.path])).toEqual([
      ['invalid_shape', 'key'],
      ['invalid_shape', 'name'],
      ['unknown_field', 'condition.field'],
    ]);
  });

  it('reports an unknown parent', () => {
    const definition = {
      key: 'new',
      name: 'New',
      parent: 'nope',
      condition: { type: 'all', conditions: [] },
    };
    expect(validateSegmentDefinition(definition, context)).toEqual([
      expect.objectContaining({ code: 'unknown_segment', path: 'parent' }),
    ]);
  });
});
