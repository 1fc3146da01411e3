/**
 * The standard contact fields (SPEC §1) as data, so that the segment language, the importers
 * and the API resolve them from one table. `column` is the stored value; `keyColumn` the
 * column that segment text comparisons read (the folded `_key` twin, or the column itself
 * when the stored value is canonical already: email is folded, phone is E.164).
 */

export const fieldTypes = [
  'text',
  'number',
  'boolean',
  'date',
  'datetime',
  'select',
  'multiselect',
] as const;
export type FieldType = (typeof fieldTypes)[number];

export const contactSources = ['import', 'form', 'booking', 'owner', 'api'] as const;
export type ContactSource = (typeof contactSources)[number];

export interface StandardField {
  key: string;
  type: FieldType;
  options?: readonly string[];
  column: string;
  keyColumn?: string;
  /** False for the fields Sift sets itself (dates added and changed, source). */
  writable: boolean;
}

const text = (key: string, keyColumn = `${key}_key`): StandardField => ({
  key,
  type: 'text',
  column: key,
  keyColumn,
  writable: true,
});

export const standardFields: readonly StandardField[] = [
  text('email', 'email'),
  text('phone', 'phone'),
  text('external_id'),
  text('first_name'),
  text('last_name'),
  text('language'),
  text('country'),
  text('city'),
  text('gender'),
  { key: 'birthdate', type: 'date', column: 'birthdate', writable: true },
  { key: 'created_at', type: 'datetime', column: 'created_at', writable: false },
  { key: 'updated_at', type: 'datetime', column: 'updated_at', writable: false },
  { key: 'source', type: 'select', options: contactSources, column: 'source', writable: false },
];

/** The standard fields a caller may write, in column order. */
export const writableStandardKeys = [
  'email',
  'phone',
  'external_id',
  'first_name',
  'last_name',
  'language',
  'country',
  'city',
  'gender',
  'birthdate',
] as const;
export type WritableStandardKey = (typeof writableStandardKeys)[number];

/** Text columns stored with a folded `_key` twin (architecture.md). */
export const keyedTextKeys = [
  'external_id',
  'first_name',
  'last_name',
  'language',
  'country',
  'city',
  'gender',
] as const;
export type KeyedTextKey = (typeof keyedTextKeys)[number];

/** The identifiers, in matching order (SPEC §7: email, then external_id, then phone). */
export const identifierKeys = ['email', 'external_id', 'phone'] as const;
export type IdentifierKey = (typeof identifierKeys)[number];

const standardFieldsByKey = new Map(standardFields.map((field) => [field.key, field]));

export function standardField(key: string): StandardField | undefined {
  return standardFieldsByKey.get(key);
}

export function isStandardFieldKey(key: string): boolean {
  return standardFieldsByKey.has(key);
}

const writableKeys = new Set<string>(writableStandardKeys);

export function isWritableStandardKey(key: string): key is WritableStandardKey {
  return writableKeys.has(key);
}

/** Names a custom field may not take: standard fields and the other contact attributes. */
export const reservedFieldKeys: ReadonlySet<string> = new Set([
  ...standardFields.map((field) => field.key),
  'id',
  'tags',
  'lists',
  'consent',
  'custom',
]);
