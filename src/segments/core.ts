import type { ConsentState, FieldOperator } from './schema.js';

/**
 * The core tree: what the engines (interpreter, SQL compiler) evaluate. The normaliser
 * (`normalise.ts`) produces it from a validated condition: sugar is gone (`message` is an
 * `event`, `segment` references and `parent` chains are expanded, negative operators are
 * complements of their positive twin), storage is resolved (which column or JSON key holds a
 * value) and every relative time is a concrete bound. No engine needs the workspace, the clock
 * or the field definitions.
 */

export type ContactColumn =
  | 'email'
  | 'phone'
  | 'external_id_key'
  | 'first_name_key'
  | 'last_name_key'
  | 'language_key'
  | 'country_key'
  | 'city_key'
  | 'gender_key'
  | 'birthdate'
  | 'created_at'
  | 'updated_at'
  | 'source';

export type ReservationColumn =
  | 'booking_id'
  | 'property_key'
  | 'room_type_key'
  | 'channel_key'
  | 'status'
  | 'arrival'
  | 'departure'
  | 'confirmed_at'
  | 'guests'
  | 'amount';

export type JsonColumn = 'custom' | 'custom_key' | 'property_text' | 'property_number';

/**
 * How a value is stored, which decides how engines read and compare it: folded text, a number,
 * a boolean, a calendar day (`YYYY-MM-DD` text), an instant (epoch ms) or a list of folded texts.
 */
export type StoredKind = 'text' | 'number' | 'boolean' | 'day' | 'instant' | 'text_list';

export type ValueSource =
  | {
      kind: 'column';
      column: ContactColumn | ReservationColumn;
      /**
       * Set for `booking_id`, which has no folded twin column: both engines compare it with
       * ASCII-only lower case, the one folding SQLite and PostgreSQL agree on.
       */
      asciiLowerCase?: true;
    }
  | { kind: 'json'; column: JsonColumn; key: string };

export interface Bound {
  value: string | number;
  inclusive: boolean;
}

/**
 * A resolved operand. Each kind has one meaning, defined once in `value-forms.ts` for both
 * engines. Text operands are folded; day operands are `YYYY-MM-DD`; instants are epoch ms.
 */
export type ValueForm =
  | { kind: 'equals'; value: string | number }
  | { kind: 'one_of'; values: (string | number)[] }
  | { kind: 'contains'; value: string }
  | { kind: 'starts_with'; value: string }
  | { kind: 'ends_with'; value: string }
  | { kind: 'range'; lower: Bound | null; upper: Bound | null }
  | { kind: 'is_true' }
  | { kind: 'is_false' }
  | { kind: 'has_any'; values: string[] }
  | { kind: 'has_all'; values: string[] }
  /** `MM-DD` month-days; `timeZone` set when the stored value is an instant. */
  | { kind: 'month_day_in'; monthDays: string[]; timeZone: string | null }
  | { kind: 'is_set' };

export type ValueFormKind = ValueForm['kind'];

/** An operator applied to one value: `negated` is the exact complement (matches a missing value). */
export interface CorePredicate {
  /** The operator as written, for explanations. */
  op: FieldOperator;
  negated: boolean;
  form: ValueForm;
}

/** A predicate over a stored value of a contact, event or reservation. */
export interface ValueTest extends CorePredicate {
  source: ValueSource;
  stored: StoredKind;
}

export interface CoreWhere extends ValueTest {
  property: string;
}

interface NodeOrigin {
  /** JSON path of the node in the condition it came from (relative to its segment's condition). */
  path?: string;
}

export interface CoreAll extends NodeOrigin {
  type: 'all';
  conditions: CoreCondition[];
  /** Set when this node is a segment's whole meaning (a reference or a parent). */
  segment?: string;
}

export interface CoreAny extends NodeOrigin {
  type: 'any';
  conditions: CoreCondition[];
}

export interface CoreNot extends NodeOrigin {
  type: 'not';
  condition: CoreCondition;
}

export interface CoreField extends NodeOrigin, ValueTest {
  type: 'field';
  field: string;
}

/** A contact has any (`has_any`) or all (`has_all`) of the folded tags; `has_none` is `not`. */
export interface CoreTag extends NodeOrigin {
  type: 'tag';
  op: 'has_any' | 'has_all';
  tags: string[];
}

/** A contact is a member of any of the lists; `not_in` is `not`. */
export interface CoreList extends NodeOrigin {
  type: 'list';
  lists: string[];
}

export interface CoreConsent extends NodeOrigin {
  type: 'consent';
  category: string;
  timeBound: boolean;
  state: ConsentState;
  /** The evaluation instant and time zone: time-bound consent depends on both. */
  now: number;
  timeZone: string;
}

/** Events in `[from, to)` (epoch ms); `to` is at most `now + 1` so later events are ignored. */
export interface EventWindow {
  from: number | null;
  to: number;
}

export type AggregateFunction = 'sum' | 'avg' | 'min' | 'max';

export type CoreMeasure =
  | { kind: 'count'; predicate: CorePredicate }
  | { kind: 'aggregate'; fn: AggregateFunction; property: string; predicate: CorePredicate }
  | { kind: 'last'; predicate: CorePredicate };

export interface CoreEvent extends NodeOrigin {
  type: 'event';
  eventType: string;
  where: CoreWhere[];
  window: EventWindow;
  measure: CoreMeasure;
}

export interface CoreReservation extends NodeOrigin {
  type: 'reservation';
  where: CoreWhere[];
  count: CorePredicate;
}

export type CoreCondition =
  | CoreAll
  | CoreAny
  | CoreNot
  | CoreField
  | CoreTag
  | CoreList
  | CoreConsent
  | CoreEvent
  | CoreReservation;
