import { describe, expect, it } from 'vitest';
import {
  type CategoryStatus,
  isSubscribed,
  planPreferenceChanges,
  renderPreferencePage,
  visibleCategories,
} from './preference-page.js';
import { resolvePreferenceTexts } from './preference-texts.js';

function category(
  key: string,
  state: CategoryStatus['state'],
  extra: Partial<CategoryStatus> = {},
) {
  return {
    key,
    label: `Label ${key}`,
    kind: 'marketing',
    timeBound: false,
    state,
    ...extra,
  } as CategoryStatus;
}

describe('isSubscribed', () => {
  it.each([
    { state: 'valid', timeBound: false, expected: true },
    { state: 'withdrawn', timeBound: false, expected: false },
    { state: 'never_given', timeBound: false, expected: false },
    { state: 'valid', timeBound: true, expected: true },
    { state: 'expired', timeBound: true, expected: true },
    { state: 'withdrawn', timeBound: true, expected: false },
  ] as const)('$state (time-bound: $timeBound) → $expected', ({ state, timeBound, expected }) => {
    expect(isSubscribed({ state, timeBound })).toBe(expected);
  });
});

describe('visibleCategories', () => {
  it('hides a time-bound category never given, and nothing else', () => {
    const categories = [
      category('marketing', 'never_given'),
      category('booking_marketing', 'never_given', { timeBound: true }),
      category('owners_service', 'valid', { kind: 'service' }),
    ];
    expect(visibleCategories(categories).map((shown) => shown.key)).toEqual([
      'marketing',
      'owners_service',
    ]);
    const booked = [category('booking_marketing', 'expired', { timeBound: true })];
    expect(visibleCategories(booked)).toHaveLength(1);
  });
});

describe('planPreferenceChanges', () => {
  const categories = [
    category('marketing', 'valid'),
    category('sales_viewing', 'withdrawn'),
    category('sales_real_estate', 'never_given'),
    category('booking_marketing', 'expired', { timeBound: true }),
    category('owners_service', 'valid', { kind: 'service' }),
  ];
  const interests = [
    { tag: 'cycling', label: 'Cycling', checked: true },
    { tag: 'golf', label: 'Golf', checked: false },
  ];

  it.each([
    {
      description: 'an untouched page changes nothing',
      categories: ['marketing', 'booking_marketing', 'owners_service'],
      interests: ['cycling'],
      expected: { grant: [], withdraw: [], addInterests: [], removeInterests: [] },
    },
    {
      description: 'ticks and unticks become grants and withdrawals',
      categories: ['sales_viewing', 'sales_real_estate', 'owners_service'],
      interests: ['golf'],
      expected: {
        grant: ['sales_viewing', 'sales_real_estate'],
        withdraw: ['marketing', 'booking_marketing'],
        addInterests: ['golf'],
        removeInterests: ['cycling'],
      },
    },
    {
      description: 'keys the page did not show are ignored',
      categories: ['marketing', 'booking_marketing', 'owners_service', 'invented'],
      interests: ['cycling', 'invented'],
      expected: { grant: [], withdraw: [], addInterests: [], removeInterests: [] },
    },
  ])('$description', ({ categories: ticked, interests: chosen, expected }) => {
    const plan = planPreferenceChanges({
      categories,
      interests,
      submitted: { categories: new Set(ticked), interests: new Set(chosen) },
    });
    expect(plan).toEqual(expected);
  });
});

describe('renderPreferencePage', () => {
  const categories = [
    category('marketing', 'valid'),
    category('sales_viewing', 'withdrawn'),
    category('owners_service', 'valid', { kind: 'service', label: 'Owners: service messages' }),
  ];

  function render(language: string, notice?: 'saved') {
    const { language: lang, texts } = resolvePreferenceTexts({
      language,
      workspaceTexts: new Map(),
    });
    return renderPreferencePage({
      language: lang,
      texts,
      action: '/p/token',
      contactLabel: 'ann@example.com',
      categories,
      interests: [{ tag: 'cycling', label: '<b>Cycling</b>', checked: true }],
      notice,
    });
  }

  it('binds every checkbox to a label and groups them in fieldsets with legends', () => {
    const html = render('en');
    expect(html).toContain('<html lang="en">');
    const inputs = [...html.matchAll(/<input type="checkbox" id="([^"]+)"/g)].map((m) => m[1]);
    expect(inputs).toEqual([
      'category-marketing',
      'category-sales_viewing',
      'category-owners_service',
      'interest-0',
    ]);
    for (const id of inputs) expect(html).toContain(`<label for="${id}">`);
    expect(html.match(/<fieldset/g)).toHaveLength(4);
    expect(html.match(/<legend>/g)).toHaveLength(4);
    expect(html).toMatch(/id="category-marketing"[^>]* checked>/);
    expect(html).not.toMatch(/id="category-sales_viewing"[^>]* checked>/);
    expect(html).not.toContain('<script');
  });

  it('escapes labels and shows a notice when asked', () => {
    const html = render('en', 'saved');
    expect(html).toContain('&lt;b&gt;Cycling&lt;&#x2F;b&gt;');
    expect(html).toContain('role="status">Your preferences have been saved.');
  });

  it('speaks Dutch to a Dutch contact, category labels included', () => {
    const html = render('nl-NL');
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain('<label for="category-marketing">Marketingberichten</label>');
    expect(html).toContain('<legend>Serviceberichten</legend>');
    expect(html).toContain('Afgemeld');
  });
});
