import { describe, expect, it } from 'vitest';
import {
  languageCandidates,
  type PreferenceTexts,
  resolvePreferenceTexts,
} from './preference-texts.js';

describe('languageCandidates', () => {
  it.each([
    { description: 'no language', language: null, expected: [] },
    { description: 'a primary tag', language: 'nl', expected: ['nl'] },
    { description: 'a region, any case', language: 'fr-BE', expected: ['fr-be', 'fr'] },
    { description: 'an underscore', language: 'nl_BE', expected: ['nl-be', 'nl'] },
    { description: 'blank', language: '  ', expected: [] },
  ])('$description', ({ language, expected }) => {
    expect(languageCandidates(language)).toEqual(expected);
  });
});

describe('resolvePreferenceTexts', () => {
  const none = new Map<string, PreferenceTexts>();

  it.each([
    { description: 'Dutch for nl', language: 'nl', chosen: 'nl', save: 'Mijn voorkeuren opslaan' },
    {
      description: 'Dutch for nl-BE',
      language: 'nl-BE',
      chosen: 'nl',
      save: 'Mijn voorkeuren opslaan',
    },
    {
      description: 'English for a language Sift lacks',
      language: 'fr',
      chosen: 'en',
      save: 'Save my preferences',
    },
    {
      description: 'English without a language',
      language: null,
      chosen: 'en',
      save: 'Save my preferences',
    },
  ])('$description', ({ language, chosen, save }) => {
    const resolved = resolvePreferenceTexts({ language, workspaceTexts: none });
    expect(resolved.language).toBe(chosen);
    expect(resolved.texts.save).toBe(save);
  });

  it('lets a workspace add a language, falling back to English for what it leaves out', () => {
    const workspaceTexts = new Map<string, PreferenceTexts>([
      ['fr', { save: 'Enregistrer', categories: { marketing: 'Marketing (fr)' } }],
    ]);
    const { language, texts } = resolvePreferenceTexts({ language: 'fr-BE', workspaceTexts });
    expect(language).toBe('fr');
    expect(texts.save).toBe('Enregistrer');
    expect(texts.title).toBe('Your preferences');
    expect(texts.categories).toEqual({ marketing: 'Marketing (fr)' });
  });

  it("puts the workspace's texts above Sift's within a language and keeps the rest", () => {
    const workspaceTexts = new Map<string, PreferenceTexts>([
      ['nl', { title: 'Uw voorkeuren', categories: { marketing: 'Nieuwsbrief' } }],
      ['en', { intro: 'Our own intro.' }],
    ]);
    const { texts } = resolvePreferenceTexts({ language: 'nl', workspaceTexts });
    expect(texts.title).toBe('Uw voorkeuren');
    expect(texts.save).toBe('Mijn voorkeuren opslaan');
    expect(texts.categories.marketing).toBe('Nieuwsbrief');
    expect(texts.categories.owners_service).toBe('Eigenaren: serviceberichten');
    // The Dutch intro that Sift ships is more specific than the workspace's English one.
    expect(texts.intro).toMatch(/^Kies welke berichten/);
    const english = resolvePreferenceTexts({ language: 'en', workspaceTexts }).texts;
    expect(english.intro).toBe('Our own intro.');
  });
});
