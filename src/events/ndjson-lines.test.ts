import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type NdjsonLine, readNdjsonLines } from './ndjson-lines.js';

async function readAll(
  bytes: Buffer,
  options: { chunkSize?: number; maximumBytes?: number } = {},
): Promise<NdjsonLine[]> {
  const size = options.chunkSize ?? Math.max(bytes.length, 1);
  const chunks: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += size) {
    chunks.push(bytes.subarray(start, start + size));
  }
  const lines: NdjsonLine[] = [];
  for await (const line of readNdjsonLines(Readable.from(chunks), options.maximumBytes)) {
    lines.push(line);
  }
  return lines;
}

describe('readNdjsonLines', () => {
  it.each([
    {
      description: 'LF, CRLF and no final newline',
      text: '{"a":1}\r\n{"b":2}\n{"c":3}',
      expected: [
        { line: 1, text: '{"a":1}' },
        { line: 2, text: '{"b":2}' },
        { line: 3, text: '{"c":3}' },
      ],
    },
    {
      description: 'blank lines keep physical numbering',
      text: '\n{"a":1}\n\n  \n{"b":2}\n',
      expected: [
        { line: 1, text: '' },
        { line: 2, text: '{"a":1}' },
        { line: 3, text: '' },
        { line: 4, text: '  ' },
        { line: 5, text: '{"b":2}' },
      ],
    },
    {
      description: 'a byte-order mark before the first line',
      text: '\uFEFF{"a":1}\n{"b":2}\n',
      expected: [
        { line: 1, text: '{"a":1}' },
        { line: 2, text: '{"b":2}' },
      ],
    },
    {
      description: 'multi-byte characters',
      text: '{"city":"Liège"}\n{"e":"😀"}\n',
      expected: [
        { line: 1, text: '{"city":"Liège"}' },
        { line: 2, text: '{"e":"😀"}' },
      ],
    },
  ])('splits $description, whatever the chunk size', async ({ text, expected }) => {
    for (const chunkSize of [1, 2, 3, 7, 1024]) {
      expect(await readAll(Buffer.from(text), { chunkSize })).toEqual(expected);
    }
  });

  it('refuses an over-long line and carries on with the next one', async () => {
    const text = `{"a":1}\n${'x'.repeat(50)}\n{"b":2}\n`;
    expect(await readAll(Buffer.from(text), { chunkSize: 8, maximumBytes: 20 })).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 2, tooLong: true },
      { line: 3, text: '{"b":2}' },
    ]);
  });

  it('yields the same lines as split() for any text and chunking (property-based)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc
            .string({ unit: 'grapheme' })
            .filter((line) => !line.includes('\n') && !line.includes('\r')),
        ),
        fc.integer({ min: 1, max: 16 }),
        async (lines, chunkSize) => {
          const text = lines.join('\n');
          const read = await readAll(Buffer.from(text), { chunkSize });
          const expected = text.split('\n');
          // A final newline ends the last line; it does not start an empty one.
          if (expected.at(-1) === '') expected.pop();
          // A leading BOM is stripped by design; the generator may produce one.
          if (expected[0]?.startsWith('\uFEFF')) expected[0] = expected[0].slice(1);
          expect(read.map((line) => line.text)).toEqual(expected);
        },
      ),
      { verbose: true },
    );
  });
});
