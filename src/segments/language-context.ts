import { fold } from '../shared/fold.js';
import { type FieldDefinition, type StandardField, standardFieldByKey } from './vocabulary.js';

/**
 * What validation and normalisation know about a workspace: plain data, loaded once by
 * `loadLanguageContext` (context-loader.ts) or built by hand in tests.
 */

export interface ConsentCategoryReference {
  key: string;
  /** A time-bound category (`booking_marketing`) is valid only inside reservation windows. */
  timeBound: boolean;
}

export interface SegmentReferenceSource {
  key: string;
  parent: string | null;
  /** The segment's own condition (raw JSON as stored); the normaliser expands references into it. */
  condition?: unknown;
  /** The segment keys its condition references; collected from `condition` when omitted. */
  references?: readonly string[];
}

export interface LanguageContext {
  /** The workspace's IANA time zone: calendar-day operators and offset-less date-times use it. */
  timeZone: string;
  /** Custom field definitions; the standard fields are built in (vocabulary.ts). */
  fields: readonly FieldDefinition[];
  listKeys: readonly string[];
  consentCategories: readonly ConsentCategoryReference[];
  segments: readonly SegmentReferenceSource[];
}

export interface ValidationContext extends LanguageContext {
  /**
   * The segment being saved, if any: references and the parent are then checked for cycles
   * through it, with its new parent and condition replacing the stored ones.
   */
  self?: { key: string; parent?: string | null | undefined } | undefined;
}

export interface NormaliseContext extends LanguageContext {
  /** The evaluation instant (epoch ms): relative times become concrete bounds. */
  now: number;
}

/**
 * The field a condition names: a standard field first, then a custom one. Keys are matched
 * ignoring case, as CSV headers are (SPEC §7).
 */
export function findField(
  key: string,
  fields: readonly FieldDefinition[],
): (FieldDefinition & { column?: StandardField['column'] }) | undefined {
  const folded = fold(key);
  const standard = standardFieldByKey.get(folded);
  if (standard) return standard;
  return (
    fields.find((field) => field.key === key) ?? fields.find((field) => fold(field.key) === folded)
  );
}
