import { isoInstant } from '../shared/time.js';
import type { Condition, SegmentKind } from './schema.js';
import type { SegmentMember } from './segment-evaluation.js';
import type { ExplainedNode, SegmentExplanation } from './segment-explain.js';
import type { SegmentVersion, StoredDefinition } from './segment-repository.js';
import type { SegmentDetail, SegmentSummary } from './segment-service.js';

/**
 * Segments as JSON output shows them, the same for the API and `--json` (snake_case names,
 * instants as ISO 8601 UTC). The definition fields are those of SPEC §7.
 */

export interface SegmentJson {
  key: string;
  name: string;
  description: string | null;
  parent: string | null;
  active: boolean;
  kind: SegmentKind;
  built_in: boolean;
  depth: number;
  version: number;
  condition: Condition;
  created_at: string;
  updated_at: string;
}

export interface SegmentVersionJson {
  version: number;
  created_at: string;
  definition: StoredDefinition;
}

export function segmentToJson(segment: SegmentSummary): SegmentJson {
  return {
    key: segment.key,
    name: segment.name,
    description: segment.description,
    parent: segment.parent,
    active: segment.active,
    kind: segment.kind,
    built_in: segment.builtIn,
    depth: segment.depth,
    version: segment.version,
    condition: segment.condition,
    created_at: isoInstant(segment.createdAt),
    updated_at: isoInstant(segment.updatedAt),
  };
}

export function versionToJson(version: SegmentVersion): SegmentVersionJson {
  return {
    version: version.version,
    created_at: isoInstant(version.createdAt),
    definition: version.definition,
  };
}

export function segmentDetailToJson(
  segment: SegmentDetail,
): SegmentJson & { versions: SegmentVersionJson[] } {
  return { ...segmentToJson(segment), versions: segment.versions.map(versionToJson) };
}

export interface ExplanationJson {
  segment: string;
  contact: number;
  now: string;
  result: boolean;
  tree: ExplainedNode;
}

export function explanationToJson(explanation: SegmentExplanation): ExplanationJson {
  return {
    segment: explanation.segment.key,
    contact: explanation.contactId,
    now: isoInstant(explanation.now),
    result: explanation.result,
    tree: explanation.tree,
  };
}

export const memberCsvColumns = [
  'id',
  'email',
  'external_id',
  'phone',
  'first_name',
  'last_name',
] as const satisfies readonly (keyof SegmentMember)[];

/** RFC 4180 quoting (a cell holding a comma, quote or line break is quoted, inner quotes doubled); lines end in `\n`. */
function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function membersCsvHeader(): string {
  return `${memberCsvColumns.join(',')}\n`;
}

export function memberCsvLine(member: SegmentMember): string {
  return `${memberCsvColumns.map((column) => csvCell(member[column])).join(',')}\n`;
}
