import type { SegmentReferenceSource, ValidationContext } from './language-context.js';
import type { Problem } from './problems.js';
import { collectSegmentReferences } from './tree-bounds.js';

function edgesOf(segment: SegmentReferenceSource): readonly string[] {
  const references = segment.references ?? collectSegmentReferences(segment.condition);
  return segment.parent ? [segment.parent, ...references] : references;
}

/** Whether `target` is reachable from `start` through parents and `segment` references. */
function reaches(
  segments: ReadonlyMap<string, SegmentReferenceSource>,
  start: string,
  target: string,
): boolean {
  const pending = [start];
  const visited = new Set<string>();
  while (pending.length > 0) {
    const key = pending.pop()!;
    if (key === target) return true;
    if (visited.has(key)) continue;
    visited.add(key);
    const segment = segments.get(key);
    if (segment) pending.push(...edgesOf(segment));
  }
  return false;
}

/**
 * Cycles through the segment being saved (SPEC §2: rejected when saved): a reference or parent
 * that leads back to it. Each offending reference is reported at its own path.
 */
export function findSegmentCycles(
  context: ValidationContext,
  references: readonly { key: string; path: string }[],
): Problem[] {
  const self = context.self;
  if (!self) return [];
  const segments = new Map(context.segments.map((segment) => [segment.key, segment]));
  return references
    .filter((reference) => reaches(segments, reference.key, self.key))
    .map((reference) => ({
      code: 'segment_cycle',
      path: reference.path,
      message:
        reference.key === self.key
          ? `segment "${self.key}" cannot refer to itself`
          : `"${reference.key}" leads back to "${self.key}": segments may not form a cycle`,
    }));
}
