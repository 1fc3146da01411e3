import type { Generated } from 'kysely';

/**
 * Row types as stored. Instants are milliseconds since the epoch, calendar days are
 * `YYYY-MM-DD` text, booleans are 0/1, JSON columns are written as JSON text and read back
 * as text (SQLite) or parsed values (PostgreSQL): read them through `readJson`.
 * Columns ending in `_key` hold the folded comparison key of the column before them.
 */
export type Json = string | unknown;

export interface WorkspaceTable {
  id: number;
  key: string;
  name: string;
  time_zone: string;
  secret: string;
  created_at: number;
}

export interface ApiKeyTable {
  workspace_id: number;
  id: Generated<number>;
  name: string;
  prefix: string;
  key_hash: string;
  created_at: number;
}

export interface FieldTable {
  workspace_id: number;
  key: string;
  label: string;
  type: string;
  options: Json | null;
  created_at: number;
}

export interface ContactTable {
  workspace_id: number;
  id: Generated<number>;
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
  custom: Json;
  custom_key: Json;
  created_at: number;
  updated_at: number;
}

export interface TagTable {
  workspace_id: number;
  tag: string;
  label: string;
  public: number;
  created_at: number;
}

export interface ContactTagTable {
  workspace_id: number;
  contact_id: number;
  tag: string;
}

export interface ListTable {
  workspace_id: number;
  id: Generated<number>;
  key: string;
  name: string;
  source: string;
  created_at: number;
}

export interface ListMemberTable {
  workspace_id: number;
  list_id: number;
  contact_id: number;
  added_at: number;
}

export interface ConsentCategoryTable {
  workspace_id: number;
  key: string;
  label: string;
  kind: string;
  time_bound: number;
  created_at: number;
}

export interface ConsentLogTable {
  workspace_id: number;
  id: Generated<number>;
  contact_id: number;
  category: string;
  action: string;
  actor: string;
  source: string;
  reason: string | null;
  recorded_at: number;
}

export interface EventTable {
  workspace_id: number;
  id: Generated<number>;
  contact_id: number;
  type: string;
  occurred_at: number;
  properties: Json;
  property_text: Json;
  property_number: Json;
  client_id: string | null;
  received_at: number;
}

export interface ReservationTable {
  workspace_id: number;
  id: Generated<number>;
  booking_id: string;
  contact_id: number;
  property: string | null;
  property_key: string | null;
  room_type: string | null;
  room_type_key: string | null;
  arrival: string | null;
  departure: string | null;
  status: string;
  confirmed_at: number | null;
  channel: string | null;
  channel_key: string | null;
  guests: number | null;
  amount: number | null;
  created_at: number;
  updated_at: number;
}

export interface SegmentTable {
  workspace_id: number;
  id: Generated<number>;
  key: string;
  name: string;
  description: string | null;
  parent_key: string | null;
  active: number;
  kind: string;
  condition: Json;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface SegmentVersionTable {
  workspace_id: number;
  segment_key: string;
  version: number;
  definition: Json;
  created_at: number;
}

export interface FormTable {
  workspace_id: number;
  key: string;
  name: string;
  list_key: string;
  /** JSON array of consent category keys. */
  consent: Json;
  /** JSON array of field keys (standard or custom) the form accepts. */
  fields: Json;
  redirect_url: string | null;
  created_at: number;
  updated_at: number;
}

export interface PreferenceTextsTable {
  workspace_id: number;
  /** Lower-case BCP 47 tag: `nl`, `fr-be`. */
  language: string;
  /** JSON object: the preference center texts that override Sift's own. */
  texts: Json;
  updated_at: number;
}

export interface Database {
  workspaces: WorkspaceTable;
  api_keys: ApiKeyTable;
  fields: FieldTable;
  contacts: ContactTable;
  tags: TagTable;
  contact_tags: ContactTagTable;
  lists: ListTable;
  list_members: ListMemberTable;
  consent_categories: ConsentCategoryTable;
  consent_log: ConsentLogTable;
  events: EventTable;
  reservations: ReservationTable;
  segments: SegmentTable;
  segment_versions: SegmentVersionTable;
  forms: FormTable;
  preference_texts: PreferenceTextsTable;
}
