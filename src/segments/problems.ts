/**
 * Validation problems are values (CONVENTIONS: errors), each naming the JSON path of what is
 * wrong in the same notation a user reads: `conditions[2].where[0].op`.
 */
export const problemCodes = [
  'invalid_shape',
  'unrecognized_key',
  'too_many_nodes',
  'too_deep',
  'too_many_values',
  'unknown_field',
  'unknown_list',
  'unknown_segment',
  'unknown_consent_category',
  'unknown_property',
  'operator_not_allowed',
  'invalid_value',
  'unknown_option',
  'invalid_duration',
  'conflicting_measures',
  'segment_cycle',
] as const;
export type ProblemCode = (typeof problemCodes)[number];

export interface Problem {
  code: ProblemCode;
  /** JSON path from the condition's root; '' is the root itself. */
  path: string;
  message: string;
}

export type PathSegment = string | number;

export function joinPath(base: string, segment: PathSegment): string {
  if (typeof segment === 'number') return `${base}[${segment}]`;
  return base === '' ? segment : `${base}.${segment}`;
}

export function formatPath(segments: readonly PropertyKey[], base = ''): string {
  return segments.reduce<string>(
    (path, segment) => joinPath(path, typeof segment === 'number' ? segment : String(segment)),
    base,
  );
}
