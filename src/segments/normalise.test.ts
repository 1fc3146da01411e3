import { describe, expect, it } from 'vitest';
import { caseContext, caseNow } from '../../test/support/segment-cases.js';
import { SiftError } from '../shared/errors.js';
import type { CoreEvent } from './core.js';
import type { NormaliseContext } from './language-context.js';
import { normaliseCondition, normaliseSegment, normaliseStoredSegment } from './normalise.js';
import type { Condition } from './schema.js';

const day = 86_400_000;
const context = caseContext();
const normalise = (tree: unknown, extra: Partial<NormaliseContext> = {}) =>
  normaliseCondition(tree as Condition, { ...context, ...extra });

describe('normaliseCondition: storage and values', () => {
  it('compares a standard text field on its folded twin column with a folded value', () => {
    expect(normalise({ type: 'field', field: 'city', op: 'eq', value: ' ÉCOLE ' })).toEqual({
      type: 'field',
      field: 'city',
      source: { kind: 'column', column: 'city_key' },
      stored: 'text',
      op: 'eq',
      negated: false,
      form: { kind: 'equals', value: 'école' },
      path: '',
    });
  });

  it.each([
    ['nickname', 'text', 'custom_key'],
    ['plan', 'text', 'custom_key'],
    ['interests', 'text_list', 'custom_key'],
    ['score', 'number', 'custom'],
    ['vip_member', 'boolean', 'custom'],
    ['contract_end', 'day', 'custom'],
    ['last_login', 'instant', 'custom'],
  ])('reads the custom field %s as %s from %s', (key, stored, column) => {
    const node = normalise({ type: 'field', field: key, op: 'is_set' });
    expect(node).toMatchObject({ source: { kind: 'json', column, key }, stored });
  });

  it('turns a negative operator into the complement of its positive twin', () => {
    expect(
      normalise({ type: 'field', field: 'plan', op: 'not_in', value: ['Gold', 'gold '] }),
    ).toMatchObject({
      op: 'not_in',
      negated: true,
      form: { kind: 'one_of', values: ['gold'] },
    });
  });

  it('resolves date operators to day bounds in the workspace time zone', () => {
    // caseNow is 2026-03-15 23:30 UTC, 2026-03-16 in Amsterdam.
    expect(
      normalise({ type: 'field', field: 'birthdate', op: 'within_last', value: 'P1W' }),
    ).toMatchObject({
      stored: 'day',
      form: {
        kind: 'range',
        lower: { value: '2026-03-09', inclusive: false },
        upper: { value: '2026-03-16', inclusive: true },
      },
    });
    expect(
      normalise(
        { type: 'field', field: 'birthdate', op: 'within_last', value: 'P1W' },
        { timeZone: 'UTC' },
      ),
    ).toMatchObject({
      form: { upper: { value: '2026-03-15' } },
    });
  });

  it('resolves datetime operators to instants', () => {
    expect(
      normalise({ type: 'field', field: 'created_at', op: 'within_next', value: 'PT12H' }),
    ).toMatchObject({
      stored: 'instant',
      form: {
        kind: 'range',
        lower: { value: caseNow, inclusive: true },
        upper: { value: caseNow + day / 2, inclusive: false },
      },
    });
  });

  it('reads a date-time without offset in the workspace time zone', () => {
    expect(
      normalise({ type: 'field', field: 'created_at', op: 'before', value: '2026-03-01T10:00' }),
    ).toMatchObject({
      form: { upper: { value: Date.UTC(2026, 2, 1, 9), inclusive: false } },
    });
  });

  it('lists the month-days of an anniversary window', () => {
    expect(
      normalise({ type: 'field', field: 'birthdate', op: 'anniversary_within_next', value: 'P3D' }),
    ).toMatchObject({
      form: { kind: 'month_day_in', monthDays: ['03-16', '03-17', '03-18'], timeZone: null },
    });
  });

  it('compares an event property numerically for a number value and as text otherwise', () => {
    const event = normalise({
      type: 'event',
      event: 'purchase',
      where: [
        { property: 'amount', op: 'eq', value: 80 },
        { property: 'amount', op: 'eq', value: '80' },
        { property: 'gift', op: 'is_true' },
      ],
    }) as CoreEvent;
    expect(event.where.map((filter) => [filter.source, filter.form])).toEqual([
      [
        { kind: 'json', column: 'property_number', key: 'amount' },
        { kind: 'equals', value: 80 },
      ],
      [
        { kind: 'json', column: 'property_text', key: 'amount' },
        { kind: 'equals', value: '80' },
      ],
      [
        { kind: 'json', column: 'property_text', key: 'gift' },
        { kind: 'equals', value: 'true' },
      ],
    ]);
  });
});

