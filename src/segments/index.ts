export { consentSegmentRecord, readWorkspaceSegments } from './consent-segments.js';
export { loadLanguageContext } from './context-loader.js';
export type {
  AggregateFunction,
  Bound,
  ContactColumn,
  CoreAll,
  CoreAny,
  CoreCondition,
  CoreConsent,
  CoreEvent,
  CoreField,
  CoreList,
  CoreMeasure,
  CoreNot,
  CorePredicate,
  CoreReservation,
  CoreTag,
  CoreWhere,
  EventWindow,
  JsonColumn,
  ReservationColumn,
  StoredKind,
  ValueForm,
  ValueSource,
  ValueTest,
} from './core.js';
export {
  type Explanation,
  evaluateContact,
  explainContact,
  type Finding,
  matchingEvents,
} from './interpreter.js';
export {
  type ConsentCategoryReference,
  findField,
  type LanguageContext,
  type NormaliseContext,
  type SegmentReferenceSource,
  type ValidationContext,
} from './language-context.js';
export { normaliseCondition, normaliseSegment, normaliseStoredSegment } from './normalise.js';
export {
  checkOperand,
  complementOperators,
  operatorFits,
  operatorsFor,
  operatorTable,
  positiveTwin,
  resolveOperand,
} from './operators.js';
export { type Problem, type ProblemCode, problemCodes } from './problems.js';
export * from './schema.js';
export {
  countSegment,
  defaultPreviewSampleSize,
  type EvaluationInput,
  isDefinitionBody,
  iterateSegmentMembers,
  type MemberPage,
  maxMemberPageSize,
  type Preview,
  previewSegment,
  type SegmentMember,
  segmentMembers,
  segmentsOfContact,
} from './segment-evaluation.js';
export {
  conditionAt,
  type ExplainedNode,
  explainSegment,
  type SegmentExplanation,
} from './segment-explain.js';
export {
  type ExplanationJson,
  explanationToJson,
  memberCsvColumns,
  memberCsvLine,
  membersCsvHeader,
  type SegmentJson,
  type SegmentVersionJson,
  segmentDetailToJson,
  segmentToJson,
  versionToJson,
} from './segment-json.js';
export {
  type CompileSegmentOptions,
  compileSegmentQuery,
  countSegmentMembers,
  listSegmentMemberIds,
  type MembersQueryOptions,
  registerSqliteFunctions,
  segmentContainsContact,
  segmentMembersQuery,
} from './segment-queries.js';
export type {
  SegmentRecord,
  SegmentVersion,
  StoredDefinition,
} from './segment-repository.js';
export {
  createSegment,
  deleteSegment,
  getSegment,
  listSegments,
  type SegmentDetail,
  type SegmentSummary,
  updateSegment,
} from './segment-service.js';
export {
  consentSegmentKey,
  consentSegmentPrefix,
  deriveSegmentKinds,
  isReservedSegmentKey,
} from './segment-tree.js';
export type {
  ContactRecord,
  ContactSnapshot,
  EventRecord,
  ReservationRecord,
} from './snapshot.js';
export {
  loadContactSnapshot,
  loadContactSnapshots,
  loadWorkspaceSnapshots,
  type SnapshotScope,
} from './snapshot-loader.js';
export {
  contactsAlias,
  type RowSource,
  SegmentSqlCompiler,
  type SqlCondition,
} from './sql-compiler.js';
export {
  createSegmentCompiler,
  PostgresSegmentCompiler,
  SqliteSegmentCompiler,
} from './sql-dialects.js';
export type { Clock } from './time-values.js';
export { checkTreeBounds, collectSegmentReferences } from './tree-bounds.js';
export { type ValidateOptions, validateCondition, validateSegmentDefinition } from './validate.js';
export { findSegmentCycles } from './validate-cycles.js';
export { readStored, type StoredValue, testPredicate } from './value-forms.js';
export {
  type FieldDefinition,
  type FieldType,
  fieldTypes,
  messageEventTypes,
  reservationAttributes,
  standardFields,
  treeLimits,
  type ValueType,
} from './vocabulary.js';
