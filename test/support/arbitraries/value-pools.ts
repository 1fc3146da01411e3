import fc from 'fast-check';
import type { FieldDefinition } from '../../../src/segments/index.js';
import { defaultConsentCategories } from '../../../src/workspaces/index.js';

/**
 * Raw values that generated workspaces store and generated conditions compare with. Both sides
 * draw from the same pools, so that conditions hit stored values often, and through `nearMiss`
 * also their case, white-space and Unicode variants (SPEC §2: text compares folded and trimmed).
 */

export const firstNames = [
  'Ana',
  ' ana ',
  'ANA',
  'Ánnie',
  'ÁNNIE',
  'Zoë',
  'İlker',
  'ilker',
  'ß',
  'SS',
  'Straße',
  "O'Brien",
  '%_x',
  'a_b',
  'Ω',
  '12',
  '012',
  '  ',
  '',
];
export const lastNames = ['de Vries', 'DE VRIES', ' de vries', 'Müller', 'MÜLLER', '100%', 'x_y'];
export const cities = [
  ' Amsterdam ',
  'AMSTERDAM',
  'amsterdam',
  'Amsterdam-Noord',
  'ÉCOLE',
  'école',
  'Ecole',
  'São Paulo',
  'İstanbul',
  'istanbul',
  'Den Haag',
  '12',
  '\tUtrecht\n',
];
export const languages = ['nl', 'NL', 'fr-be', 'fr-BE', 'en', 'de-CH', 'pt-br'];
export const countries = ['NL', 'nl', ' be ', 'DE', 'FR', 'TR', 'BR'];
export const genders = ['female', ' Female', 'MALE', 'x', 'non-binary'];
export const nicknames = [
  ...firstNames.slice(0, 12),
  '  Ánnie ',
  'ÉCOLE',
  'a.b',
  '%',
  '_',
  'back\\slash',
  '\\',
];

export const planOptions = ['Gold', 'Silver', 'Bronze', 'Élite'];
export const interestOptions = ['Cycling', 'Hiking', 'Art', 'Ölfarbe'];
export const sourceOptions = ['import', 'form', 'booking', 'owner', 'api'];

/** Custom field values as an API client sends them: numbers as JSON or as decimal text. */
export const scores: unknown[] = [
  0,
  -1,
  1.5,
  10,
  12.5,
  80,
  80.5,
  '10',
  ' 12.50 ',
  '-3',
  0.1,
  0.3,
  1_000_000,
  -0.5,
];
export const booleans: unknown[] = [true, false, 'TRUE', ' false ', 'true'];

export const tagLabels = [
  'VIP',
  ' vip',
  'Cycling',
  'cycling ',
  'ÉTÉ',
  'été',
  'İstanbul',
  'x y',
  'ß',
  'a%b',
];
export const listKeys = ['newsletter', 'vip-list', 'owners'];

export const categoryKeys: string[] = defaultConsentCategories.map((category) => category.key);
/** Built-in consent segments (SPEC §3 rule 5) that conditions may refer to. */
export const consentSegmentKeys = ['consent-marketing', 'consent-booking-marketing'];

/** Custom fields of every type (SPEC §1); `notes` is never written, so it is always missing. */
export const customFields: FieldDefinition[] = [
  { key: 'nickname', type: 'text' },
  { key: 'notes', type: 'text' },
  { key: 'score', type: 'number' },
  { key: 'vip', type: 'boolean' },
  { key: 'contract_end', type: 'date' },
  { key: 'last_login', type: 'datetime' },
  { key: 'plan', type: 'select', options: planOptions },
  { key: 'interests', type: 'multiselect', options: interestOptions },
];

export const eventTypes = [
  'purchase',
  'message.sent',
  'message.delivered',
  'message.opened',
  'message.clicked',
  'message.bounced',
  'message.unsubscribed',
  'form.submitted',
  'login',
];

export const departments: unknown[] = [
  'Accessories',
  ' accessories ',
  'ACCESSORIES',
  'Bikes',
  'bikes',
  'Ölfarbe',
  'ÖLFARBE',
  '',
  '  ',
  'Acc%_',
  12,
  '12',
  true,
  null,
];
export const products: unknown[] = ['TRUCK', 'truck', 'Wheel', 'wheel ', 'Ünïcode', 'Bell'];

