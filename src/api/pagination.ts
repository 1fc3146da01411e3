import { SiftError } from '../shared/errors.js';

/**
 * Cursors are opaque to clients. Id-ordered collections (contacts, list members) use the last
 * id of the page; other domains (events) bring their own encoding.
 */
export function parseIdCursor(after: string | undefined): number | undefined {
  if (after === undefined) return undefined;
  if (!/^\d{1,15}$/.test(after)) {
    throw new SiftError('invalid_input', 'Invalid cursor: pass next_cursor of the previous page', {
      path: 'after',
    });
  }
  return Number(after);
}

export function idCursor(id: number | null): string | null {
  return id === null ? null : String(id);
}

/** A domain reports a bad cursor at `cursor`; over HTTP the parameter is called `after`. */
export async function withCursorAsAfter<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SiftError && error.path === 'cursor') {
      throw new SiftError(error.code, error.message, { path: 'after', cause: error });
    }
    throw error;
  }
}
