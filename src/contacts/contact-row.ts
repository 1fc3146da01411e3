import { foldOrNull } from '../shared/fold.js';
import { readJson, writeJson } from '../store/index.js';
import type { StoredContact } from './contact-plan.js';
import type { CustomValue } from './field-values.js';

/** The stored columns of a contact, in insert order (`id` is assigned by the store). */
export const contactColumns = [
  'workspace_id',
  'email',
  'phone',
  'external_id',
  'external_id_key',
  'first_name',
  'first_name_key',
  'last_name',
  'last_name_key',
  'language',
  'language_key',
  'country',
  'country_key',
  'city',
  'city_key',
  'gender',
  'gender_key',
  'birthdate',
  'source',
  'custom',
  'custom_key',
  'created_at',
  'updated_at',
] as const;

export type ContactColumns = {
  workspace_id: number;
  email: string | null;
  phone: string | null;
  external_id: string | null;
  external_id_key: string | null;
  first_name: string | null;
  first_name_key: string | null;
  last_name: string | null;
  last_name_key: string | null;
  language: string | null;
  language_key: string | null;
  country: string | null;
  country_key: string | null;
  city: string | null;
  city_key: string | null;
  gender: string | null;
  gender_key: string | null;
  birthdate: string | null;
  source: string;
  custom: string;
  custom_key: string;
  created_at: number;
  updated_at: number;
};

/** The row to write: every `_key` twin is derived here, by the code that writes the value. */
export function toColumns(workspaceId: number, row: StoredContact): ContactColumns {
  return {
    workspace_id: workspaceId,
    email: row.email,
    phone: row.phone,
    external_id: row.external_id,
    external_id_key: foldOrNull(row.external_id),
    first_name: row.first_name,
    first_name_key: foldOrNull(row.first_name),
    last_name: row.last_name,
    last_name_key: foldOrNull(row.last_name),
    language: row.language,
    language_key: foldOrNull(row.language),
    country: row.country,
    country_key: foldOrNull(row.country),
    city: row.city,
    city_key: foldOrNull(row.city),
    gender: row.gender,
    gender_key: foldOrNull(row.gender),
    birthdate: row.birthdate,
    source: row.source,
    custom: writeJson(row.custom),
    custom_key: writeJson(row.custom_key),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** Positional values in `contactColumns` order, for prepared statements (the import's hot path). */
export function toColumnValues(workspaceId: number, row: StoredContact): unknown[] {
  return [
    workspaceId,
    row.email,
    row.phone,
    row.external_id,
    foldOrNull(row.external_id),
    row.first_name,
    foldOrNull(row.first_name),
    row.last_name,
    foldOrNull(row.last_name),
    row.language,
    foldOrNull(row.language),
    row.country,
    foldOrNull(row.country),
    row.city,
    foldOrNull(row.city),
    row.gender,
    foldOrNull(row.gender),
    row.birthdate,
    row.source,
    writeJson(row.custom),
    writeJson(row.custom_key),
    row.created_at,
    row.updated_at,
  ];
}

export interface ContactRecordRow {
  id: number | string;
  email: string | null;
  phone: string | null;
  external_id: string | null;
  first_name: string | null;
  last_name: string | null;
  language: string | null;
  country: string | null;
  city: string | null;
  gender: string | null;
  birthdate: string | null;
  source: string;
  custom: unknown;
  custom_key: unknown;
  created_at: number | string;
  updated_at: number | string;
}

export function fromColumns(row: ContactRecordRow): StoredContact {
  return {
    id: Number(row.id),
    email: row.email,
    phone: row.phone,
    external_id: row.external_id,
    first_name: row.first_name,
    last_name: row.last_name,
    language: row.language,
    country: row.country,
    city: row.city,
    gender: row.gender,
    birthdate: row.birthdate,
    source: row.source,
    custom: readJson<Record<string, CustomValue>>(row.custom) ?? {},
    custom_key: readJson<Record<string, string | string[]>>(row.custom_key) ?? {},
    created_at: Number(row.created_at),
    updated_at: Number(row.updated_at),
  };
}

/** The columns read back into a `StoredContact`. */
export const storedContactColumns = [
  'id',
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
  'source',
  'custom',
  'custom_key',
  'created_at',
  'updated_at',
] as const;
