/**
 * The parsing worker of the contacts CSV import: parses and validates rows on the second
 * core while the import's thread writes batches. Input chunks are pulled from the parent
 * (`need` → `chunk`/`end`); items go back in groups, at most `maxAhead` groups unacknowledged,
 * so memory stays bounded whatever the file size. Protocol types: contact-csv-parallel.ts.
 */
import { Readable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import type { ImportItem } from '../shared/batch-import.js';
import { SiftError } from '../shared/errors.js';
import { contactCsvItems } from './contact-csv-items.js';
import type { ParentMessage, WorkerMessage } from './contact-csv-protocol.js';
import type { ContactPatch } from './contact-input.js';
import type { FieldShape } from './field-values.js';

const port = parentPort!;
const groupSize = 1000;
// The writing thread takes several thousand rows per transaction and cannot read messages
// while one runs: keep more than two of its batches parsed ahead, or it waits for this thread.
const maxAhead = 16;

let unacknowledged = 0;
let wake: (() => void) | undefined;

// Input comes from the writing thread, which answers `need` only between transactions: ask
// for several megabytes ahead so that parsing never waits for a transaction to end.
const input = new Readable({
  highWaterMark: 8 * 1024 * 1024,
  read() {
    send({ type: 'need' });
  },
});

function send(message: WorkerMessage): void {
  port.postMessage(message);
}

port.on('message', (message: ParentMessage) => {
  if (message.type === 'chunk') input.push(Buffer.from(message.data));
  else if (message.type === 'end') input.push(null);
  else {
    unacknowledged -= 1;
    wake?.();
  }
});

async function sendGroup(items: ImportItem<ContactPatch>[]): Promise<void> {
  send({ type: 'items', json: JSON.stringify(items) });
  unacknowledged += 1;
  while (unacknowledged >= maxAhead) {
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
  }
}

async function run(): Promise<void> {
  const rows = await contactCsvItems(input, (workerData as { fields: FieldShape[] }).fields);
  send({ type: 'header' });
  let group: ImportItem<ContactPatch>[] = [];
  for await (const item of rows) {
    group.push(item);
    if (group.length >= groupSize) {
      await sendGroup(group);
      group = [];
    }
  }
  if (group.length > 0) send({ type: 'items', json: JSON.stringify(group) });
  send({ type: 'done' });
}

run().catch((error: unknown) => {
  const sift = error instanceof SiftError ? error : undefined;
  send({
    type: 'failed',
    error: {
      code: sift?.code ?? 'internal',
      message: error instanceof Error ? error.message : String(error),
      ...(sift?.path === undefined ? {} : { path: sift.path }),
      ...(sift?.details === undefined ? {} : { details: sift.details }),
    },
  });
});