/** Numeric, decimal text, and garbage: only numbers and plain decimals count as numeric. */
export const amounts: unknown[] = [
  80,
  80.5,
  '80.50',
  '80',
  ' 7 ',
  '-12',
  0,
  -0.5,
  // Decimals that binary doubles do not hold exactly: their sums depend on the arithmetic.
  0.1,
  0.2,
  0.3,
  0.7,
  1.1,
  '3.3',
  19.99,
  '19.99',
  -0.01,
  '-20.02',
  2.675,
  1e21,
  '1,5',
  'abc',
  '',
  null,
  true,
  false,
  { value: 1 },
  [1, 2],
  '1e3',
  '+5',
  '.5',
  '5.',
  // 2^62: two of them overflow a 64-bit integer sum.
  '4611686018427387904',
  2 ** 62,
];
export const currencies = ['EUR', 'eur', ' Eur'];
export const campaigns = [
  'Spring-Sale',
  'spring-sale ',
  ' SPRING-SALE',
  'Winter',
  'Été',
  'été',
  'x',
];
export const channels = ['email', 'EMAIL', ' Sms', 'sms', 'push'];
export const links = ['https://shop.nl/Bikes', 'HTTPS://SHOP.NL/bikes', 'https://shop.nl/a_b%'];
export const forms = ['Newsletter', 'newsletter'];
export const devices = ['iOS', 'ios', 'Android'];

/** Event property names, including a dotted key, a capitalised twin and an Object.prototype name. */
export const propertyNames = [
  'department',
  'product',
  'amount',
  'currency',
  'campaign',
  'channel',
  'link',
  'form',
  'device',
  'a.b',
  'Department',
  'constructor',
  '__proto__',
  'say "hi"\\',
  'missing',
];

export const propertyTexts = [
  ...(departments.filter((value) => typeof value === 'string') as string[]),
  ...(products as string[]),
  ...campaigns,
  ...channels,
  ...links,
  ...currencies,
  ...devices,
  'true',
  'false',
  '80.5',
  '80',
  '12',
  '1e+21',
  '',
];

export const propertyNumbers = [0, -12, -0.5, 0.1, 0.3, 7, 12, 19.99, 80, 80.5, 100, 1e21];
/**
 * Aggregate bounds, with sums of decimals that are not exact in binary (0.1 + 0.2 + 0.3 is 0.6 by
 * the engines' arithmetic, 0.6000000000000001 added up in that order as doubles).
 */
export const aggregateNumbers = [
  0, 7, 80, 80.5, 87.5, 160.5, -12, 1e21, 0.3, 0.6, 0.6000000000000001, 19.99, 39.98, -20.01,
];

export const reservationProperties = [
  'Dune Lodge',
  ' dune lodge',
  'DUNE LODGE',
  'Sea View',
  'Île Verte',
  'île verte',
];
export const roomTypes = ['Suite', 'SUITE', 'Double', 'Chalet'];
export const reservationChannels = ['Booking.com', 'booking.com ', 'Direct', 'AIRBNB'];
export const reservationStatuses = [
  'confirmed',
  'CONFIRMED',
  'cancelled',
  'Canceled',
  ' Cancelled ',
];
export const guestCounts = ['', '1', '2', '4', '10'];
export const reservationAmounts = ['', '0', '120.50', '99.99', '-5', '1000'];

/** Booking ids: ASCII case variants and a non-ASCII letter (booking_id folds ASCII only). */
export function bookingIdOf(index: number, spelling: number): string {
  const spellings = [`BK-${index}`, `bk-${index}`, `Bk-Ä${index}`, `BK-${index}-x`];
  return spellings[spelling % spellings.length]!;
}

export function emailOf(index: number, spelling: number): string {
  const spellings = [`c${index}@example.com`, `C${index}@Example.COM`, ` c${index}@EXAMPLE.com `];
  return spellings[spelling % spellings.length]!;
}

export function phoneOf(index: number, spelling: number): string {
  const digits = String(index).padStart(4, '0');
  const spellings = [`+3161234${digits}`, `+31 6 1234 ${digits}`, `00316-1234-${digits}`];
  return spellings[spelling % spellings.length]!;
}

export function externalIdOf(index: number, spelling: number): string {
  const spellings = [`EXT-${index}`, `ext-ä${index}`, ` Ext-Ä${index} `];
  return spellings[spelling % spellings.length]!;
}

/**
 * A value near a stored one: another case, padded, Unicode-upper-cased, a prefix or suffix (for
 * contains and friends), or one letter off.
 */
export function nearMiss(text: string): fc.Arbitrary<string> {
  const variants = [
    text,
    text.toUpperCase(),
    text.toLowerCase(),
    ` ${text}  `,
    text.trim().slice(0, Math.max(1, Math.ceil(text.trim().length / 2))),
    text.trim().slice(Math.floor(text.trim().length / 2)),
    `${text}x`,
  ];
  return fc.constantFrom(...variants);
}

/** A text from a pool, or a near miss of one. */
export function textFrom(pool: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...pool), weight: 2 },
    { arbitrary: fc.constantFrom(...pool).chain(nearMiss), weight: 3 },
  );
}
