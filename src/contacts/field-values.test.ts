import { describe, expect, it } from 'vitest';
import { compileField, customKeysOf, type FieldShape } from './field-values.js';

const fields: Record<string, FieldShape> = {
  text: { key: 'note', type: 'text' },
  number: { key: 'points', type: 'number' },
  boolean: { key: 'member', type: 'boolean' },
  date: { key: 'contract_end', type: 'date' },
  datetime: { key: 'last_visit', type: 'datetime' },
  select: { key: 'tier', type: 'select', options: ['Gold', 'Silver'] },
  multiselect: { key: 'interests', type: 'multiselect', options: ['Cycling', 'Wine', 'Spa'] },
};

describe('compileField().fromCsv', () => {
  it.each([
    { type: 'text', cell: '  hello, world ', value: 'hello, world' },
    { type: 'number', cell: '-12.50', value: -12.5 },
    { type: 'number', cell: '80', value: 80 },
    { type: 'boolean', cell: 'TRUE', value: true },
    { type: 'boolean', cell: 'false', value: false },
    { type: 'date', cell: '1990-02-28', value: '1990-02-28' },
    { type: 'datetime', cell: '2026-01-31T10:00:00Z', value: Date.UTC(2026, 0, 31, 10) },
    { type: 'datetime', cell: '2026-01-31T11:00:00+01:00', value: Date.UTC(2026, 0, 31, 10) },
    { type: 'select', cell: 'gold', value: 'Gold' },
    { type: 'multiselect', cell: 'wine; cycling;;Wine', value: ['Wine', 'Cycling'] },
    { type: 'number', cell: '   ', value: undefined },
    { type: 'multiselect', cell: ' ; ', value: undefined },
  ])('$type "$cell"', ({ type, cell, value }) => {
    expect(compileField(fields[type]!).fromCsv(cell)).toEqual({ ok: true, value });
  });

  it.each([
    { type: 'number', cell: '1,5', expected: 'expected a number' },
    { type: 'number', cell: '1e3', expected: 'expected a number' },
    { type: 'number', cell: '€12', expected: 'expected a number' },
    { type: 'boolean', cell: 'yes', expected: 'expected a boolean (true or false)' },
    { type: 'date', cell: '2024-02-30', expected: 'expected a date (YYYY-MM-DD)' },
    { type: 'datetime', cell: 'yesterday', expected: 'expected a date-time' },
    { type: 'select', cell: 'Bronze', expected: 'one of the options (Gold, Silver)' },
    {
      type: 'multiselect',
      cell: 'Wine;Golf',
      expected: 'options separated by ";" (Cycling, Wine, Spa)',
    },
  ])('refuses $type "$cell" naming the expected type', ({ type, cell, expected }) => {
    const result = compileField(fields[type]!).fromCsv(cell);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(expected);
  });
});

describe('compileField().fromJson', () => {
  it.each([
    { type: 'number', value: 12.5, expected: 12.5 },
    { type: 'number', value: '12.5', expected: 12.5 },
    { type: 'boolean', value: false, expected: false },
    { type: 'multiselect', value: ['spa'], expected: ['Spa'] },
    { type: 'text', value: null, expected: undefined },
    { type: 'select', value: 'SILVER', expected: 'Silver' },
  ])('$type $value', ({ type, value, expected }) => {
    expect(compileField(fields[type]!).fromJson(value)).toEqual({ ok: true, value: expected });
  });

  it.each([
    { type: 'number', value: true },
    { type: 'number', value: Number.NaN },
    { type: 'boolean', value: 1 },
    { type: 'text', value: 12 },
    { type: 'multiselect', value: 'Wine' },
    { type: 'multiselect', value: [1] },
    { type: 'date', value: { year: 2020 } },
  ])('refuses $type $value', ({ type, value }) => {
    expect(compileField(fields[type]!).fromJson(value)).toMatchObject({ ok: false });
  });
});

describe('keys and JSON output', () => {
  it('folds text, select and multiselect values only', () => {
    const coercers = new Map(
      Object.values(fields).map((field) => [field.key, compileField(field)]),
    );
    expect(
      customKeysOf(
        { note: ' Hello ', tier: 'Gold', interests: ['Wine', 'Spa'], points: 3, member: true },
        coercers,
      ),
    ).toEqual({ note: 'hello', tier: 'gold', interests: ['wine', 'spa'] });
  });

  it('shows datetimes as ISO 8601', () => {
    expect(compileField(fields.datetime!).toJson(Date.UTC(2026, 0, 31, 10))).toBe(
      '2026-01-31T10:00:00.000Z',
    );
  });
});
