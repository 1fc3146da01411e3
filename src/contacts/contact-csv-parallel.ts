/**
 * Runs `contactCsvItems` in a worker thread (contact-csv-worker.ts) so that parsing and
 * validating rows (csv-parse, libphonenumber) use the second core while this thread writes.
 * Same contract as `contactCsvItems`: resolves once the header is accepted, then yields rows,
 * in the groups the worker sends.
 */
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ImportItem } from '../shared/batch-import.js';
import { SiftError } from '../shared/errors.js';
import type { ParentMessage, WorkerMessage } from './contact-csv-protocol.js';
import type { ContactPatch } from './contact-input.js';
import type { FieldShape } from './field-values.js';

type Inbound = WorkerMessage | { type: 'crashed'; error: unknown };

function startWorker(fields: readonly FieldShape[]): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(`./contact-csv-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  // Parsing allocates many short-lived strings: a larger young generation halves its GC time.
  const resourceLimits = { maxYoungGenerationSizeMb: 32 };
  if (!fromSource) return new Worker(url, { workerData: { fields }, resourceLimits });
  // From source (tsx, vitest) the worker is TypeScript: register tsx in the worker first.
  const tsx = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: { fields }, resourceLimits });
}

class WorkerInbox {
  private readonly messages: Inbound[] = [];
  private wake: (() => void) | undefined;

  push(message: Inbound): void {
    this.messages.push(message);
    this.wake?.();
  }

  async next(): Promise<Inbound> {
    while (this.messages.length === 0) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
    return this.messages.shift()!;
  }
}

function failure(message: Inbound): Error | undefined {
  if (message.type === 'failed') {
    const { code, message: text, path, details } = message.error;
    return new SiftError(code, text, {
      ...(path === undefined ? {} : { path }),
      ...(details === undefined ? {} : { details }),
    });
  }
  if (message.type === 'crashed') {
    return new SiftError('internal', 'The CSV parsing worker failed', { cause: message.error });
  }
  return undefined;
}

export async function contactCsvItemsInWorker(
  input: Readable,
  fields: readonly FieldShape[],
): Promise<AsyncGenerator<readonly ImportItem<ContactPatch>[]>> {
  const worker = startWorker(fields);
  const inbox = new WorkerInbox();
  const chunks = input[Symbol.asyncIterator]();
  let feeding = Promise.resolve();
  const post = (message: ParentMessage) => worker.postMessage(message);
  const feed = async () => {
    const next = await chunks.next();
    post(next.done ? { type: 'end' } : { type: 'chunk', data: next.value as Uint8Array });
  };
  worker.on('message', (message: WorkerMessage) => {
    if (message.type !== 'need') inbox.push(message);
    // Chunks are read one at a time, in order, only when the worker asks for one.
    else
      feeding = feeding
        .then(feed)
        .catch((error: unknown) => inbox.push({ type: 'crashed', error }));
  });
  worker.on('error', (error) => inbox.push({ type: 'crashed', error }));
  worker.on('exit', (code) =>
    inbox.push({ type: 'crashed', error: new Error(`worker exited (${code})`) }),
  );
  const stop = async () => {
    worker.removeAllListeners('exit');
    await worker.terminate();
    input.destroy();
  };
  const first = await inbox.next();
  const refused = failure(first);
  if (refused || first.type !== 'header') {
    await stop();
    throw refused ?? new SiftError('internal', `Unexpected worker message ${first.type}`);
  }
  return (async function* groups() {
    try {
      for (;;) {
        const message = await inbox.next();
        const error = failure(message);
        if (error) throw error;
        if (message.type === 'done') return;
        if (message.type === 'items') {
          post({ type: 'ack' });
          yield JSON.parse(message.json) as ImportItem<ContactPatch>[];
        }
      }
    } finally {
      await stop();
    }
  })();
}
