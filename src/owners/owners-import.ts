import { type ImportContactsCsvInput, importContactsCsv } from '../contacts/index.js';
import type { ImportSummary } from '../shared/batch-import.js';
import { ownersListKey } from '../workspaces/index.js';

/** The categories every owner gets (SPEC §3 rule 1). */
export const ownerConsentCategories = ['owners_marketing', 'owners_service'] as const;

export interface ImportOwnersCsvInput
  extends Omit<ImportContactsCsvInput, 'consent' | 'listKey' | 'source'> {
  /** Categories granted besides the two owner categories. */
  consent?: readonly string[] | undefined;
}

/**
 * `sift import owners FILE` (SPEC §3 rule 1): the contacts CSV import with the owners' terms —
 * every row joins the built-in Owners list (`owners`), gets `owners_marketing` and
 * `owners_service` (an operator's grant: a contact's own withdrawal still stands), and a contact
 * created this way has source `owner`. Same file format, matching and row rejection as contacts.
 */
export function importOwnersCsv(input: ImportOwnersCsvInput): Promise<ImportSummary> {
  return importContactsCsv({
    ...input,
    consent: [...new Set([...ownerConsentCategories, ...(input.consent ?? [])])],
    listKey: ownersListKey,
    source: 'owner',
  });
}
