import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type CsvRecord, isBlankRecord, readCsvRecords } from './csv-records.js';

async function readAll(text: string, chunkSize = text.length || 1): Promise<CsvRecord[]> {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += chunkSize) {
    chunks.push(bytes.subarray(start, start + chunkSize));
  }
  const records: CsvRecord[] = [];
  for await (const record of readCsvRecords(Readable.from(chunks))) records.push(record);
  return records;
}

describe('readCsvRecords', () => {
  it.each([
    {
      description: 'BOM, CRLF and LF line ends',
      text: '\uFEFFemail,city\r\na@x.nl,Gent\nb@x.nl,Brugge\r\n',
      expected: [
        { line: 1, cells: ['email', 'city'] },
        { line: 2, cells: ['a@x.nl', 'Gent'] },
        { line: 3, cells: ['b@x.nl', 'Brugge'] },
      ],
    },
    {
      description: 'quoted commas, doubled quotes and embedded newlines keep physical lines',
      text: 'a,b\n"x, y","say ""hi"""\n"two\r\nlines",z\nlast,row',
      expected: [
        { line: 1, cells: ['a', 'b'] },
        { line: 2, cells: ['x, y', 'say "hi"'] },
        { line: 3, cells: ['two\r\nlines', 'z'] },
        { line: 5, cells: ['last', 'row'] },
      ],
    },
    {
      description: 'empty lines are skipped but counted',
      text: 'a\n\n1\n\n\n2\n',
      expected: [
        { line: 1, cells: ['a'] },
        { line: 3, cells: ['1'] },
        { line: 6, cells: ['2'] },
      ],
    },
  ])('reads $description', async ({ text, expected }) => {
    expect(await readAll(text)).toEqual(expected);
    expect(await readAll(text, 3)).toEqual(expected);
  });

  it('yields the records before a syntax error, then the error, then stops', async () => {
    const records = await readAll('a,b\n1,2\n3,"x"y\n4,5\n');
    expect(records.slice(0, 2)).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', '2'] },
    ]);
    expect(records[2]).toMatchObject({ line: 3, syntaxError: expect.stringContaining('Quote') });
    expect(records).toHaveLength(3);
  });

  it('reports a quote never closed', async () => {
    const records = await readAll('a\n1\n"open\n2\n');
    expect(records.at(-1)).toMatchObject({
      line: 3,
      syntaxError: expect.stringContaining('Quote'),
    });
  });
});

describe('isBlankRecord', () => {
  it.each([
    { cells: ['', '', ''], blank: true },
    { cells: ['', ' ', ''], blank: false },
    { cells: ['x'], blank: false },
  ])('$cells is blank: $blank', ({ cells, blank }) => {
    expect(isBlankRecord(cells)).toBe(blank);
  });
});
