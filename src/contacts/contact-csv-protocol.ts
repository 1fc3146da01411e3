import type { ErrorCode, ProblemDetail } from '../shared/errors.js';

/** Messages from the import's thread to the parsing worker. */
export type ParentMessage = { type: 'chunk'; data: Uint8Array } | { type: 'end' } | { type: 'ack' };

/** Messages from the parsing worker. */
export type WorkerMessage =
  | { type: 'need' }
  | { type: 'header' }
  /**
   * `ImportItem<ContactPatch>[]` as JSON text: V8 parses JSON about twice as fast as it
   * deserialises the same objects from a structured clone, and the writing thread, the
   * import's bottleneck, is the one that decodes (docs/contacts.md, "Speed").
   */
  | { type: 'items'; json: string }
  | { type: 'done' }
  | {
      type: 'failed';
      error: { code: ErrorCode; message: string; path?: string; details?: ProblemDetail[] };
    };
