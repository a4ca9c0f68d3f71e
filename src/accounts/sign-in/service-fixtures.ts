/**
 * Test helpers for the sign-in service tests: a fixed clock, request details from a fresh address,
 * and what the tests read back (a user's audit trail and sign-in columns).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import type { RequestMeta } from './service';
import { freshAddress } from './test-accounts';

export const t0 = new Date('2026-11-25T01:00:05Z');
export const later = (ms: number) => new Date(t0.getTime() + ms);
export const minute = 60_000;

/** Each call comes from a new address unless one is given: tests do not share rate limits. */
export function metaAt(now: Date, ip = freshAddress()): RequestMeta {
  return { ip, userAgent: 'Mozilla/5.0 (test) Firefox/130.0', requestId: 'test-request', now };
}

export async function auditOf(db: Kysely<Database>, subjectId: string) {
  const rows = await db
    .selectFrom('audit_event')
    .select(['action', 'detail', 'ip', 'user_id as userId'])
    .where('subject_id', '=', subjectId)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ ...row, detail: JSON.parse(row.detail) as Record<string, unknown> }));
}

export async function userRow(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('app_user')
    .select(['failed_sign_ins', 'locked_until', 'last_sign_in_at', 'totp_enabled_at', 'totp_last_step'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}
