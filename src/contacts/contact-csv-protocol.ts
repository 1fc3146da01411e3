import type { ImportItem } from '../shared/batch-import.js';
import type { ErrorCode, ProblemDetail } from '../shared/errors.js';
import type { ContactPatch } from './contact-input.js';

/** Messages from the import's thread to the parsing worker. */
export type ParentMessage = { type: 'chunk'; data: Uint8Array } | { type: 'end' } | { type: 'ack' };

/** Messages from the parsing worker. */
export type WorkerMessage =
  | { type: 'need' }
  | { type: 'header' }
  | { type: 'items'; items: ImportItem<ContactPatch>[] }
  | { type: 'done' }
  | {
      type: 'failed';
      error: { code: ErrorCode; message: string; path?: string; details?: ProblemDetail[] };
    };
