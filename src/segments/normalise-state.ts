import { SiftError } from '../shared/errors.js';
import type { CoreCondition } from './core.js';
import type { NormaliseContext, SegmentReferenceSource } from './language-context.js';
import { Condition } from './schema.js';
import type { Clock } from './time-values.js';
import { checkTreeBounds } from './tree-bounds.js';
import { treeLimits } from './vocabulary.js';

type NodeNormaliser = (state: NormaliseState, node: Condition, path: string) => CoreCondition;

/** One normalisation pass: the clock, the segment definitions and the expansion bookkeeping. */
export interface NormaliseState {
  readonly context: NormaliseContext;
  readonly clock: Clock;
  countNode(count?: number): void;
  readonly segments: ReadonlyMap<string, SegmentReferenceSource>;
  /** Segments being expanded right now: meeting one again is a cycle. */
  readonly expanding: Set<string>;
  /** Each segment is expanded once per pass; later references share the result. */
  readonly expanded: Map<string, { condition: CoreCondition; size: number }>;
  readonly normaliseNode: NodeNormaliser;
  nodeCount: number;
}

export function createExpansion(
  context: NormaliseContext,
  normaliseNode: NodeNormaliser,
): NormaliseState {
  const state: NormaliseState = {
    context,
    clock: { now: context.now, timeZone: context.timeZone },
    segments: new Map(context.segments.map((segment) => [segment.key, segment])),
    expanding: new Set(),
    expanded: new Map(),
    normaliseNode,
    nodeCount: 0,
    countNode(count = 1) {
      state.nodeCount += count;
      if (state.nodeCount > treeLimits.maxExpandedNodes) {
        throw new SiftError(
          'validation_failed',
          `The condition grows past ${treeLimits.maxExpandedNodes} nodes once segment references are expanded`,
        );
      }
    },
  };
  return state;
}

function parseStoredCondition(key: string, condition: unknown): Condition {
  const bounds = checkTreeBounds(condition);
  const parsed = bounds ? undefined : Condition.safeParse(condition);
  if (!parsed?.success) {
    throw new SiftError('internal', `The stored condition of segment "${key}" is not valid`);
  }
  return parsed.data;
}

/** The referenced segment's whole meaning: its parent chain AND its own condition. */
export function expandSegment(state: NormaliseState, key: string): CoreCondition {
  const done = state.expanded.get(key);
  if (done) {
    state.countNode(done.size);
    return done.condition;
  }
  if (state.expanding.has(key)) {
    throw new SiftError('validation_failed', `Segment "${key}" refers to itself through a cycle`);
  }
  const source = state.segments.get(key);
  if (!source || source.condition === undefined) {
    throw new SiftError('not_found', `Segment "${key}" does not exist`);
  }
  const before = state.nodeCount;
  state.expanding.add(key);
  const own = state.normaliseNode(state, parseStoredCondition(key, source.condition), '');
  const parts = source.parent ? [expandSegment(state, source.parent), own] : [own];
  state.expanding.delete(key);
  const condition: CoreCondition = { type: 'all', conditions: parts, segment: key };
  state.expanded.set(key, { condition, size: state.nodeCount - before });
  return condition;
}
