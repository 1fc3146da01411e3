import type { Readable } from 'node:stream';

/** A physical line of an NDJSON input: its text, or a note that it was too long to keep. */
export type NdjsonLine =
  | { line: number; text: string; tooLong?: undefined }
  | { line: number; tooLong: true; text?: undefined };

/** One event is small; a line longer than this is refused rather than held in memory. */
export const maximumLineBytes = 1 << 20;

const newline = 0x0a;
const carriageReturn = 0x0d;

function decodeLine(parts: Buffer[], lineNumber: number): string {
  let bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  if (bytes.length > 0 && bytes[bytes.length - 1] === carriageReturn) {
    bytes = bytes.subarray(0, bytes.length - 1);
  }
  const text = bytes.toString('utf8');
  // A byte-order mark may open the file; it is not part of the first JSON value.
  return lineNumber === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Splits a byte stream into lines without ever holding more than one line (plus one chunk) in
 * memory. Splitting on the newline byte is safe for UTF-8: 0x0A never occurs inside a
 * multi-byte character. `\r\n` line ends are accepted. Blank lines are yielded too (the caller
 * skips them) so that line numbers stay physical.
 */
export async function* readNdjsonLines(
  input: Readable,
  maximumBytes = maximumLineBytes,
): AsyncGenerator<NdjsonLine> {
  let parts: Buffer[] = [];
  let length = 0;
  let tooLong = false;
  let lineNumber = 1;
  const finish = (): NdjsonLine => {
    const result: NdjsonLine = tooLong
      ? { line: lineNumber, tooLong: true }
      : { line: lineNumber, text: decodeLine(parts, lineNumber) };
    parts = [];
    length = 0;
    tooLong = false;
    lineNumber += 1;
    return result;
  };
  const keep = (piece: Buffer, copy: boolean): void => {
    if (tooLong) return;
    length += piece.length;
    if (length > maximumBytes) {
      tooLong = true;
      parts = [];
    } else if (piece.length > 0) {
      // A piece kept across chunks is copied: a stream may reuse a chunk's memory.
      parts.push(copy ? Buffer.from(piece) : piece);
    }
  };
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (let end = bytes.indexOf(newline); end !== -1; end = bytes.indexOf(newline, start)) {
      keep(bytes.subarray(start, end), false);
      yield finish();
      start = end + 1;
    }
    keep(bytes.subarray(start), true);
  }
  if (length > 0 || tooLong) yield finish();
}
