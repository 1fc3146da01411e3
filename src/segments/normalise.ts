import { assertNever } from '../shared/assert-never.js';
import { SiftError } from '../shared/errors.js';
import { fold } from '../shared/fold.js';
import type { CoreCondition, CoreNot, ValueSource } from './core.js';
import { findField, type NormaliseContext } from './language-context.js';
import { normaliseEvent, normaliseMessage, normaliseReservation } from './normalise-behaviour.js';
import { createExpansion, expandSegment, type NormaliseState } from './normalise-state.js';
import { resolveOperand } from './operators.js';
import { joinPath } from './problems.js';
import type {
  Condition,
  ConsentCondition,
  FieldCondition,
  ListCondition,
  SegmentReference,
  TagCondition,
} from './schema.js';
import type { FieldType } from './vocabulary.js';

/**
 * Rewrites a validated condition into the core tree the engines evaluate (see core.ts).
 * Throws a SiftError only for what validation at save time rules out (a segment deleted or
 * changed since into a cycle, an expansion grown past the bound).
 */
export function normaliseCondition(tree: Condition, context: NormaliseContext): CoreCondition {
  return normaliseNode(createExpansion(context, normaliseNode), tree, '');
}

/**
 * A segment's full meaning (SPEC §2): `parent AND own condition`, recursively, with every
 * `segment` reference replaced by the referenced segment's full meaning.
 */
export function normaliseSegment(
  segment: { key?: string | undefined; parent?: string | null | undefined; condition: Condition },
  context: NormaliseContext,
): CoreCondition {
  const state = createExpansion(context, normaliseNode);
  const own = normaliseNode(state, segment.condition, '');
  if (!segment.parent) return own;
  const parent = expandSegment(state, segment.parent);
  return {
    type: 'all',
    conditions: [parent, own],
    ...(segment.key === undefined ? {} : { segment: segment.key }),
  };
}

/** The full meaning of a stored segment, by key (its definition comes from the context). */
export function normaliseStoredSegment(key: string, context: NormaliseContext): CoreCondition {
  return expandSegment(createExpansion(context, normaliseNode), key);
}

function normaliseNode(state: NormaliseState, node: Condition, path: string): CoreCondition {
  state.countNode();
  switch (node.type) {
    case 'all':
    case 'any':
      return {
        type: node.type,
        conditions: node.conditions.map((child, index) =>
          normaliseNode(state, child, joinPath(joinPath(path, 'conditions'), index)),
        ),
        path,
      };
    case 'not':
      return not(normaliseNode(state, node.condition, joinPath(path, 'condition')), path);
    case 'field':
      return normaliseField(state, node, path);
    case 'tag':
      return normaliseTag(node, path);
    case 'list':
      return normaliseList(node, path);
    case 'segment':
      return normaliseReference(state, node, path);
    case 'consent':
      return normaliseConsent(state, node, path);
    case 'event':
      return normaliseEvent(state.clock, node, path);
    case 'message':
      return normaliseMessage(state.clock, node, path);
    case 'reservation':
      return normaliseReservation(state.clock, node, path);
    default:
      return assertNever(node);
  }
}

function not(condition: CoreCondition, path: string): CoreNot {
  return { type: 'not', condition, path };
}

/** Folded text, select and multiselect values live in `custom_key`; the rest in `custom`. */
function customSource(type: FieldType, key: string): ValueSource {
  const folded = type === 'text' || type === 'select' || type === 'multiselect';
  return { kind: 'json', column: folded ? 'custom_key' : 'custom', key };
}

function normaliseField(state: NormaliseState, node: FieldCondition, path: string): CoreCondition {
  const definition = findField(node.field, state.context.fields);
  if (!definition) {
    throw new SiftError('validation_failed', `No field "${node.field}" in this workspace`, {
      path: joinPath(path, 'field'),
    });
  }
  const source: ValueSource = definition.column
    ? { kind: 'column', column: definition.column }
    : customSource(definition.type, definition.key);
  const predicate = resolveOperand(
    node.op,
    { value: node.value, type: definition.type, options: definition.options },
    state.clock,
  );
  return { type: 'field', field: definition.key, source, ...predicate, path };
}

function normaliseTag(node: TagCondition, path: string): CoreCondition {
  const tags = [...new Set(node.tags.map(fold))];
  if (node.op === 'has_none') return not({ type: 'tag', op: 'has_any', tags, path }, path);
  return { type: 'tag', op: node.op, tags, path };
}

function normaliseList(node: ListCondition, path: string): CoreCondition {
  const list: CoreCondition = { type: 'list', lists: [...new Set(node.lists)], path };
  return node.op === 'not_in' ? not(list, path) : list;
}

function normaliseReference(
  state: NormaliseState,
  node: SegmentReference,
  path: string,
): CoreCondition {
  const expanded = expandSegment(state, node.segment);
  return node.op === 'not_in' ? not(expanded, path) : expanded;
}

function normaliseConsent(
  state: NormaliseState,
  node: ConsentCondition,
  path: string,
): CoreCondition {
  const category = state.context.consentCategories.find((item) => item.key === node.category);
  if (!category) {
    throw new SiftError('validation_failed', `No consent category "${node.category}"`, {
      path: joinPath(path, 'category'),
    });
  }
  return {
    type: 'consent',
    category: category.key,
    timeBound: category.timeBound,
    state: node.op,
    now: state.clock.now,
    timeZone: state.clock.timeZone,
    path,
  };
}
