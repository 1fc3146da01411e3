import { fold } from '../shared/fold.js';
import { checkOperand } from './operators.js';
import { joinPath } from './problems.js';
import {
  type Aggregate,
  type Comparison,
  EventCondition,
  type LastOccurrence,
  MessageCondition,
  ReservationCondition,
  type WhereFilter,
  type Within,
} from './schema.js';
import { checkDuration, dayStart, parseTimeValue, type TimeValue } from './time-values.js';
import { parseNode, type ValidationState, validateOperatorAndValue } from './validate-state.js';
import { messageChannels, reservationAttributeByKey, reservationAttributes } from './vocabulary.js';

/** Event, message and reservation nodes: filters, windows and measures (SPEC §2). */

export function validateEventNode(state: ValidationState, node: object, path: string): void {
  const event = parseNode(state, EventCondition, node, path);
  if (!event) return;
  validateEventWhere(state, event.where ?? [], path);
  if (event.within) validateWithin(state, event.within, joinPath(path, 'within'));
  validateMeasures(state, event, path);
}

function validateEventWhere(state: ValidationState, where: WhereFilter[], path: string): void {
  const base = joinPath(path, 'where');
  where.forEach((filter, index) => {
    validateOperatorAndValue(state, {
      op: filter.op,
      value: filter.value,
      type: 'property',
      path: joinPath(base, index),
      subject: 'an event property (untyped: text, number and boolean operators only)',
    });
  });
}

type Measures = { count?: Comparison; aggregate?: Aggregate; last?: LastOccurrence };

function validateMeasures(state: ValidationState, node: Measures, path: string): void {
  const given = (['count', 'aggregate', 'last'] as const).filter((key) => node[key] !== undefined);
  if (given.length > 1) {
    state.problems.push({
      code: 'conflicting_measures',
      path: joinPath(path, given[1]!),
      message: `an event condition takes at most one of count, aggregate and last; found ${given.join(' and ')}`,
    });
  }
  if (node.count) validateComparison(state, node.count, joinPath(path, 'count'), true);
  if (node.aggregate) validateComparison(state, node.aggregate, joinPath(path, 'aggregate'), false);
  if (node.last) {
    const problem = checkOperand(
      node.last.op,
      { value: node.last.value, type: 'datetime' },
      state.context.timeZone,
    );
    if (problem)
      state.problems.push({ ...problem, path: joinPath(joinPath(path, 'last'), 'value') });
  }
}

/** A count or aggregate comparison: `between` takes [low, high], the others one number. */
function validateComparison(
  state: ValidationState,
  comparison: Comparison,
  path: string,
  isCount: boolean,
): void {
  const valuePath = joinPath(path, 'value');
  const problem = checkOperand(comparison.op, { value: comparison.value, type: 'number' }, 'UTC');
  if (problem) {
    state.problems.push({ ...problem, path: valuePath });
    return;
  }
  const values = Array.isArray(comparison.value) ? comparison.value : [comparison.value];
  if (isCount && !values.every((value) => Number.isInteger(value) && value >= 0)) {
    state.problems.push({
      code: 'invalid_value',
      path: valuePath,
      message: 'a count compares with whole numbers of at least 0',
    });
  }
}

function windowStart(time: TimeValue, timeZone: string): number {
  return time.kind === 'day' ? dayStart(time.day, timeZone) : time.instant;
}

/** `{ last: D }` is a duration; `{ from, to }` are ISO dates or date-times with from ≤ to. */
export function validateWithin(state: ValidationState, within: Within, path: string): void {
  if ('last' in within) {
    const result = checkDuration(within.last, { wholeDays: false });
    if (!result.ok) {
      state.problems.push({
        code: result.code,
        path: joinPath(path, 'last'),
        message: result.message,
      });
    }
    return;
  }
  const { timeZone } = state.context;
  const from = parseTimeValue(within.from, timeZone);
  const to = parseTimeValue(within.to, timeZone);
  for (const [key, time] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (!time) {
      state.problems.push({
        code: 'invalid_value',
        path: joinPath(path, key),
        message: 'expected an ISO date or date-time such as "2026-01-31" or "2026-01-31T10:00:00Z"',
      });
    }
  }
  if (from && to && windowStart(from, timeZone) > windowStart(to, timeZone)) {
    state.problems.push({ code: 'invalid_value', path, message: 'from must not be after to' });
  }
}

export function validateMessageNode(state: ValidationState, node: object, path: string): void {
  const message = parseNode(state, MessageCondition, node, path);
  if (!message) return;
  if (message.link !== undefined && message.activity !== 'clicked') {
    state.problems.push({
      code: 'invalid_value',
      path: joinPath(path, 'link'),
      message: 'link narrows only the "clicked" activity',
    });
  }
  for (const key of ['campaign', 'link'] as const) {
    if (message[key] !== undefined && fold(message[key]) === '') {
      state.problems.push({
        code: 'invalid_value',
        path: joinPath(path, key),
        message: 'may not be empty',
      });
    }
  }
  if (
    message.channel !== undefined &&
    !(messageChannels as readonly string[]).includes(fold(message.channel))
  ) {
    state.problems.push({
      code: 'invalid_value',
      path: joinPath(path, 'channel'),
      message: `expected one of ${messageChannels.join(', ')}`,
    });
  }
  if (message.within) validateWithin(state, message.within, joinPath(path, 'within'));
  validateMeasures(state, message, path);
}

export function validateReservationNode(state: ValidationState, node: object, path: string): void {
  const reservation = parseNode(state, ReservationCondition, node, path);
  if (!reservation) return;
  const base = joinPath(path, 'where');
  (reservation.where ?? []).forEach((filter, index) => {
    const filterPath = joinPath(base, index);
    const attribute = reservationAttributeByKey.get(filter.property);
    if (!attribute) {
      state.problems.push({
        code: 'unknown_property',
        path: joinPath(filterPath, 'property'),
        message: `not a reservation attribute; expected one of ${reservationAttributes.map((item) => item.key).join(', ')}`,
      });
      return;
    }
    validateOperatorAndValue(state, {
      op: filter.op,
      value: filter.value,
      type: attribute.type,
      path: filterPath,
      subject: `the ${attribute.type} attribute "${attribute.key}"`,
    });
  });
  if (reservation.count)
    validateComparison(state, reservation.count, joinPath(path, 'count'), true);
}
