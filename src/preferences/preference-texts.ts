import { z } from 'zod';

/**
 * The words of the preference center. Sift ships English and Dutch; a workspace may override any
 * text per language, or add a language, with a JSON object of the same shape (stored in
 * `preference_texts`, set with `sift preference texts set LANGUAGE FILE`). Category labels come
 * from the workspace's categories unless the texts name them under `categories`; interest labels
 * from the tags unless named under `interests`.
 */

const text = z.string().trim().min(1).max(2000);
const labels = z.record(z.string().min(1).max(100), z.string().trim().min(1).max(200));

export const PreferenceTexts = z.strictObject({
  title: text.optional(),
  intro: text.optional(),
  greeting: text.optional(),
  marketingLegend: text.optional(),
  serviceLegend: text.optional(),
  interestsLegend: text.optional(),
  interestsHint: text.optional(),
  save: text.optional(),
  unsubscribeAllLegend: text.optional(),
  unsubscribeAllHint: text.optional(),
  unsubscribeAll: text.optional(),
  saved: text.optional(),
  unsubscribed: text.optional(),
  stateValid: text.optional(),
  stateWithdrawn: text.optional(),
  stateNeverGiven: text.optional(),
  stateExpired: text.optional(),
  timeBoundHint: text.optional(),
  forbiddenTitle: text.optional(),
  forbiddenBody: text.optional(),
  oneClickDone: text.optional(),
  categories: labels.optional(),
  interests: labels.optional(),
});
export type PreferenceTexts = z.infer<typeof PreferenceTexts>;

export type PreferenceTextSet = Required<PreferenceTexts>;

const english: PreferenceTextSet = {
  title: 'Your preferences',
  intro: 'Choose which messages you want to receive from us. You can change this at any time.',
  greeting: 'Preferences for',
  marketingLegend: 'Marketing messages',
  serviceLegend: 'Service messages',
  interestsLegend: 'Your interests',
  interestsHint: 'We use these to send you what matters to you.',
  save: 'Save my preferences',
  unsubscribeAllLegend: 'Unsubscribe from everything',
  unsubscribeAllHint: 'Stop every marketing message at once. Service messages are not affected.',
  unsubscribeAll: 'Unsubscribe from all marketing',
  saved: 'Your preferences have been saved.',
  unsubscribed: 'You have been unsubscribed from all marketing messages.',
  stateValid: 'Subscribed',
  stateWithdrawn: 'Unsubscribed',
  stateNeverGiven: 'Not subscribed',
  stateExpired: 'Ended with your last stay',
  timeBoundHint: 'Only around a booking with us.',
  forbiddenTitle: 'This link is not valid',
  forbiddenBody:
    'The link you followed is incomplete or has been changed. Please use the link from one of our messages.',
  oneClickDone: 'You have been unsubscribed from all marketing messages.',
  categories: {},
  interests: {},
};

const dutch: PreferenceTexts = {
  title: 'Je voorkeuren',
  intro: 'Kies welke berichten je van ons wilt ontvangen. Je kunt dit altijd weer wijzigen.',
  greeting: 'Voorkeuren voor',
  marketingLegend: 'Marketingberichten',
  serviceLegend: 'Serviceberichten',
  interestsLegend: 'Je interesses',
  interestsHint: 'Hiermee sturen we je wat voor jou belangrijk is.',
  save: 'Mijn voorkeuren opslaan',
  unsubscribeAllLegend: 'Afmelden voor alles',
  unsubscribeAllHint: 'Stop in één keer alle marketingberichten. Serviceberichten blijven komen.',
  unsubscribeAll: 'Afmelden voor alle marketing',
  saved: 'Je voorkeuren zijn opgeslagen.',
  unsubscribed: 'Je bent afgemeld voor alle marketingberichten.',
  stateValid: 'Aangemeld',
  stateWithdrawn: 'Afgemeld',
  stateNeverGiven: 'Niet aangemeld',
  stateExpired: 'Afgelopen na je laatste verblijf',
  timeBoundHint: 'Alleen rond een boeking bij ons.',
  forbiddenTitle: 'Deze link is niet geldig',
  forbiddenBody:
    'De link die je volgde is onvolledig of gewijzigd. Gebruik de link uit een van onze berichten.',
  oneClickDone: 'Je bent afgemeld voor alle marketingberichten.',
  categories: {
    marketing: 'Marketingberichten',
    booking_marketing: 'Marketing rond je boeking',
    sales_viewing: 'Verkoop: informatie over bezichtigingen',
    sales_real_estate: 'Verkoop: nieuws over vastgoed',
    owners_marketing: 'Eigenaren: marketingberichten',
    owners_service: 'Eigenaren: serviceberichten',
  },
};

/** The texts Sift ships, by lower-case language tag. English is complete; others may omit keys. */
export const bundledPreferenceTexts: ReadonlyMap<string, PreferenceTexts> = new Map([
  ['en', english],
  ['nl', dutch],
]);

export const fallbackLanguage = 'en';

/** `fr-BE` → `['fr-be', 'fr']`: the contact's tag, then its primary language. */
export function languageCandidates(language: string | null | undefined): string[] {
  const tag = (language ?? '').trim().toLowerCase().replaceAll('_', '-');
  if (tag === '') return [];
  const primary = tag.split('-')[0]!;
  return primary === tag ? [tag] : [tag, primary];
}

function merge(base: PreferenceTextSet, override: PreferenceTexts | undefined): PreferenceTextSet {
  if (!override) return base;
  return {
    ...base,
    ...override,
    categories: { ...base.categories, ...override.categories },
    interests: { ...base.interests, ...override.interests },
  };
}

/**
 * The texts for a contact's language: the most specific language that Sift or the workspace
 * has texts for, else English. Every text the chosen language lacks falls back to the more
 * general tag, then to English; the workspace's texts win over Sift's within a language.
 */
export function resolvePreferenceTexts(input: {
  language: string | null | undefined;
  workspaceTexts: ReadonlyMap<string, PreferenceTexts>;
}): { language: string; texts: PreferenceTextSet } {
  const known = (tag: string) => bundledPreferenceTexts.has(tag) || input.workspaceTexts.has(tag);
  const candidates = languageCandidates(input.language).filter(known);
  const language = candidates[0] ?? fallbackLanguage;
  let texts = merge(english, input.workspaceTexts.get(fallbackLanguage));
  for (const tag of [...candidates].reverse()) {
    if (tag === fallbackLanguage) continue;
    texts = merge(merge(texts, bundledPreferenceTexts.get(tag)), input.workspaceTexts.get(tag));
  }
  return { language, texts };
}
