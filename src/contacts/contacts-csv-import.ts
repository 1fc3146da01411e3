import type { Readable } from 'node:stream';
import {
  type BatchResult,
  type ImportProgressUpdate,
  type ImportSummary,
  runBatchImport,
} from '../shared/batch-import.js';
import { SiftError } from '../shared/errors.js';
import { refreshPlannerStatistics, type Store } from '../store/index.js';
import { contactCsvItems } from './contact-csv-items.js';
import { contactCsvItemsInWorker } from './contact-csv-parallel.js';
import type { ContactBatchPlan, PlanOptions } from './contact-plan.js';
import { checkConsentCategories, writeContactBatch } from './contact-upsert.js';
import { listFields } from './field-repository.js';
import { compileField } from './field-values.js';
import { ensureList, listKeyPattern } from './list-repository.js';
import type { ContactSource } from './standard-fields.js';

/** Rows per transaction: big enough to amortise a commit, small enough to bound memory. */
export const defaultContactBatchSize = { sqlite: 5000, postgres: 2000 } as const;

export interface ImportContactsCsvInput {
  store: Store;
  workspaceId: number;
  /** The CSV bytes; read as a stream, never whole. */
  input: Readable;
  /** Categories granted to every imported contact, new and existing (required). */
  consent: readonly string[];
  /** A list the rows' contacts join; created (source `imported`) when missing. */
  listKey?: string | undefined;
  /** Tags added to every row's contact. */
  tags?: readonly string[] | undefined;
  /** Source of the contacts created and of the consent grants (default `import`; owners: `owner`). */
  source?: ContactSource | undefined;
  /** The instant recorded: date added, consent log time, list membership. */
  now: number;
  batchSize?: number | undefined;
  /** Parse and validate rows in a worker thread (default), overlapping with the writes. */
  parseInWorker?: boolean | undefined;
  onProgress?: ((update: ImportProgressUpdate) => void) | undefined;
}

async function checkOptions(input: ImportContactsCsvInput): Promise<void> {
  if (input.consent.length === 0) {
    throw new SiftError(
      'invalid_input',
      'Name the consent the contacts gave: --consent marketing[,…] (every contact needs one)',
      { path: 'consent' },
    );
  }
  await checkConsentCategories(input.store.db, input.workspaceId, input.consent);
  if (input.listKey !== undefined && !listKeyPattern.test(input.listKey)) {
    throw new SiftError(
      'invalid_input',
      `List key "${input.listKey}" must be lower-case letters, digits, - and _`,
      { path: 'list' },
    );
  }
}

/**
 * `sift import contacts FILE` (SPEC §7). The header is checked before anything is written;
 * then rows are validated one by one (a bad row is rejected with its line and reason) and
 * written in batches, one transaction each.
 */
export async function importContactsCsv(input: ImportContactsCsvInput): Promise<ImportSummary> {
  await checkOptions(input);
  const { store, workspaceId, now } = input;
  const fields = await listFields(store.db, workspaceId);
  const rows =
    input.parseInWorker === false
      ? await contactCsvItems(input.input, fields)
      : { groups: await contactCsvItemsInWorker(input.input, fields) };
  // Either way a generator that holds the file (and the worker): closed whatever happens.
  const reader = 'groups' in rows ? rows.groups : rows;
  try {
    const list =
      input.listKey === undefined
        ? undefined
        : await ensureList(store.db, { workspaceId, key: input.listKey, source: 'imported', now });
    const options: PlanOptions = {
      source: input.source ?? 'import',
      consent: input.consent,
      tags: input.tags ?? [],
      now,
      coercers: new Map(fields.map((field) => [field.key, compileField(field)])),
    };
    const summary = await runBatchImport({
      rows,
      batchSize: input.batchSize ?? defaultContactBatchSize[store.dialect],
      ...(input.onProgress === undefined ? {} : { onProgress: input.onProgress }),
      writeBatch: async (batch) => {
        const plan = await writeContactBatch(store, {
          workspaceId,
          patches: batch.map((row) => row.value),
          options,
          listId: list?.id,
        });
        return batchResultOf(plan, batch);
      },
    });
    // Segment queries need fresh planner statistics after a large import (store/maintenance.ts).
    await refreshPlannerStatistics(store, {
      tables: ['contacts', 'contact_tags', 'list_members', 'consent_log'],
      rowsWritten: summary.created + summary.updated,
    });
    return summary;
  } finally {
    await reader.return(undefined);
  }
}

function batchResultOf(plan: ContactBatchPlan, batch: Array<{ line: number }>): BatchResult {
  const result: BatchResult = { created: 0, updated: 0, skipped: 0, rejected: [] };
  plan.rows.forEach((row, index) => {
    if (row.problem) {
      const { code: _, ...problem } = row.problem;
      result.rejected.push({ line: batch[index]!.line, ...problem });
    } else if (row.created) result.created += 1;
    else result.updated += 1;
  });
  return result;
}
