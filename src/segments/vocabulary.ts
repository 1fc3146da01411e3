import type { ContactColumn, ReservationColumn } from './core.js';

/**
 * What a condition can name: the contact's standard fields, the reservation attributes and the
 * value types the operators are defined over (SPEC §1 and §2).
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

/**
 * The type an operator is checked against: a field type, or `property` for an event property,
 * which has no declared type (SPEC §2: number operators compare numerically, text operators
 * compare folded text).
 */
export type ValueType = FieldType | 'property';

export interface FieldDefinition {
  key: string;
  type: FieldType;
  /** The allowed values of a select or multiselect field. */
  options?: readonly string[] | null | undefined;
}

export interface StandardField extends FieldDefinition {
  /** The contacts column that the operators read: the folded `_key` twin for text. */
  column: ContactColumn;
}

export const sourceOptions = ['import', 'form', 'booking', 'owner', 'api'] as const;

/** Standard contact fields (SPEC §1) and the column each one is compared on (docs/architecture.md). */
export const standardFields: readonly StandardField[] = [
  { key: 'email', type: 'text', column: 'email' },
  { key: 'phone', type: 'text', column: 'phone' },
  { key: 'external_id', type: 'text', column: 'external_id_key' },
  { key: 'first_name', type: 'text', column: 'first_name_key' },
  { key: 'last_name', type: 'text', column: 'last_name_key' },
  { key: 'language', type: 'text', column: 'language_key' },
  { key: 'country', type: 'text', column: 'country_key' },
  { key: 'city', type: 'text', column: 'city_key' },
  { key: 'gender', type: 'text', column: 'gender_key' },
  { key: 'birthdate', type: 'date', column: 'birthdate' },
  { key: 'created_at', type: 'datetime', column: 'created_at' },
  { key: 'updated_at', type: 'datetime', column: 'updated_at' },
  { key: 'source', type: 'select', column: 'source', options: sourceOptions },
];

export const standardFieldByKey: ReadonlyMap<string, StandardField> = new Map(
  standardFields.map((field) => [field.key, field]),
);

export interface ReservationAttribute {
  key: string;
  type: Exclude<FieldType, 'select' | 'multiselect' | 'boolean'>;
  column: ReservationColumn;
}

/** Reservation attributes usable in a reservation node's `where` (SPEC §1). */
export const reservationAttributes: readonly ReservationAttribute[] = [
  { key: 'booking_id', type: 'text', column: 'booking_id' },
  { key: 'property', type: 'text', column: 'property_key' },
  { key: 'room_type', type: 'text', column: 'room_type_key' },
  { key: 'channel', type: 'text', column: 'channel_key' },
  { key: 'status', type: 'text', column: 'status' },
  { key: 'arrival', type: 'date', column: 'arrival' },
  { key: 'departure', type: 'date', column: 'departure' },
  { key: 'confirmed_at', type: 'datetime', column: 'confirmed_at' },
  { key: 'guests', type: 'number', column: 'guests' },
  { key: 'amount', type: 'number', column: 'amount' },
];

export const reservationAttributeByKey: ReadonlyMap<string, ReservationAttribute> = new Map(
  reservationAttributes.map((attribute) => [attribute.key, attribute]),
);

/** Message activities are event types (SPEC §2: `received` = `message.sent`, and so on). */
export const messageEventTypes = {
  received: 'message.sent',
  delivered: 'message.delivered',
  opened: 'message.opened',
  clicked: 'message.clicked',
  bounced: 'message.bounced',
  unsubscribed: 'message.unsubscribed',
} as const;

export const messageChannels = ['email', 'sms'] as const;

/** Bounds that keep one request from exhausting the server (SPEC §2). */
export const treeLimits = {
  maxNodes: 500,
  maxDepth: 12,
  /** Values in one `in` / `has_*` list, tags or lists of one node. */
  maxListValues: 1000,
  maxWhereFilters: 50,
  /** A duration longer than this (about 270 years) is refused, so bounds stay safe integers. */
  maxDurationDays: 100_000,
  /** Nodes after segment references and parents are expanded. */
  maxExpandedNodes: 20_000,
} as const;
