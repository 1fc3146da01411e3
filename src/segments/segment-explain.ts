import { SiftError } from '../shared/errors.js';
import type { Store } from '../store/index.js';
import { type Explanation, explainContact } from './interpreter.js';
import { normaliseStoredSegment } from './normalise.js';
import type { Condition } from './schema.js';
import type { EvaluationInput } from './segment-evaluation.js';
import { loadEvaluationContext, type SegmentSummary } from './segment-service.js';
import { loadContactSnapshot } from './snapshot-loader.js';

/**
 * Why a contact is in or out of a segment (SPEC §4): the interpreter's explanation of the
 * segment's full meaning (parents and references expanded), each node with its result and,
 * for leaves, what was found (value, count, aggregate, last occurrence, consent state).
 */

export interface ExplainedNode extends Omit<Explanation, 'children'> {
  /**
   * The node as written in the segment it comes from (`segment_key` names it): for leaves and
   * for the `not` that a negative operator becomes, so that a reader sees their own rule.
   */
  source?: Condition;
  segment_key?: string;
  children?: ExplainedNode[];
}

export interface SegmentExplanation {
  segment: SegmentSummary;
  contactId: number;
  now: number;
  /** Whether the contact is a member at `now`. */
  result: boolean;
  tree: ExplainedNode;
}

/** The node at a JSON path (`conditions[1].condition`) inside a condition, if any. */
export function conditionAt(condition: Condition, path: string): Condition | undefined {
  let node: unknown = condition;
  for (const token of path.match(/[^.[\]]+/g) ?? []) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return typeof node === 'object' && node !== null ? (node as Condition) : undefined;
}

function isGroup(condition: Condition): boolean {
  return condition.type === 'all' || condition.type === 'any' || condition.type === 'not';
}

/** Adds to every node the rule it comes from, tracking which segment's condition it is in. */
export function annotateExplanation(
  explanation: Explanation,
  conditions: ReadonlyMap<string, Condition>,
  segmentKey: string | undefined = undefined,
): ExplainedNode {
  const key = explanation.segment ?? segmentKey;
  const { children, ...node } = explanation;
  const own = key === undefined ? undefined : conditions.get(key);
  const written =
    own !== undefined && explanation.path !== undefined && explanation.segment === undefined
      ? conditionAt(own, explanation.path)
      : undefined;
  const annotated: ExplainedNode = { ...node };
  if (written && !isGroup(written)) {
    annotated.source = written;
    if (key !== undefined) annotated.segment_key = key;
  }
  if (children) {
    annotated.children = children.map((child) => annotateExplanation(child, conditions, key));
  }
  return annotated;
}

/** Explains the segment for one contact at `now`. */
export async function explainSegment(
  store: Store,
  input: EvaluationInput & { key: string; contactId: number },
): Promise<SegmentExplanation> {
  const { segments, context } = await loadEvaluationContext(store, input);
  const segment = segments.find((candidate) => candidate.key === input.key);
  if (!segment) {
    throw new SiftError('not_found', `Segment "${input.key}" does not exist`, { path: 'key' });
  }
  const snapshot = await loadContactSnapshot(store.db, {
    workspaceId: input.workspace.id,
    now: input.now,
    timeZone: input.workspace.timeZone,
    contactId: input.contactId,
  });
  if (!snapshot) {
    throw new SiftError('not_found', `Contact ${input.contactId} does not exist`, {
      path: 'contact',
    });
  }
  const core = normaliseStoredSegment(segment.key, { ...context, now: input.now });
  const explanation = explainContact(core, snapshot);
  const conditions = new Map(segments.map((candidate) => [candidate.key, candidate.condition]));
  return {
    segment,
    contactId: input.contactId,
    now: input.now,
    result: explanation.result,
    tree: annotateExplanation(explanation, conditions),
  };
}
