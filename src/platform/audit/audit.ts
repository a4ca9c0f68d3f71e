/**
 * The audit trail: who did or read what, when. Written in the same transaction as the action
 * it records, so an action without its audit row cannot happen.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { newId, nowIso } from '../db/time';

export type AuditEntry = {
  action: string;
  subjectType: string;
  subjectId?: string | null;
  userId?: string | null;
  organisationId?: string | null;
  requestId?: string | null;
  detail?: Record<string, unknown>;
};

export async function recordAudit(
  db: Kysely<Database> | Transaction<Database>,
  entry: AuditEntry,
): Promise<void> {
  await db
    .insertInto('audit_event')
    .values({
      id: newId(),
      at: nowIso(),
      user_id: entry.userId ?? null,
      organisation_id: entry.organisationId ?? null,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
      request_id: entry.requestId ?? null,
    })
    .execute();
}
