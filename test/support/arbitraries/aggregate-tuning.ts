// The helper itself (not exported by the segments index): the arithmetic the engines define.

import {
  type Condition,
  type ContactSnapshot,
  type CoreCondition,
  matchingEvents,
  type NormaliseContext,
  normaliseCondition,
  readStored,
} from '../../../src/segments/index.js';
import { decimalSum } from '../../../src/shared/decimal-sum.js';

/**
 * Aggregate comparisons that land exactly on a value some contact has: a random `sum eq 80.5`
 * almost never meets a real sum, so the boundaries of `eq`, `gte` and `lt` would go untested.
 * Each aggregate of a generated condition is re-aimed, deterministically from `choice`, at the
 * aggregate of one contact that has one, as the interpreter computes it at `now`.
 *
 * Contacts whose decimals add up differently in another order or with compensated summation come
 * first (engines once disagreed on them, docs/testing.md), and the comparison is aimed at the
 * defined aggregate (the exact decimal sum rounded once) or at what one of those other
 * arithmetics gives, which every engine must then reject alike.
 */

type Aggregate = 'sum' | 'avg' | 'min' | 'max';

type EventCondition = Extract<Condition, { type: 'event' }>;

interface TuningInput {
  context: NormaliseContext;
  snapshots: readonly ContactSnapshot[];
}

function naiveSum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** Neumaier's compensated sum, as SQLite's sum() computes it. */
function compensatedSum(values: readonly number[]): number {
  let sum = 0;
  let compensation = 0;
  for (const value of values) {
    const next = sum + value;
    compensation += Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum;
    sum = next;
  }
  return sum + compensation;
}

/** The defined aggregate first, then the distinct results of the other arithmetics. */
function targetsOf(fn: Aggregate, values: readonly number[]): number[] {
  if (fn === 'min') return [Math.min(...values)];
  if (fn === 'max') return [Math.max(...values)];
  const sums = [
    decimalSum(values)!,
    naiveSum(values),
    naiveSum([...values].reverse()),
    compensatedSum(values),
  ];
  const results = fn === 'sum' ? sums : sums.map((sum) => sum / values.length);
  return [...new Set(results)];
}

/**
 * The comparison values for the node: from contacts where the arithmetics disagree if there are
 * any, else from every contact that has an aggregate.
 */
function aggregatesOf(node: EventCondition, input: TuningInput): number[] {
  const aggregate = node.aggregate!;
  const core = normaliseCondition(node, input.context) as Extract<CoreCondition, { type: 'event' }>;
  const found = input.snapshots.flatMap((snapshot) => {
    const values = matchingEvents(core, snapshot.events)
      .map((event) => readStored(event.property_number[aggregate.property], 'number'))
      .filter((value): value is number => value !== null);
    return values.length === 0 ? [] : [targetsOf(aggregate.fn, values)];
  });
  const disputed = found.filter((targets) => targets.length > 1);
  return (disputed.length > 0 ? disputed : found).flat();
}

function retarget(node: EventCondition, input: TuningInput, choice: number): EventCondition {
  const values = aggregatesOf(node, input);
  if (values.length === 0) return node;
  const value = values[choice % values.length]!;
  const aggregate = node.aggregate!;
  return {
    ...node,
    aggregate: { ...aggregate, value: aggregate.op === 'between' ? [value, value] : value },
  };
}

/** The condition with every aggregate comparison aimed at a contact's aggregate. */
export function tuneAggregates(
  condition: Condition,
  input: TuningInput & { choice: number },
): Condition {
  let position = 0;
  const visit = (node: Condition): Condition => {
    switch (node.type) {
      case 'all':
      case 'any':
        return { ...node, conditions: node.conditions.map(visit) };
      case 'not':
        return { ...node, condition: visit(node.condition) };
      case 'event':
        position += 1;
        return node.aggregate ? retarget(node, input, input.choice + position * 7) : node;
      default:
        return node;
    }
  };
  return visit(condition);
}
