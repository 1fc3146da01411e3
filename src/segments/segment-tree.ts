import { assertNever } from '../shared/assert-never.js';
import type { Condition, SegmentKind } from './schema.js';
import { collectSegmentReferences } from './tree-bounds.js';

/**
 * Pure rules over a workspace's set of segments: the kind each one shows, the order a tree view
 * lists them in, and which segments depend on one. Conditions are the stored (validated) trees.
 */

export interface SegmentShape {
  key: string;
  parent: string | null;
  condition: Condition;
  /** Built-in consent segments (SPEC §3 rule 5) are always of kind `consent`. */
  builtIn: boolean;
}

/** Keys of built-in consent segments: `consent-` and the category key with `_` as `-`. */
export const consentSegmentPrefix = 'consent-';

export function consentSegmentKey(categoryKey: string): string {
  return `${consentSegmentPrefix}${categoryKey.replaceAll('_', '-')}`;
}

export function isReservedSegmentKey(key: string): boolean {
  return key.startsWith(consentSegmentPrefix);
}

type LeafVerdict = 'booker' | 'other';

/** The leaves of a condition, judged: a reservation node or a reference to a booker segment. */
function leafVerdicts(condition: Condition, kindOf: (key: string) => SegmentKind): LeafVerdict[] {
  switch (condition.type) {
    case 'all':
    case 'any':
      return condition.conditions.flatMap((child) => leafVerdicts(child, kindOf));
    case 'not':
      return leafVerdicts(condition.condition, kindOf);
    case 'reservation':
      return ['booker'];
    case 'segment':
      return [kindOf(condition.segment) === 'booker' ? 'booker' : 'other'];
    case 'field':
    case 'tag':
    case 'list':
    case 'consent':
    case 'event':
    case 'message':
      return ['other'];
    default:
      return assertNever(condition);
  }
}

/**
 * The kind shown in lists (SPEC §1). `consent` for the built-in segments. `booker` when the
 * rules are over reservations only: the own condition has at least one leaf and every leaf is a
 * `reservation` node or a reference to a booker segment, and the parent (if any) is a booker
 * segment or a built-in consent segment (bookers narrowed to an audience base stay bookers).
 * Anything else is `rules`. Kinds are derived on every read, so they follow changes of the
 * segments they depend on.
 */
export function deriveSegmentKinds(segments: readonly SegmentShape[]): Map<string, SegmentKind> {
  const byKey = new Map(segments.map((segment) => [segment.key, segment]));
  const kinds = new Map<string, SegmentKind>();
  const deriving = new Set<string>();
  const kindOf = (key: string): SegmentKind => {
    const known = kinds.get(key);
    if (known) return known;
    const segment = byKey.get(key);
    // Unknown keys and cycles (saving rules both out) are judged conservatively.
    if (!segment || deriving.has(key)) return 'rules';
    deriving.add(key);
    const kind = deriveOne(segment, kindOf);
    deriving.delete(key);
    kinds.set(key, kind);
    return kind;
  };
  for (const segment of segments) kindOf(segment.key);
  return kinds;
}

function deriveOne(segment: SegmentShape, kindOf: (key: string) => SegmentKind): SegmentKind {
  if (segment.builtIn) return 'consent';
  const verdicts = leafVerdicts(segment.condition, kindOf);
  const ownIsBooker = verdicts.length > 0 && verdicts.every((verdict) => verdict === 'booker');
  if (!ownIsBooker) return 'rules';
  if (segment.parent === null) return 'booker';
  const parentKind = kindOf(segment.parent);
  return parentKind === 'booker' || parentKind === 'consent' ? 'booker' : 'rules';
}

export interface TreePosition {
  key: string;
  /** 0 for a root, 1 for its children, and so on. */
  depth: number;
}

/**
 * Segments in the order a tree view shows them: depth first, every segment right after its
 * parent. Roots: the built-in consent segments first (in the order given, which is the
 * categories' order), then the others by key; children by key.
 */
export function treeOrder(segments: readonly SegmentShape[]): TreePosition[] {
  const keys = new Set(segments.map((segment) => segment.key));
  const children = new Map<string, SegmentShape[]>();
  const roots: SegmentShape[] = [];
  for (const segment of segments) {
    if (segment.parent !== null && keys.has(segment.parent) && segment.parent !== segment.key) {
      const siblings = children.get(segment.parent) ?? [];
      siblings.push(segment);
      children.set(segment.parent, siblings);
    } else roots.push(segment);
  }
  const byKey = (left: SegmentShape, right: SegmentShape) => (left.key < right.key ? -1 : 1);
  const orderedRoots = [
    ...roots.filter((segment) => segment.builtIn),
    ...roots.filter((segment) => !segment.builtIn).sort(byKey),
  ];
  const positions: TreePosition[] = [];
  const visited = new Set<string>();
  const pending = orderedRoots.reverse().map((segment) => ({ segment, depth: 0 }));
  while (pending.length > 0) {
    const { segment, depth } = pending.pop()!;
    if (visited.has(segment.key)) continue;
    visited.add(segment.key);
    positions.push({ key: segment.key, depth });
    const below = [...(children.get(segment.key) ?? [])].sort(byKey).reverse();
    for (const child of below) pending.push({ segment: child, depth: depth + 1 });
  }
  // A parent cycle (ruled out when saving) would leave segments unvisited: list them as roots.
  for (const segment of segments) {
    if (!visited.has(segment.key)) positions.push({ key: segment.key, depth: 0 });
  }
  return positions;
}

export interface Dependent {
  key: string;
  /** `child`: the segment names it as parent; `reference`: its condition refers to it. */
  relation: 'child' | 'reference';
}

/** The segments that would break if `key` were deleted: its children and its referrers. */
export function findDependents(key: string, segments: readonly SegmentShape[]): Dependent[] {
  const dependents: Dependent[] = [];
  for (const segment of segments) {
    if (segment.key === key) continue;
    if (segment.parent === key) dependents.push({ key: segment.key, relation: 'child' });
    else if (collectSegmentReferences(segment.condition).includes(key)) {
      dependents.push({ key: segment.key, relation: 'reference' });
    }
  }
  return dependents.sort((left, right) => (left.key < right.key ? -1 : 1));
}
