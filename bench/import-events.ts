/**
 * Events import throughput: generates a deterministic NDJSON file and imports it.
 *
 *   node --import tsx bench/import-events.ts --events 1000000 [--contacts 10000]
 *     [--db ./bench.db | --db postgres://postgres@127.0.0.1:5432/sift_bench] [--batch-size 5000]
 *
 * Without --db a fresh SQLite file in the temp directory is used (and removed). Each run uses
 * a new workspace, so a PostgreSQL database can be reused. The file has ~10% events without
 * id and ~2% duplicate ids, so the idempotency path is measured too.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { upsertContacts } from '../src/contacts/index.js';
import { importEvents } from '../src/events/index.js';
import { openStore } from '../src/store/index.js';
import { createWorkspace } from '../src/workspaces/index.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    contacts: { type: 'string', default: '10000' },
    db: { type: 'string' },
    'batch-size': { type: 'string', default: '20000' },
  },
});
const eventCount = Number(values.events);
const contactCount = Number(values.contacts);
const batchSize = Number(values['batch-size']);

/** mulberry32: a tiny seeded generator, so every run imports the same file. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const types = ['purchase', 'message.sent', 'message.opened', 'message.clicked', 'page.viewed'];
const products = ['TRUCK', 'Wheel', 'Helmet', 'Saddle', 'Bell'];
const start = Date.parse('2025-01-01T00:00:00Z');

function eventLine(index: number, next: () => number): string {
  const type = types[Math.floor(next() * types.length)]!;
  const roll = next();
  const id =
    roll < 0.1 ? undefined : roll < 0.12 ? `e-${Math.floor(next() * index)}` : `e-${index}`;
  const properties =
    type === 'purchase'
      ? {
          product: products[index % products.length],
          department: index % 3 === 0 ? 'Accessories' : 'Bikes',
          amount: index % 2 === 0 ? Math.round(next() * 50000) / 100 : String(index % 997),
          currency: 'EUR',
        }
      : { campaign: `campaign-${index % 40}`, channel: index % 5 === 0 ? 'sms' : 'email' };
  return JSON.stringify({
    ...(id === undefined ? {} : { id }),
    contact: { email: `c${Math.floor(next() * contactCount)}@bench.example` },
    type,
    timestamp: new Date(start + index * 17_000).toISOString(),
    properties,
  });
}

async function generate(path: string): Promise<void> {
  const next = random(42);
  const output = createWriteStream(path);
  for (let index = 0; index < eventCount; index++) {
    if (!output.write(`${eventLine(index, next)}\n`)) await once(output, 'drain');
  }
  output.end();
  await once(output, 'finish');
}

async function main(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'sift-bench-'));
  const file = join(directory, 'events.ndjson');
  const location = values.db ?? join(directory, 'bench.db');
  try {
    let started = performance.now();
    await generate(file);
    console.error(
      `generated ${eventCount} events in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const store = await openStore(location);
    try {
      const now = Date.now();
      const workspace = await createWorkspace(store.db, { key: `bench-${now}`, now });
      started = performance.now();
      for (let first = 0; first < contactCount; first += 1000) {
        const contacts = [];
        for (let index = first; index < Math.min(first + 1000, contactCount); index++) {
          contacts.push({ email: `c${index}@bench.example` });
        }
        await upsertContacts(store.db, {
          workspaceId: workspace.id,
          now,
          source: 'import',
          consent: ['marketing'],
          contacts,
        });
      }
      console.error(
        `created ${contactCount} contacts in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
      started = performance.now();
      const summary = await importEvents({
        store,
        workspaceId: workspace.id,
        input: createReadStream(file, { highWaterMark: 1 << 20 }),
        now,
        batchSize,
        onProgress: ({ summary }) => {
          // Every 100,000 lines: shows whether throughput drops as the tables grow.
          if (summary.rows % 100_000 < batchSize && summary.rows >= 100_000) {
            const elapsed = (performance.now() - started) / 1000;
            console.error(`${summary.rows} lines after ${elapsed.toFixed(1)} s`);
          }
        },
      });
      const seconds = (performance.now() - started) / 1000;
      console.log(
        JSON.stringify({
          dialect: store.dialect,
          events: eventCount,
          batchSize,
          seconds: Number(seconds.toFixed(2)),
          linesPerSecond: Math.round(summary.rows / seconds),
          created: summary.created,
          duplicates: summary.duplicates,
          rejected: summary.rejectedCount,
          // Peak resident memory of the whole process (generation included), in MiB.
          maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
        }),
      );
    } finally {
      await store.close();
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

await main();
