import { describe, expect, it } from 'vitest';
import type { ContactPatch } from './contact-input.js';
import { type PlanOptions, planContactBatch, type StoredContact } from './contact-plan.js';
import { compileField } from './field-values.js';

const options: PlanOptions = {
  source: 'import',
  consent: ['marketing'],
  tags: [],
  now: 1000,
  coercers: new Map([['tier', compileField({ key: 'tier', type: 'select', options: ['Gold'] })]]),
};

function patch(values: ContactPatch['values'], extra: Partial<ContactPatch> = {}): ContactPatch {
  return { values, custom: {}, tags: [], cleared: [], ...extra };
}

function stored(id: number, values: Partial<StoredContact>): StoredContact {
  return {
    id,
    email: null,
    phone: null,
    external_id: null,
    first_name: null,
    last_name: null,
    language: null,
    country: null,
    city: null,
    gender: null,
    birthdate: null,
    source: 'api',
    custom: {},
    custom_key: {},
    created_at: 1,
    updated_at: 1,
    ...values,
  };
}

describe('planContactBatch matching', () => {
  const existing = [
    stored(1, { email: 'a@x.nl', external_id: 'E1' }),
    stored(2, { external_id: 'E2', phone: '+31612345678' }),
    stored(3, { phone: '+31612345679' }),
  ];

  it.each([
    { description: 'by email', values: { email: 'a@x.nl' }, id: 1 },
    {
      description: 'by external_id when the email is new',
      values: { email: 'new@x.nl', external_id: 'E2' },
      id: 2,
    },
    {
      description: 'by phone when email and external_id are unknown',
      values: { email: 'n@x.nl', phone: '+31612345679' },
      id: 3,
    },
    {
      description: 'by email before external_id',
      values: { email: 'a@x.nl', external_id: 'E9' },
      id: 1,
    },
  ])('matches $description', ({ values, id }) => {
    const plan = planContactBatch({
      patches: [patch(values)],
      existing: structuredClone(existing),
      options,
    });
    expect(plan.rows[0]).toMatchObject({ created: false, contact: { row: { id } } });
    expect(plan.inserts).toHaveLength(0);
  });

  it('refuses a row whose external_id belongs to another contact than its email', () => {
    const plan = planContactBatch({
      patches: [patch({ email: 'a@x.nl', external_id: 'E2' })],
      existing: structuredClone(existing),
      options,
    });
    expect(plan.rows[0]?.problem).toMatchObject({ code: 'conflict', path: 'external_id' });
    expect(plan.rows[0]?.problem?.reason).toContain('contact 2');
    expect(plan.rows[0]?.problem?.reason).toContain('contact 1');
    expect(plan.updates).toHaveLength(0);
  });

  it('replaces non-empty values, keeps others, and bumps updated_at only on change', () => {
    const plan = planContactBatch({
      patches: [
        patch({ email: 'a@x.nl', city: 'Gent' }, { custom: { tier: 'Gold' } }),
        patch({ external_id: 'E2' }),
      ],
      existing: structuredClone(existing),
      options,
    });
    expect(plan.updates.map((contact) => contact.row.id)).toEqual([1]);
    expect(plan.updates[0]?.row).toMatchObject({
      email: 'a@x.nl',
      external_id: 'E1',
      city: 'Gent',
      custom: { tier: 'Gold' },
      custom_key: { tier: 'gold' },
      updated_at: 1000,
      source: 'api',
    });
    expect(plan.touched.map((contact) => contact.row.id)).toEqual([1, 2]);
  });
});

describe('planContactBatch within one batch', () => {
  it('lets a later row with the same email update the contact an earlier row created', () => {
    const plan = planContactBatch({
      patches: [
        patch({ email: 'n@x.nl', first_name: 'Ann' }),
        patch({ email: 'n@x.nl', last_name: 'Peeters', phone: '+32470123456' }),
      ],
      existing: [],
      options,
    });
    expect(plan.inserts).toHaveLength(1);
    expect(plan.inserts[0]?.row).toMatchObject({
      first_name: 'Ann',
      last_name: 'Peeters',
      phone: '+32470123456',
      source: 'import',
      created_at: 1000,
    });
    expect(plan.rows.map((row) => (row.problem ? 'refused' : row.created))).toEqual([true, false]);
  });

  it('follows an identifier change: the old value no longer matches', () => {
    const plan = planContactBatch({
      patches: [patch({ external_id: 'E1', email: 'new@x.nl' }), patch({ email: 'old@x.nl' })],
      existing: [stored(1, { email: 'old@x.nl', external_id: 'E1' })],
      options,
    });
    expect(plan.rows[0]).toMatchObject({ created: false });
    expect(plan.rows[1]).toMatchObject({ created: true });
  });

  it('folds tags, deduplicates links and keeps the first label', () => {
    const plan = planContactBatch({
      patches: [
        patch({ email: 'n@x.nl' }, { tags: [' VIP', 'vip'] }),
        patch({ email: 'n@x.nl' }, { tags: ['Vip', 'Cycling'] }),
      ],
      existing: [],
      options: { ...options, tags: ['Spring '] },
    });
    expect([...plan.tagLabels]).toEqual([
      ['vip', 'VIP'],
      ['spring', 'Spring'],
      ['cycling', 'Cycling'],
    ]);
    expect(plan.tagLinks.map((link) => link.tag)).toEqual(['vip', 'spring', 'cycling']);
  });

  it.each([
    {
      description: 'a new contact without identifier',
      patches: [patch({ first_name: 'Ann' })],
      consent: ['marketing'],
      code: 'missing_identifier',
    },
    {
      description: 'a new contact without consent',
      patches: [patch({ email: 'n@x.nl' })],
      consent: [],
      code: 'missing_consent',
    },
  ])('refuses $description', ({ patches, consent, code }) => {
    const plan = planContactBatch({ patches, existing: [], options: { ...options, consent } });
    expect(plan.rows[0]?.problem?.code).toBe(code);
    expect(plan.inserts).toHaveLength(0);
    expect(plan.touched).toHaveLength(0);
  });

  it('updates an existing contact without consent (only creation needs one)', () => {
    const plan = planContactBatch({
      patches: [patch({ email: 'a@x.nl', city: 'Gent' })],
      existing: [stored(1, { email: 'a@x.nl' })],
      options: { ...options, consent: [] },
    });
    expect(plan.rows[0]).toMatchObject({ created: false });
  });
});
