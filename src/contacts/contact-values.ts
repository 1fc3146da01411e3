import {
  type CountryCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
} from 'libphonenumber-js';
import { assertNever } from '../shared/assert-never.js';
import { fold } from '../shared/fold.js';
import { countryCodes } from './country-codes.js';
import type { WritableStandardKey } from './standard-fields.js';

/** A normalised value, or the reason it was refused (core code returns problems as values). */
export type ValueResult<T> = { ok: true; value: T } | { ok: false; message: string };

const accept = <T>(value: T): ValueResult<T> => ({ ok: true, value });
const refuse = (message: string): ValueResult<never> => ({ ok: false, message });

// Deliberately loose: one @, no white space, a dotted domain. Deliverability is the sender's job.
const emailPattern = /^[^\s@,;]{1,64}@(?:[^\s@,;.]+\.)+[^\s@,;.]{2,}$/u;

export function normaliseEmail(raw: string): ValueResult<string> {
  const email = fold(raw);
  if (email.length > 254 || !emailPattern.test(email)) {
    return refuse(`"${raw.trim()}" is not an email address`);
  }
  return accept(email);
}

/**
 * Phone numbers are stored in E.164. A number needs its country: a leading `+` or `00`, or
 * else the contact's country (given in the same row or call) is taken as the default.
 */
export function normalisePhone(raw: string, defaultCountry?: string): ValueResult<string> {
  const trimmed = raw.trim();
  const international = trimmed.startsWith('00') ? `+${trimmed.slice(2)}` : trimmed;
  let country: CountryCode | undefined;
  if (!international.startsWith('+')) {
    if (defaultCountry === undefined || !isSupportedCountry(defaultCountry)) {
      return refuse(`"${trimmed}" needs an international prefix (+ or 00) or a country`);
    }
    country = defaultCountry;
  }
  const parsed = parsePhoneNumberFromString(international, country);
  if (!parsed?.isValid()) return refuse(`"${trimmed}" is not a valid phone number`);
  return accept(parsed.number);
}

export function normaliseCountry(raw: string): ValueResult<string> {
  const country = raw.trim().toUpperCase();
  if (!countryCodes.has(country)) {
    return refuse(`"${raw.trim()}" is not an ISO 3166-1 alpha-2 country code (e.g. NL)`);
  }
  return accept(country);
}

const languageShape = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i;
const canonicalLanguages = new Map<string, string | null>();

/** BCP 47, in its canonical form (`fr-be` becomes `fr-BE`); results are cached per input. */
export function normaliseLanguage(raw: string): ValueResult<string> {
  const tag = raw.trim();
  let canonical = canonicalLanguages.get(tag);
  if (canonical === undefined) {
    canonical = null;
    if (languageShape.test(tag)) {
      try {
        canonical = Intl.getCanonicalLocales(tag)[0] ?? null;
      } catch {
        canonical = null;
      }
    }
    if (canonicalLanguages.size < 10_000) canonicalLanguages.set(tag, canonical);
  }
  return canonical === null
    ? refuse(`"${tag}" is not a BCP 47 language tag (e.g. nl, fr-BE)`)
    : accept(canonical);
}

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A calendar day `YYYY-MM-DD`; checked by hand because this runs for every imported cell. */
export function isCalendarDay(text: string): boolean {
  const match = isoDatePattern.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  if (month === 2 && day === 29) {
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  }
  return day <= (daysInMonth[month - 1] ?? 0);
}

export function normaliseDate(raw: string): ValueResult<string> {
  const day = raw.trim();
  return isCalendarDay(day) ? accept(day) : refuse(`"${day}" is not a date (YYYY-MM-DD)`);
}

/**
 * Normalises a non-empty standard field value. `country` is the contact's normalised country,
 * the default for national phone numbers.
 */
export function normaliseStandardValue(
  key: WritableStandardKey,
  raw: string,
  country?: string,
): ValueResult<string> {
  switch (key) {
    case 'email':
      return normaliseEmail(raw);
    case 'phone':
      return normalisePhone(raw, country);
    case 'country':
      return normaliseCountry(raw);
    case 'language':
      return normaliseLanguage(raw);
    case 'birthdate':
      return normaliseDate(raw);
    case 'external_id':
    case 'first_name':
    case 'last_name':
    case 'city':
    case 'gender':
      return accept(raw.trim());
    default:
      return assertNever(key);
  }
}