describe('normaliseCondition: windows and measures', () => {
  const windowOf = (within: unknown) =>
    (normalise({ type: 'event', event: 'x', ...(within ? { within } : {}) }) as CoreEvent).window;

  it.each([
    ['no window: all time up to now', undefined, { from: null, to: caseNow + 1 }],
    [
      'last D is (now − D, now]',
      { last: 'P90D' },
      { from: caseNow - 90 * day + 1, to: caseNow + 1 },
    ],
    [
      'from/to days start in the workspace zone',
      { from: '2026-01-01', to: '2026-02-01' },
      { from: Date.UTC(2025, 11, 31, 23), to: Date.UTC(2026, 0, 31, 23) },
    ],
    [
      'a window ending after now is cut at now',
      { from: '2026-03-01T00:00:00Z', to: '2027-01-01T00:00:00Z' },
      { from: Date.UTC(2026, 2, 1), to: caseNow + 1 },
    ],
  ])('%s', (_description, within, expected) => {
    expect(windowOf(within)).toEqual(expected);
  });

  it('counts at least once when no measure is given', () => {
    expect((normalise({ type: 'event', event: 'x' }) as CoreEvent).measure).toEqual({
      kind: 'count',
      predicate: {
        op: 'gte',
        negated: false,
        form: { kind: 'range', lower: { value: 1, inclusive: true }, upper: null },
      },
    });
  });

  it('rewrites a message into an event over message.* with folded filters', () => {
    const event = normalise({
      type: 'message',
      activity: 'received',
      campaign: ' Spring ',
      channel: 'SMS',
    }) as CoreEvent;
    expect(event.eventType).toBe('message.sent');
    expect(event.where.map((filter) => [filter.property, filter.form])).toEqual([
      ['campaign', { kind: 'equals', value: 'spring' }],
      ['channel', { kind: 'equals', value: 'sms' }],
    ]);
  });

  it('folds booking_id values with ASCII case only', () => {
    const node = normalise({
      type: 'reservation',
      where: [{ property: 'booking_id', op: 'eq', value: ' BK-Ä1 ' }],
    });
    expect(node).toMatchObject({
      where: [
        {
          source: { column: 'booking_id', asciiLowerCase: true },
          form: { kind: 'equals', value: 'bk-Ä1' },
        },
      ],
    });
  });
});

describe('normaliseCondition: sugar into core nodes', () => {
  it('turns has_none into not has_any, and list not_in into not in', () => {
    expect(normalise({ type: 'tag', op: 'has_none', tags: ['VIP', 'vip'] })).toEqual({
      type: 'not',
      condition: { type: 'tag', op: 'has_any', tags: ['vip'], path: '' },
      path: '',
    });
    expect(normalise({ type: 'list', op: 'not_in', lists: ['owners'] })).toMatchObject({
      type: 'not',
      condition: { type: 'list', lists: ['owners'] },
    });
  });

  it('expands a reference into the segment with its parents', () => {
    const node = normalise({ type: 'segment', op: 'in', segment: 'nl-vip' });
    expect(node).toMatchObject({
      type: 'all',
      segment: 'nl-vip',
      conditions: [
        { type: 'all', segment: 'nl', conditions: [{ type: 'field', field: 'country' }] },
        { type: 'tag', op: 'has_any', tags: ['vip'] },
      ],
    });
  });

  it('expands a segment once per pass and shares it', () => {
    const node = normalise({
      type: 'any',
      conditions: [
        { type: 'segment', op: 'in', segment: 'nl' },
        { type: 'segment', op: 'not_in', segment: 'nl' },
      ],
    });
    if (node.type !== 'any' || node.conditions[1]?.type !== 'not')
      throw new Error('unexpected tree');
    expect(node.conditions[1].condition).toBe(node.conditions[0]);
  });

  it('puts a nested segment under its parent', () => {
    const node = normaliseSegment(
      {
        key: 'nl-gold',
        parent: 'nl',
        condition: { type: 'field', field: 'plan', op: 'in', value: ['Gold'] },
      },
      context,
    );
    expect(node).toMatchObject({
      type: 'all',
      segment: 'nl-gold',
      conditions: [{ segment: 'nl' }, { field: 'plan' }],
    });
  });

  it('normalises a stored segment by key', () => {
    expect(normaliseStoredSegment('nl-vip-buyers', context)).toMatchObject({
      segment: 'nl-vip-buyers',
      conditions: [{ segment: 'nl-vip' }, { type: 'event', eventType: 'purchase' }],
    });
  });

  it('refuses a cycle among stored definitions', () => {
    const segments = [
      { key: 'a', parent: null, condition: { type: 'segment', op: 'in', segment: 'b' } },
      { key: 'b', parent: 'a', condition: { type: 'all', conditions: [] } },
    ];
    expect(() => normalise({ type: 'segment', op: 'in', segment: 'a' }, { segments })).toThrow(
      SiftError,
    );
  });

  it('refuses a reference to a deleted segment', () => {
    expect(() => normalise({ type: 'segment', op: 'in', segment: 'gone' })).toThrow(
      /does not exist/,
    );
  });

  it('bounds the expanded size: references that double at every level', () => {
    const segments = Array.from({ length: 20 }, (_, level) => ({
      key: `s${level}`,
      parent: null,
      condition:
        level === 0
          ? { type: 'field', field: 'country', op: 'eq', value: 'nl' }
          : {
              type: 'any',
              conditions: [
                { type: 'segment', op: 'in', segment: `s${level - 1}` },
                { type: 'segment', op: 'not_in', segment: `s${level - 1}` },
              ],
            },
    }));
    expect(() => normalise({ type: 'segment', op: 'in', segment: 's19' }, { segments })).toThrow(
      /grows past/,
    );
  });
});
