export {
  defaultEventBatchSize,
  describeProblems,
  type EventImportSummary,
  type ImportEventsInput,
  importEvents,
} from './event-import.js';
export {
  type EventIngestResult,
  type EventOutcome,
  type IngestEventsInput,
  type IngestEventsResult,
  ingestEvents,
  type WriteEventBatchInput,
  writeEventBatch,
} from './event-ingest.js';
export {
  deriveProperties,
  findUnstorableText,
  formatIssuePath,
  issuesToProblems,
  type NormalisedEvent,
  type ParseEventResult,
  parseEvent,
} from './event-normalise.js';
export {
  type CountEventsInput,
  countEvents,
  decodeEventCursor,
  defaultEventPageSize,
  type EventPage,
  encodeEventCursor,
  findEvent,
  type ListContactEventsInput,
  listContactEvents,
  maximumEventPageSize,
  type StoredEvent,
} from './event-queries.js';
export {
  type BuiltInEventType,
  builtInEventTypes,
  EventContactReference,
  EventInput,
  isBuiltInEventType,
  isIsoDateTime,
} from './event-schema.js';
export { type InsertEventsInput, insertEvents, type ResolvedEvent } from './event-writer.js';
export { parseIsoDateTime } from './iso-instant.js';
export { maximumLineBytes, type NdjsonLine, readNdjsonLines } from './ndjson-lines.js';
