import { fold } from '../shared/fold.js';
import type {
  CoreEvent,
  CoreMeasure,
  CorePredicate,
  CoreReservation,
  CoreWhere,
  EventWindow,
} from './core.js';
import { resolveOperand } from './operators.js';
import type {
  Comparison,
  EventCondition,
  LastOccurrence,
  MessageCondition,
  ReservationCondition,
  WhereFilter,
  Within,
} from './schema.js';
import { type Clock, dayStart, durationMs, parseTimeValue } from './time-values.js';
import { messageEventTypes, reservationAttributeByKey } from './vocabulary.js';

/** Event, message and reservation nodes into core `event` and `reservation` nodes. */

/** `within.last D` is (now − D, now]; `from`/`to` is [from, to); nothing after now counts. */
export function resolveWindow(within: Within | undefined, clock: Clock): EventWindow {
  const to = clock.now + 1;
  if (!within) return { from: null, to };
  if ('last' in within) return { from: clock.now - durationMs(within.last) + 1, to };
  const start = (text: string) => {
    const time = parseTimeValue(text, clock.timeZone)!;
    return time.kind === 'day' ? dayStart(time.day, clock.timeZone) : time.instant;
  };
  return { from: start(within.from), to: Math.min(start(within.to), to) };
}

/** "Has done at least once" when no measure is given (SPEC §2). */
const atLeastOnce: Comparison = { op: 'gte', value: 1 };

function comparisonPredicate(comparison: Comparison, clock: Clock): CorePredicate {
  const { op, negated, form } = resolveOperand(
    comparison.op,
    { value: comparison.value, type: 'number' },
    clock,
  );
  return { op, negated, form };
}

function lastPredicate(last: LastOccurrence, clock: Clock): CorePredicate {
  const { op, negated, form } = resolveOperand(
    last.op,
    { value: last.value, type: 'datetime' },
    clock,
  );
  return { op, negated, form };
}

function measureOf(
  node: Pick<EventCondition, 'count' | 'aggregate' | 'last'>,
  clock: Clock,
): CoreMeasure {
  if (node.aggregate) {
    const { fn, property, op, value } = node.aggregate;
    return {
      kind: 'aggregate',
      fn,
      property,
      predicate: comparisonPredicate({ op, value }, clock),
    };
  }
  if (node.last) return { kind: 'last', predicate: lastPredicate(node.last, clock) };
  return { kind: 'count', predicate: comparisonPredicate(node.count ?? atLeastOnce, clock) };
}

/**
 * A `where` filter on an event property: text operators read the folded texts
 * (`property_text`), number operators and numeric values the numbers (`property_number`).
 */
function eventWhere(filter: WhereFilter, clock: Clock): CoreWhere {
  const predicate = resolveOperand(filter.op, { value: filter.value, type: 'property' }, clock);
  const column = predicate.stored === 'number' ? 'property_number' : 'property_text';
  return {
    property: filter.property,
    source: { kind: 'json', column, key: filter.property },
    ...predicate,
  };
}

export function normaliseEvent(clock: Clock, node: EventCondition, path: string): CoreEvent {
  return {
    type: 'event',
    eventType: node.event,
    where: (node.where ?? []).map((filter) => eventWhere(filter, clock)),
    window: resolveWindow(node.within, clock),
    measure: measureOf(node, clock),
    path,
  };
}

function textEquals(property: string, value: string): CoreWhere {
  return {
    property,
    source: { kind: 'json', column: 'property_text', key: property },
    stored: 'text',
    op: 'eq',
    negated: false,
    form: { kind: 'equals', value: fold(value) },
  };
}

/**
 * A message activity is an event over `message.*`; campaign, link and channel are folded
 * equality filters, so a channel narrowing never matches an event without a channel.
 */
export function normaliseMessage(clock: Clock, node: MessageCondition, path: string): CoreEvent {
  const where: CoreWhere[] = [];
  if (node.campaign !== undefined) where.push(textEquals('campaign', node.campaign));
  if (node.link !== undefined) where.push(textEquals('link', node.link));
  if (node.channel !== undefined) where.push(textEquals('channel', node.channel));
  return {
    type: 'event',
    eventType: messageEventTypes[node.activity],
    where,
    window: resolveWindow(node.within, clock),
    measure: measureOf(node, clock),
    path,
  };
}

function reservationWhere(filter: WhereFilter, clock: Clock): CoreWhere {
  const attribute = reservationAttributeByKey.get(filter.property)!;
  const predicate = resolveOperand(filter.op, { value: filter.value, type: attribute.type }, clock);
  const asciiOnly = attribute.column === 'booking_id';
  if (asciiOnly) asciiLowerCaseOperand(predicate.form, filter.value);
  return {
    property: attribute.key,
    source: asciiOnly
      ? { kind: 'column', column: attribute.column, asciiLowerCase: true }
      : { kind: 'column', column: attribute.column },
    ...predicate,
  };
}

/**
 * booking_id has no folded twin column: it is compared under ASCII-only lower case, the one
 * case folding SQLite's lower() and PostgreSQL's lower() under "C" agree on.
 */
function asciiLowerCaseOperand(form: CorePredicate['form'], raw: unknown): void {
  const lower = (text: unknown) =>
    String(text)
      .trim()
      .replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
  if ('value' in form && typeof form.value === 'string') form.value = lower(raw);
  if (form.kind === 'one_of') form.values = [...new Set((raw as unknown[]).map(lower))];
}

export function asciiLowerCase(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

export function normaliseReservation(
  clock: Clock,
  node: ReservationCondition,
  path: string,
): CoreReservation {
  return {
    type: 'reservation',
    where: (node.where ?? []).map((filter) => reservationWhere(filter, clock)),
    count: comparisonPredicate(node.count ?? atLeastOnce, clock),
    path,
  };
}
