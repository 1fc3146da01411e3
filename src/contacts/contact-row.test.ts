import { describe, expect, it } from 'vitest';
import type { StoredContact } from './contact-plan.js';
import { contactColumns, toColumns, toColumnValues } from './contact-row.js';

describe('contact rows', () => {
  it('gives the same values positionally as by name, with folded key twins', () => {
    const row: StoredContact = {
      id: 7,
      email: 'a@x.nl',
      phone: '+32470123456',
      external_id: ' AB-1',
      first_name: 'Élise ',
      last_name: null,
      language: 'fr-BE',
      country: 'BE',
      city: 'Liège',
      gender: 'F',
      birthdate: '1990-02-28',
      source: 'import',
      custom: { tier: 'Gold', points: 3 },
      custom_key: { tier: 'gold' },
      created_at: 1,
      updated_at: 2,
    };
    const byName = toColumns(9, row);
    expect(toColumnValues(9, row)).toEqual(contactColumns.map((column) => byName[column]));
    expect(byName).toMatchObject({
      external_id_key: 'ab-1',
      first_name_key: 'élise',
      last_name_key: null,
      city_key: 'liège',
      language_key: 'fr-be',
      country_key: 'be',
      gender_key: 'f',
      custom: '{"tier":"Gold","points":3}',
      custom_key: '{"tier":"gold"}',
    });
  });
});
