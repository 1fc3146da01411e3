import { z } from 'zod';
import { assertNever } from '../shared/assert-never.js';
import { fold } from '../shared/fold.js';
import { findField, type ValidationContext } from './language-context.js';
import { joinPath, type Problem } from './problems.js';
import {
  ConsentCondition,
  FieldCondition,
  ListCondition,
  SegmentDefinition,
  SegmentReference,
  TagCondition,
} from './schema.js';
import { checkTreeBounds } from './tree-bounds.js';
import {
  validateEventNode,
  validateMessageNode,
  validateReservationNode,
} from './validate-behaviour.js';
import { findSegmentCycles } from './validate-cycles.js';
import { parseNode, type ValidationState, validateOperatorAndValue } from './validate-state.js';

const nodeTypes = [
  'all',
  'any',
  'not',
  'field',
  'tag',
  'list',
  'segment',
  'consent',
  'event',
  'message',
  'reservation',
] as const;
type NodeType = (typeof nodeTypes)[number];

const GroupShape = z.strictObject({
  type: z.enum(['all', 'any']),
  conditions: z.array(z.unknown()),
});
const NotShape = z.strictObject({ type: z.literal('not'), condition: z.unknown() });

export interface ValidateOptions {
  /** Prefix of every problem path, e.g. `condition` when the tree sits in a segment definition. */
  path?: string;
}

/**
 * Checks a condition against the workspace (SPEC §2) and returns every problem found, each with
 * its JSON path. Size bounds are checked first and alone, without recursion, so an oversized
 * tree is refused before anything walks it.
 */
export function validateCondition(
  tree: unknown,
  context: ValidationContext,
  options: ValidateOptions = {},
): Problem[] {
  const base = options.path ?? '';
  const bounds = checkTreeBounds(tree);
  if (bounds) return [{ ...bounds, path: prefixed(base, bounds.path) }];
  const state: ValidationState = { context, problems: [], references: [] };
  validateNode(state, tree, base);
  state.problems.push(...findSegmentCycles(context, state.references));
  return state.problems;
}

function prefixed(base: string, path: string): string {
  if (base === '') return path;
  if (path === '') return base;
  return path.startsWith('[') ? `${base}${path}` : `${base}.${path}`;
}

function validateNode(state: ValidationState, node: unknown, path: string): void {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) {
    state.problems.push({ code: 'invalid_shape', path, message: 'expected a condition object' });
    return;
  }
  const type = (node as { type?: unknown }).type;
  if (typeof type !== 'string' || !(nodeTypes as readonly string[]).includes(type)) {
    state.problems.push({
      code: 'invalid_shape',
      path: joinPath(path, 'type'),
      message: `unknown node type; expected one of ${nodeTypes.join(', ')}`,
    });
    return;
  }
  validateTypedNode(state, type as NodeType, node, path);
}

function validateTypedNode(state: ValidationState, type: NodeType, node: object, path: string) {
  switch (type) {
    case 'all':
    case 'any':
      return validateGroup(state, node, path);
    case 'not':
      return validateNot(state, node, path);
    case 'field':
      return validateField(state, node, path);
    case 'tag':
      return validateTag(state, node, path);
    case 'list':
      return validateList(state, node, path);
    case 'segment':
      return validateSegmentReference(state, node, path);
    case 'consent':
      return validateConsent(state, node, path);
    case 'event':
      return validateEventNode(state, node, path);
    case 'message':
      return validateMessageNode(state, node, path);
    case 'reservation':
      return validateReservationNode(state, node, path);
    default:
      return assertNever(type);
  }
}

function validateGroup(state: ValidationState, node: object, path: string): void {
  const group = parseNode(state, GroupShape, node, path);
  if (!group) return;
  const base = joinPath(path, 'conditions');
  group.conditions.forEach((child, index) => {
    validateNode(state, child, joinPath(base, index));
  });
}

function validateNot(state: ValidationState, node: object, path: string): void {
  const not = parseNode(state, NotShape, node, path);
  if (!not) return;
  if (not.condition === undefined) {
    state.problems.push({
      code: 'invalid_shape',
      path: joinPath(path, 'condition'),
      message: 'required: the condition to negate',
    });
    return;
  }
  validateNode(state, not.condition, joinPath(path, 'condition'));
}

