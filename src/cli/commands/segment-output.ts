import type { Condition, ExplainedNode, SegmentSummary } from '../../segments/index.js';
import { isoInstant } from '../../shared/time.js';

/** Text renderings for `sift segment …`: the tree list and explanations with ✓/✗ per node. */

type MeasureOwner = {
  count?: { op: string; value: unknown } | undefined;
  aggregate?: { fn: string; property: string; op: string; value: unknown } | undefined;
  last?: { op: string; value: unknown } | undefined;
};

function json(value: unknown): string {
  return JSON.stringify(value);
}

function describeWhere(where: readonly { property: string; op: string; value?: unknown }[] = []) {
  if (where.length === 0) return '';
  const filters = where.map(
    (filter) =>
      `${filter.property} ${filter.op}${filter.value === undefined ? '' : ` ${json(filter.value)}`}`,
  );
  return ` where ${filters.join(' and ')}`;
}

function describeWithin(within: { last: string } | { from: string; to: string } | undefined) {
  if (within === undefined) return '';
  return 'last' in within
    ? ` within the last ${within.last}`
    : ` from ${within.from} to ${within.to}`;
}

function describeMeasure(node: MeasureOwner): string {
  if (node.count) return `, count ${node.count.op} ${json(node.count.value)}`;
  if (node.aggregate) {
    const { fn, property, op, value } = node.aggregate;
    return `, ${fn}(${property}) ${op} ${json(value)}`;
  }
  if (node.last) return `, last one ${node.last.op} ${json(node.last.value)}`;
  return '';
}

/** One line for a rule as the user wrote it. */
export function describeCondition(condition: Condition): string {
  switch (condition.type) {
    case 'all':
      return 'all of';
    case 'any':
      return 'any of';
    case 'not':
      return 'not';
    case 'field':
      return `${condition.field} ${condition.op}${condition.value === undefined ? '' : ` ${json(condition.value)}`}`;
    case 'tag':
      return `tag ${condition.op} ${condition.tags.join(', ')}`;
    case 'list':
      return `list ${condition.op} ${condition.lists.join(', ')}`;
    case 'segment':
      return `segment ${condition.op} ${condition.segment}`;
    case 'consent':
      return `consent ${condition.category} is ${condition.op}`;
    case 'event':
      return `event ${condition.event}${describeWhere(condition.where)}${describeWithin(condition.within)}${describeMeasure(condition)}`;
    case 'message': {
      const narrowing = [
        condition.campaign === undefined ? '' : ` campaign ${json(condition.campaign)}`,
        condition.link === undefined ? '' : ` link ${json(condition.link)}`,
        condition.channel === undefined ? '' : ` channel ${condition.channel}`,
      ].join('');
      return `message ${condition.activity}${narrowing}${describeWithin(condition.within)}${describeMeasure(condition)}`;
    }
    case 'reservation':
      return `reservation${describeWhere(condition.where)}${describeMeasure(condition)}`;
    default:
      return json(condition);
  }
}

function describeValue(node: ExplainedNode): string {
  const value = node.found?.value;
  if (value === null || value === undefined) return 'no value';
  const stored = node.condition && 'stored' in node.condition ? node.condition.stored : undefined;
  return stored === 'instant' && typeof value === 'number' ? isoInstant(value) : json(value);
}

/** What a leaf found, in words: the value compared, the count, the aggregate, the state. */
export function describeFinding(node: ExplainedNode): string {
  const found = node.found;
  if (!found) return '';
  if ('value' in found) return `found ${describeValue(node)}`;
  if (found.aggregate !== undefined) {
    return found.aggregate === null ? 'no numeric value' : `aggregate ${found.aggregate}`;
  }
  if (found.last !== undefined) {
    return found.last === null ? 'never' : `last at ${isoInstant(found.last)}`;
  }
  if (found.count !== undefined) return `found ${found.count}`;
  if (found.consent !== undefined) return `state ${found.consent}`;
  if (found.tags !== undefined)
    return found.tags.length === 0 ? 'has none' : `has ${found.tags.join(', ')}`;
  if (found.lists !== undefined) {
    return found.lists.length === 0 ? 'in none' : `in ${found.lists.join(', ')}`;
  }
  return '';
}

function mark(result: boolean): string {
  return result ? '✓' : '✗';
}

/** A `not` that normalisation made from a negative operator shows as the operator written. */
function isRewrittenNegation(node: ExplainedNode): boolean {
  const [child] = node.children ?? [];
  return node.type === 'not' && node.source !== undefined && child?.source === node.source;
}

function labelOf(node: ExplainedNode, names: ReadonlyMap<string, string>): string {
  if (node.segment !== undefined) {
    const name = names.get(node.segment);
    return `segment ${node.segment}${name === undefined ? '' : ` (${name})`}`;
  }
  if (node.source) return describeCondition(node.source);
  return node.type === 'all' ? 'all of' : node.type === 'any' ? 'any of' : node.type;
}

/** The explanation as indented lines, one per node: ✓ or ✗, the rule, what was found. */
export function renderExplanation(
  node: ExplainedNode,
  names: ReadonlyMap<string, string>,
  depth = 0,
): string[] {
  const indent = '  '.repeat(depth);
  if (isRewrittenNegation(node)) {
    const child = node.children![0]!;
    const finding = describeFinding(child);
    return [
      `${indent}${mark(node.result)} ${labelOf(node, names)}${finding ? ` — ${finding}` : ''}`,
    ];
  }
  const finding = describeFinding(node);
  const line = `${indent}${mark(node.result)} ${labelOf(node, names)}${finding ? ` — ${finding}` : ''}`;
  const children = (node.children ?? []).flatMap((child) =>
    renderExplanation(child, names, depth + 1),
  );
  return [line, ...children];
}

/** `sift segment list` as a tree: children indented under their parent. */
export function renderSegmentTree(segments: readonly SegmentSummary[]): string[] {
  if (segments.length === 0) return ['(no segments)'];
  const width = Math.max(...segments.map((segment) => segment.key.length + segment.depth * 2));
  return segments.map((segment) => {
    const key = `${'  '.repeat(segment.depth)}${segment.key}`.padEnd(width);
    const state = segment.active ? 'active' : 'inactive';
    return `${key}  ${segment.kind.padEnd(7)}  ${state.padEnd(8)}  v${segment.version}  ${segment.name}`;
  });
}
