import type { SegmentCase } from './segment-case-workspace.js';
import { eventCases, logicCases, reservationCases } from './segment-cases-behaviour.js';
import { dateCases, fieldCases } from './segment-cases-fields.js';

export * from './segment-case-workspace.js';
export * from './segment-cases-behaviour.js';
export * from './segment-cases-fields.js';

/**
 * The whole case table: the interpreter's unit test and the SQL engines' store test both run
 * it, so all engines are held to the same hand-worked members.
 */
export const segmentCases: SegmentCase[] = [
  ...fieldCases,
  ...dateCases,
  ...eventCases,
  ...reservationCases,
  ...logicCases,
];