function validateField(state: ValidationState, node: object, path: string): void {
  const field = parseNode(state, FieldCondition, node, path);
  if (!field) return;
  const definition = findField(field.field, state.context.fields);
  if (!definition) {
    state.problems.push({
      code: 'unknown_field',
      path: joinPath(path, 'field'),
      message: `no field "${field.field}" in this workspace`,
    });
    return;
  }
  validateOperatorAndValue(state, {
    op: field.op,
    value: field.value,
    type: definition.type,
    options: definition.options,
    path,
    subject: `a ${definition.type} field`,
  });
}

function validateTag(state: ValidationState, node: object, path: string): void {
  const tag = parseNode(state, TagCondition, node, path);
  if (!tag) return;
  checkNonEmptyList(state, tag.tags, joinPath(path, 'tags'));
  tag.tags.forEach((name, index) => {
    if (fold(name) === '') {
      state.problems.push({
        code: 'invalid_value',
        path: joinPath(joinPath(path, 'tags'), index),
        message: 'a tag may not be empty',
      });
    }
  });
}

function checkNonEmptyList(state: ValidationState, list: readonly unknown[], path: string): void {
  if (list.length === 0) {
    state.problems.push({ code: 'invalid_value', path, message: 'expected a non-empty list' });
  }
}

function validateList(state: ValidationState, node: object, path: string): void {
  const list = parseNode(state, ListCondition, node, path);
  if (!list) return;
  checkNonEmptyList(state, list.lists, joinPath(path, 'lists'));
  const known = new Set(state.context.listKeys);
  list.lists.forEach((key, index) => {
    if (!known.has(key)) {
      state.problems.push({
        code: 'unknown_list',
        path: joinPath(joinPath(path, 'lists'), index),
        message: `no list "${key}" in this workspace`,
      });
    }
  });
}

function validateSegmentReference(state: ValidationState, node: object, path: string): void {
  const reference = parseNode(state, SegmentReference, node, path);
  if (!reference) return;
  const referencePath = joinPath(path, 'segment');
  const isSelf = state.context.self?.key === reference.segment;
  if (!isSelf && !state.context.segments.some((segment) => segment.key === reference.segment)) {
    state.problems.push({
      code: 'unknown_segment',
      path: referencePath,
      message: `no segment "${reference.segment}" in this workspace`,
    });
    return;
  }
  state.references.push({ key: reference.segment, path: referencePath });
}

function validateConsent(state: ValidationState, node: object, path: string): void {
  const consent = parseNode(state, ConsentCondition, node, path);
  if (!consent) return;
  if (!state.context.consentCategories.some((category) => category.key === consent.category)) {
    state.problems.push({
      code: 'unknown_consent_category',
      path: joinPath(path, 'category'),
      message: `no consent category "${consent.category}" in this workspace`,
    });
  }
}

const SegmentEnvelope = SegmentDefinition.extend({ condition: z.unknown() });

/**
 * Checks a whole segment definition as saved (SPEC §7): the envelope, the parent (it exists and
 * does not make a cycle) and the condition, with paths from the definition's root.
 */
export function validateSegmentDefinition(
  definition: unknown,
  context: Omit<ValidationContext, 'self'>,
): Problem[] {
  const parsed = SegmentEnvelope.safeParse(definition);
  const state: ValidationState = { context, problems: [], references: [] };
  if (!parsed.success) {
    parseNode(state, SegmentEnvelope, definition, '');
    const condition = (definition as { condition?: unknown } | null)?.condition;
    if (condition === undefined) return state.problems;
    return [...state.problems, ...validateCondition(condition, context, { path: 'condition' })];
  }
  const { key, parent } = parsed.data;
  const self = { key, parent: parent ?? null };
  const problems = validateCondition(
    parsed.data.condition,
    { ...context, self },
    {
      path: 'condition',
    },
  );
  if (parent && parent !== key && !context.segments.some((segment) => segment.key === parent)) {
    problems.push({ code: 'unknown_segment', path: 'parent', message: `no segment "${parent}"` });
  } else if (parent) {
    problems.push(...findSegmentCycles({ ...context, self }, [{ key: parent, path: 'parent' }]));
  }
  return problems;
}
