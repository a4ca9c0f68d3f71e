/**
 * The audit trail: who did or read what, when. Written in the same transaction as the action
 * it records, so an action without its audit row cannot happen.
 */
import type { Context } from 'hono';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { newId, nowIso } from '../db/time';
import type { AppEnv } from '../http/env';

export type AuditEntry = {
  action: string;
  subjectType: string;
  subjectId?: string | null;
  userId?: string | null;
  organisationId?: string | null;
  requestId?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
};

/** Who is acting in this request, for the audit trail. */
export function auditActor(
  c: Context<AppEnv>,
): Pick<AuditEntry, 'userId' | 'organisationId' | 'requestId' | 'ip'> {
  const user = c.get('user');
  return {
    userId: user?.id ?? null,
    organisationId: user?.organisationId ?? null,
    requestId: c.get('requestId'),
    ip: c.get('ip'),
  };
}

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
      ip: entry.ip ?? null,
    })
    .execute();
}
