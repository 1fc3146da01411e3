import type { Executor } from '../store/index.js';

export type ConsentAction = 'grant' | 'withdraw';
/** Who changed the consent: the contact themselves, or an operator (imports, bookings, API, CLI). */
export type ConsentActor = 'contact' | 'operator';
export type ConsentSource =
  | 'import'
  | 'form'
  | 'booking'
  | 'owner'
  | 'api'
  | 'cli'
  | 'preference_center'
  | 'unsubscribe';

export interface ConsentRecordInput {
  workspaceId: number;
  contactId: number;
  category: string;
  action: ConsentAction;
  actor: ConsentActor;
  source: ConsentSource;
  reason?: string | undefined;
  recordedAt: number;
}

/**
 * Appends to the consent log. Every request is recorded, even one that the rules make
 * ineffective (an import granting a category the contact withdrew): the log is the audit
 * trail, and the state is derived from it by the consent rules, never stored.
 */
export async function appendConsentRecords(
  db: Executor,
  records: readonly ConsentRecordInput[],
): Promise<void> {
  if (records.length === 0) return;
  await db
    .insertInto('consent_log')
    .values(
      records.map((record) => ({
        workspace_id: record.workspaceId,
        contact_id: record.contactId,
        category: record.category,
        action: record.action,
        actor: record.actor,
        source: record.source,
        reason: record.reason ?? null,
        recorded_at: record.recordedAt,
      })),
    )
    .execute();
}
