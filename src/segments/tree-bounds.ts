import { joinPath, type Problem } from './problems.js';
import { treeLimits } from './vocabulary.js';

interface PendingNode {
  node: unknown;
  depth: number;
  path: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Lists that one node may carry, checked before anything walks into them. */
function checkListLengths(node: Record<string, unknown>, path: string): Problem | undefined {
  for (const key of ['value', 'tags', 'lists'] as const) {
    const list = node[key];
    if (Array.isArray(list) && list.length > treeLimits.maxListValues) {
      return tooManyValues(joinPath(path, key), `at most ${treeLimits.maxListValues} values`);
    }
  }
  const where = node.where;
  if (!Array.isArray(where)) return undefined;
  if (where.length > treeLimits.maxWhereFilters) {
    return tooManyValues(joinPath(path, 'where'), `at most ${treeLimits.maxWhereFilters} filters`);
  }
  for (const [index, filter] of where.entries()) {
    const value = isObject(filter) ? filter.value : undefined;
    if (Array.isArray(value) && value.length > treeLimits.maxListValues) {
      const filterPath = joinPath(joinPath(path, 'where'), index);
      return tooManyValues(
        joinPath(filterPath, 'value'),
        `at most ${treeLimits.maxListValues} values`,
      );
    }
  }
  return undefined;
}

function tooManyValues(path: string, limit: string): Problem {
  return { code: 'too_many_values', path, message: `too many values: ${limit}` };
}

function childrenOf(node: Record<string, unknown>, path: string): PendingNode[] | Problem {
  if (Array.isArray(node.conditions)) {
    if (node.conditions.length > treeLimits.maxNodes) return tooManyNodes();
    const base = joinPath(path, 'conditions');
    return node.conditions.map((child, index) => ({
      node: child,
      depth: 0,
      path: joinPath(base, index),
    }));
  }
  if (node.condition !== undefined) {
    return [{ node: node.condition, depth: 0, path: joinPath(path, 'condition') }];
  }
  return [];
}

function tooManyNodes(): Problem {
  return {
    code: 'too_many_nodes',
    path: '',
    message: `a condition may have at most ${treeLimits.maxNodes} nodes`,
  };
}

/**
 * Checks the size bounds of a raw condition without recursion, before any schema walks it, so
 * that a 100,000-deep or million-node tree is refused in time proportional to the limits.
 * Returns the first bound exceeded.
 */
export function checkTreeBounds(tree: unknown): Problem | undefined {
  const pending: PendingNode[] = [{ node: tree, depth: 1, path: '' }];
  let nodes = 0;
  while (pending.length > 0) {
    const { node, depth, path } = pending.pop()!;
    if (!isObject(node)) continue;
    nodes += 1;
    if (nodes > treeLimits.maxNodes) return tooManyNodes();
    if (depth > treeLimits.maxDepth) {
      return {
        code: 'too_deep',
        path,
        message: `a condition may be nested at most ${treeLimits.maxDepth} levels deep`,
      };
    }
    const listProblem = checkListLengths(node, path);
    if (listProblem) return listProblem;
    const children = childrenOf(node, path);
    if (!Array.isArray(children)) return children;
    for (const child of children) pending.push({ ...child, depth: depth + 1 });
  }
  return undefined;
}

/**
 * The segment keys a raw condition references, found without recursion. Stored conditions are
 * valid, but this also serves cycle detection over definitions that never were parsed here.
 */
export function collectSegmentReferences(tree: unknown): string[] {
  const references = new Set<string>();
  const pending: unknown[] = [tree];
  let visited = 0;
  while (pending.length > 0 && visited < treeLimits.maxExpandedNodes) {
    const node = pending.pop();
    visited += 1;
    if (!isObject(node)) continue;
    if (node.type === 'segment' && typeof node.segment === 'string') references.add(node.segment);
    if (Array.isArray(node.conditions))
      pending.push(...node.conditions.slice(0, treeLimits.maxNodes));
    if (node.condition !== undefined) pending.push(node.condition);
  }
  return [...references];
}
