import { assertNever } from '../shared/assert-never.js';
import { decimalSum } from '../shared/decimal-sum.js';
import type {
  AggregateFunction,
  CoreCondition,
  CoreConsent,
  CoreEvent,
  CoreField,
  CoreList,
  CoreReservation,
  CoreTag,
  CoreWhere,
  ValueSource,
} from './core.js';
import { asciiLowerCase } from './normalise-behaviour.js';
import type { ContactSnapshot, EventRecord } from './snapshot.js';
import { readStored, type StoredValue, testPredicate } from './value-forms.js';

/**
 * The in-memory engine: evaluates a core tree for one contact. Every comparison goes through
 * the value-form table (value-forms.ts) that the SQL compiler uses as well.
 */

/** What a leaf found, so that an explanation shows why it holds or not. */
export interface Finding {
  /** A field's stored value as compared (folded text, number, day, instant, list). */
  value?: StoredValue;
  /** Matching events or reservations. */
  count?: number;
  /** The aggregate over the matching events' numeric values; null when none remained. */
  aggregate?: number | null;
  /** The latest matching event's instant (epoch ms); null when there is none. */
  last?: number | null;
  consent?: string;
  tags?: string[];
  lists?: string[];
}

interface LeafResult {
  result: boolean;
  found: Finding;
}

function readSource(record: object, source: ValueSource): unknown {
  const row = record as Record<string, unknown>;
  if (source.kind === 'json') {
    const object = row[source.column];
    return typeof object === 'object' && object !== null
      ? (object as Record<string, unknown>)[source.key]
      : undefined;
  }
  const value = row[source.column];
  return source.asciiLowerCase && typeof value === 'string' ? asciiLowerCase(value) : value;
}

function readValue(record: object, test: CoreField | CoreWhere): StoredValue {
  return readStored(readSource(record, test.source), test.stored);
}

function evaluateField(node: CoreField, snapshot: ContactSnapshot): LeafResult {
  const value = readValue(snapshot.contact, node);
  return { result: testPredicate(node, value), found: { value } };
}

function evaluateTag(node: CoreTag, snapshot: ContactSnapshot): LeafResult {
  const has = (tag: string) => snapshot.tags.includes(tag);
  const result = node.op === 'has_all' ? node.tags.every(has) : node.tags.some(has);
  return { result, found: { tags: node.tags.filter(has) } };
}

function evaluateList(node: CoreList, snapshot: ContactSnapshot): LeafResult {
  const lists = node.lists.filter((key) => snapshot.lists.includes(key));
  return { result: lists.length > 0, found: { lists } };
}

function evaluateConsent(node: CoreConsent, snapshot: ContactSnapshot): LeafResult {
  const state = snapshot.consent[node.category] ?? 'never_given';
  return { result: state === node.state, found: { consent: state } };
}

function passesWhere(record: object, where: readonly CoreWhere[]): boolean {
  return where.every((filter) => testPredicate(filter, readValue(record, filter)));
}

export function matchingEvents(node: CoreEvent, events: readonly EventRecord[]): EventRecord[] {
  const { from, to } = node.window;
  return events.filter(
    (event) =>
      event.type === node.eventType &&
      (from === null || event.occurred_at >= from) &&
      event.occurred_at < to &&
      passesWhere(event, node.where),
  );
}

/**
 * `sum` is exact over the values' decimals and rounded once (shared/decimal-sum.ts), so the order of the
 * events does not matter; `avg` divides that double by the count.
 */
const aggregates: Record<AggregateFunction, (values: number[]) => number> = {
  sum: (values) => decimalSum(values) ?? 0,
  avg: (values) => aggregates.sum(values) / values.length,
  min: (values) => values.reduce((least, value) => Math.min(least, value)),
  max: (values) => values.reduce((most, value) => Math.max(most, value)),
};

function evaluateEvent(node: CoreEvent, snapshot: ContactSnapshot): LeafResult {
  const events = matchingEvents(node, snapshot.events);
  const { measure } = node;
  switch (measure.kind) {
    case 'count':
      return {
        result: testPredicate(measure.predicate, events.length),
        found: { count: events.length },
      };
    case 'aggregate': {
      const values = events
        .map((event) => readStored(event.property_number[measure.property], 'number'))
        .filter((value): value is number => value !== null);
      // No value left: false, whatever the comparison (SPEC §2: even `sum gte 0`).
      if (values.length === 0) return { result: false, found: { aggregate: null } };
      const aggregate = aggregates[measure.fn](values);
      return { result: testPredicate(measure.predicate, aggregate), found: { aggregate } };
    }
    case 'last': {
      if (events.length === 0) return { result: false, found: { last: null } };
      const last = aggregates.max(events.map((event) => event.occurred_at));
      return { result: testPredicate(measure.predicate, last), found: { last } };
    }
    default:
      return assertNever(measure);
  }
}

function evaluateReservation(node: CoreReservation, snapshot: ContactSnapshot): LeafResult {
  const count = snapshot.reservations.filter((row) => passesWhere(row, node.where)).length;
  return { result: testPredicate(node.count, count), found: { count } };
}

type Leaf = Exclude<CoreCondition, { type: 'all' | 'any' | 'not' }>;

function evaluateLeaf(node: Leaf, snapshot: ContactSnapshot): LeafResult {
  switch (node.type) {
    case 'field':
      return evaluateField(node, snapshot);
    case 'tag':
      return evaluateTag(node, snapshot);
    case 'list':
      return evaluateList(node, snapshot);
    case 'consent':
      return evaluateConsent(node, snapshot);
    case 'event':
      return evaluateEvent(node, snapshot);
    case 'reservation':
      return evaluateReservation(node, snapshot);
    default:
      return assertNever(node);
  }
}

/** Whether the contact satisfies the core condition. */
export function evaluateContact(node: CoreCondition, snapshot: ContactSnapshot): boolean {
  switch (node.type) {
    case 'all':
      return node.conditions.every((child) => evaluateContact(child, snapshot));
    case 'any':
      return node.conditions.some((child) => evaluateContact(child, snapshot));
    case 'not':
      return !evaluateContact(node.condition, snapshot);
    default:
      return evaluateLeaf(node, snapshot).result;
  }
}

/** A node of the tree with its result: why a contact is in or out (SPEC §4). */
export interface Explanation {
  type: CoreCondition['type'];
  result: boolean;
  path?: string;
  /** Set on the node that stands for a segment (a reference or a parent). */
  segment?: string;
  /** A leaf as evaluated (operator, resolved operand, storage). */
  condition?: Leaf;
  found?: Finding;
  children?: Explanation[];
}

function origin(node: CoreCondition): Pick<Explanation, 'path' | 'segment'> {
  return {
    ...(node.path === undefined ? {} : { path: node.path }),
    ...(node.type === 'all' && node.segment !== undefined ? { segment: node.segment } : {}),
  };
}

/** Every node evaluated (no short-circuit), each with its result and what the leaves found. */
export function explainContact(node: CoreCondition, snapshot: ContactSnapshot): Explanation {
  switch (node.type) {
    case 'all':
    case 'any': {
      const children = node.conditions.map((child) => explainContact(child, snapshot));
      const result =
        node.type === 'all'
          ? children.every((child) => child.result)
          : children.some((child) => child.result);
      return { type: node.type, result, ...origin(node), children };
    }
    case 'not': {
      const child = explainContact(node.condition, snapshot);
      return { type: 'not', result: !child.result, ...origin(node), children: [child] };
    }
    default: {
      const { result, found } = evaluateLeaf(node, snapshot);
      return { type: node.type, result, ...origin(node), condition: node, found };
    }
  }
}
