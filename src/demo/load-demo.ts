import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importBookings } from '../bookings/index.js';
import { unsubscribeContact } from '../consent/index.js';
import { createField, getField, importContactsCsv } from '../contacts/index.js';
import { importEvents } from '../events/index.js';
import { importOwnersCsv } from '../owners/index.js';
import { createSegment, getSegment } from '../segments/index.js';
import type { ImportProgressUpdate, ImportSummary } from '../shared/batch-import.js';
import type { Store } from '../store/index.js';
import type { Workspace } from '../workspaces/index.js';
import { type DatasetFiles, demoFields, writeDataset } from './dataset.js';
import { demoSegments } from './demo-segments.js';

export interface LoadDemoInput {
  store: Store;
  workspace: Workspace;
  now: number;
  contacts?: number;
  eventsPerContact?: number;
  seed?: number;
  /** Every n-th contact unsubscribes from marketing, so consent has something to show. */
  unsubscribeEvery?: number;
  onStep?: (step: string) => void;
  onProgress?: (update: ImportProgressUpdate) => void;
}

export interface DemoSummary {
  files: DatasetFiles['counts'];
  imports: Record<'contacts' | 'owners' | 'events' | 'bookings', ImportSummary>;
  unsubscribed: number;
  segments: number;
}

async function ensureDemoFields(input: LoadDemoInput): Promise<void> {
  for (const field of demoFields) {
    if (await getField(input.store.db, { workspaceId: input.workspace.id, key: field.key }))
      continue;
    await createField(input.store.db, { workspaceId: input.workspace.id, field, now: input.now });
  }
}

async function ensureDemoSegments(input: LoadDemoInput): Promise<number> {
  let created = 0;
  for (const definition of demoSegments) {
    const segmentInput = { workspace: input.workspace, now: input.now };
    if (
      await getSegment(input.store.db, { ...segmentInput, key: definition.key }).catch(
        () => undefined,
      )
    )
      continue;
    await createSegment(input.store.db, { ...segmentInput, definition });
    created++;
  }
  return created;
}

async function unsubscribeSome(input: LoadDemoInput, every: number): Promise<number> {
  const rows = await input.store.db
    .selectFrom('contacts')
    .select('id')
    .where('workspace_id', '=', input.workspace.id)
    .where('source', '=', 'import')
    .orderBy('id')
    .execute();
  let count = 0;
  for (const row of rows) {
    if (Number(row.id) % every !== 0) continue;
    await unsubscribeContact(input.store.db, {
      workspace: input.workspace,
      contactId: Number(row.id),
      category: 'marketing',
      reason: 'demo: unsubscribed from the newsletter',
      recordedAt: input.now - 86_400_000,
    });
    count++;
  }
  return count;
}

/**
 * Fills a workspace with the demo data set: a hotel group with a web shop. The data is written
 * to files in the exchange formats and loaded through the same imports as real data.
 */
export async function loadDemo(input: LoadDemoInput): Promise<DemoSummary> {
  const directory = mkdtempSync(join(tmpdir(), 'sift-demo-'));
  const step = input.onStep ?? (() => undefined);
  try {
    step('generating the data set');
    const files = await writeDataset({
      directory,
      contacts: input.contacts ?? 10_000,
      eventsPerContact: input.eventsPerContact ?? 20,
      seed: input.seed ?? 20_261_123,
      anchor: input.now,
    });
    await ensureDemoFields(input);
    const common = {
      store: input.store,
      workspaceId: input.workspace.id,
      now: input.now,
      onProgress: input.onProgress,
    };
    step('importing contacts');
    const contacts = await importContactsCsv({
      ...common,
      input: createReadStream(files.contacts),
      consent: ['marketing'],
    });
    step('importing owners');
    const owners = await importOwnersCsv({ ...common, input: createReadStream(files.owners) });
    step('importing bookings');
    const bookings = await importBookings({
      store: input.store,
      workspace: input.workspace,
      now: input.now,
      input: createReadStream(files.bookings),
      onProgress: input.onProgress,
    });
    step('importing events');
    const events = await importEvents({ ...common, input: createReadStream(files.events) });
    step('recording unsubscribes');
    const unsubscribed =
      input.unsubscribeEvery === 0 ? 0 : await unsubscribeSome(input, input.unsubscribeEvery ?? 9);
    step('creating segments');
    const segments = await ensureDemoSegments(input);
    return {
      files: files.counts,
      imports: { contacts, owners, events, bookings },
      unsubscribed,
      segments,
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
