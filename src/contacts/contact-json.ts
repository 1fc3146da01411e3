import { isoInstant } from '../shared/time.js';
import type { Contact } from './contact-repository.js';
import type { CustomValue, FieldCoercer } from './field-values.js';

/** A contact as JSON output shows it: instants as ISO 8601, custom datetimes too. */
export interface ContactJson extends Omit<Contact, 'created_at' | 'updated_at'> {
  created_at: string;
  updated_at: string;
}

export function contactToJson(
  contact: Contact,
  coercers: ReadonlyMap<string, FieldCoercer>,
): ContactJson {
  const custom: Record<string, CustomValue> = {};
  for (const [key, value] of Object.entries(contact.custom)) {
    custom[key] = coercers.get(key)?.toJson(value) ?? value;
  }
  return {
    ...contact,
    custom,
    created_at: isoInstant(contact.created_at),
    updated_at: isoInstant(contact.updated_at),
  };
}
