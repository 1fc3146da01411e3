import { describe, expect, it } from 'vitest';
import {
  isCalendarDay,
  normaliseCountry,
  normaliseEmail,
  normaliseLanguage,
  normalisePhone,
  normaliseStandardValue,
} from './contact-values.js';

describe('normaliseEmail', () => {
  it.each([
    {
      description: 'trims and lower-cases',
      raw: '  Ann.Peeters@Example.BE ',
      expected: 'ann.peeters@example.be',
    },
    { description: 'keeps plus addressing', raw: 'a+news@x.nl', expected: 'a+news@x.nl' },
    {
      description: 'folds non-ASCII like toLowerCase',
      raw: 'ÉLISE@café.fr',
      expected: 'élise@café.fr',
    },
  ])('$description', ({ raw, expected }) => {
    expect(normaliseEmail(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    { description: 'no @', raw: 'ann.example.be' },
    { description: 'no dot in the domain', raw: 'ann@localhost' },
    { description: 'two @', raw: 'a@b@c.nl' },
    { description: 'white space inside', raw: 'ann peeters@x.nl' },
    { description: 'a list pasted in one cell', raw: 'a@x.nl;b@x.nl' },
    { description: 'empty domain label', raw: 'a@x..nl' },
  ])('refuses $description', ({ raw }) => {
    const result = normaliseEmail(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('is not an email address');
  });
});

describe('normalisePhone', () => {
  it.each([
    {
      description: 'international with spaces',
      raw: '+32 470 12 34 56',
      country: undefined,
      expected: '+32470123456',
    },
    {
      description: '00 prefix',
      raw: '0031 6 12345678',
      country: undefined,
      expected: '+31612345678',
    },
    {
      description: 'national with the row country',
      raw: '06-12345678',
      country: 'NL',
      expected: '+31612345678',
    },
    {
      description: 'US formatting',
      raw: '+1 (415) 555-2671',
      country: undefined,
      expected: '+14155552671',
    },
  ])('$description', ({ raw, country, expected }) => {
    expect(normalisePhone(raw, country)).toEqual({ ok: true, value: expected });
  });

  it.each([
    {
      description: 'national without a country',
      raw: '0612345678',
      country: undefined,
      message: 'needs an international prefix',
    },
    {
      description: 'too short',
      raw: '+31 6 1234',
      country: undefined,
      message: 'is not a valid phone number',
    },
    {
      description: 'letters',
      raw: 'call me',
      country: undefined,
      message: 'needs an international prefix',
    },
    {
      description: 'unknown country code',
      raw: '+999 123456789',
      country: undefined,
      message: 'is not a valid phone number',
    },
  ])('refuses $description', ({ raw, country, message }) => {
    const result = normalisePhone(raw, country);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});

describe('normaliseCountry', () => {
  it.each([
    { raw: 'nl', expected: { ok: true, value: 'NL' } },
    { raw: ' Be ', expected: { ok: true, value: 'BE' } },
    { raw: 'UK', expected: { ok: false } },
    { raw: 'NLD', expected: { ok: false } },
    { raw: 'EU', expected: { ok: false } },
  ])('$raw', ({ raw, expected }) => {
    expect(normaliseCountry(raw)).toMatchObject(expected);
  });
});

describe('normaliseLanguage', () => {
  it.each([
    { raw: 'nl', expected: { ok: true, value: 'nl' } },
    { raw: 'fr-be', expected: { ok: true, value: 'fr-BE' } },
    { raw: 'zh-hant-tw', expected: { ok: true, value: 'zh-Hant-TW' } },
    { raw: 'NL', expected: { ok: true, value: 'nl' } },
    { raw: 'en_US', expected: { ok: false } },
    { raw: 'english', expected: { ok: false } },
    { raw: 'x', expected: { ok: false } },
  ])('$raw', ({ raw, expected }) => {
    expect(normaliseLanguage(raw)).toMatchObject(expected);
  });
});

describe('isCalendarDay', () => {
  it.each([
    { text: '1990-02-28', valid: true },
    { text: '2000-02-29', valid: true },
    { text: '1900-02-29', valid: false },
    { text: '2023-02-29', valid: false },
    { text: '2024-04-31', valid: false },
    { text: '2024-13-01', valid: false },
    { text: '2024-1-01', valid: false },
    { text: '01/02/2024', valid: false },
    { text: '2024-12-31', valid: true },
  ])('$text is a calendar day: $valid', ({ text, valid }) => {
    expect(isCalendarDay(text)).toBe(valid);
  });
});

describe('normaliseStandardValue', () => {
  it('trims free text and keeps its case', () => {
    expect(normaliseStandardValue('city', '  Sint-Martens-Latem ')).toEqual({
      ok: true,
      value: 'Sint-Martens-Latem',
    });
  });

  it('refuses a birthdate that is not ISO', () => {
    expect(normaliseStandardValue('birthdate', '28/02/1990')).toMatchObject({ ok: false });
  });
});
