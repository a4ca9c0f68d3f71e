/**
 * SQL of signing in: the account behind an e-mail address, failure counters and lockout,
 * sessions in their sign-in stages, and fixed-window rate limits shared by every app instance.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database, SessionStage } from '../../platform/db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

/** What a sign-in attempt needs to know about the account with this (normalised) e-mail. */
export async function findSignInAccount(db: Executor, email: string) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select([
      'u.id as id',
      'u.organisation_id as organisationId',
      'u.password_hash as passwordHash',
      'u.active as active',
      'u.locked_until as lockedUntil',
      'u.totp_enabled_at as totpEnabledAt',
      'o.two_factor_required as twoFactorRequired',
      'o.active as organisationActive',
    ])
    .where('u.email', '=', email)
    .executeTakeFirst();
}

/** Whether a user has TOTP and whether their organisation requires it: decides a new session's stage. */
export async function findTwoFactorState(db: Executor, userId: string) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select(['u.totp_enabled_at as totpEnabledAt', 'o.two_factor_required as twoFactorRequired'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
}

/** Adds one failure and returns the new count; one statement, so parallel failures all count. */
export async function incrementFailedSignIns(db: Executor, userId: string): Promise<number> {
  const row = await db
    .updateTable('app_user')
    .set((eb) => ({ failed_sign_ins: eb('failed_sign_ins', '+', 1) }))
    .where('id', '=', userId)
    .returning('failed_sign_ins')
    .executeTakeFirst();
  return row?.failed_sign_ins ?? 0;
}

/** Locks the account until `until` and starts counting failures afresh for after the lock. */
export async function lockUser(db: Executor, userId: string, until: string): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ locked_until: until, failed_sign_ins: 0 })
    .where('id', '=', userId)
    .execute();
}

export async function recordSignInSuccess(db: Executor, userId: string, now: string): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ failed_sign_ins: 0, locked_until: null, last_sign_in_at: now })
    .where('id', '=', userId)
    .execute();
}

/**
 * A session that has passed the password but not yet the second factor, with what finishing it
 * needs. `findSessionUser` (accounts/store) never returns these: they reach no other page.
 */
export async function findPendingSession(db: Executor, sessionId: string, idleSince: string, now: string) {
  return db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select([
      's.id as sessionId',
      's.stage as stage',
      'u.id as userId',
      'u.organisation_id as organisationId',
      'u.email as email',
      'u.active as active',
      'u.locked_until as lockedUntil',
      'u.totp_secret as totpSecret',
      'u.totp_last_step as totpLastStep',
      'o.two_factor_required as twoFactorRequired',
    ])
    .where('s.id', '=', sessionId)
    .where('s.stage', '!=', 'full')
    .where('s.expires_at', '>', now)
    .where('s.last_seen_at', '>', idleSince)
    .executeTakeFirst();
}

/** Who a session belongs to (any stage, alive or not), for the sign-out audit row. */
export async function findSessionOwner(db: Executor, sessionId: string) {
  return db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select(['u.id as userId', 'u.organisation_id as organisationId', 's.stage as stage'])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
}

/** Ends every session of a user, in every stage; returns how many there were. */
export async function deleteUserSessions(db: Executor, userId: string): Promise<number> {
  const result = await db.deleteFrom('user_session').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export type ActiveSession = {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
};

/** A user's signed-in sessions that have not ended, most recently used first. */
export async function listActiveSessions(
  db: Executor,
  userId: string,
  idleSince: string,
  now: string,
): Promise<ActiveSession[]> {
  return db
    .selectFrom('user_session')
    .select(['id', 'created_at as createdAt', 'last_seen_at as lastSeenAt', 'ip', 'user_agent as userAgent'])
    .where('user_id', '=', userId)
    .where('stage', '=', 'full' satisfies SessionStage)
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', idleSince)
    .orderBy('last_seen_at', 'desc')
    .orderBy('id')
    .execute();
}

/**
 * Counts one hit against `key` in a fixed window and returns the count including this hit. One
 * atomic upsert (SQLite ≥ 3.35 and PostgreSQL): a window that started at or before `cutoff` is
 * over, so the row restarts at 1 from `now`; otherwise the count grows by one.
 */
export async function hitRateLimit(
  db: Executor,
  key: string,
  now: string,
  cutoff: string,
): Promise<{ count: number; windowStart: string }> {
  const expired = sql<boolean>`${sql.ref('rate_limit.window_start')} <= ${cutoff}`;
  const row = await db
    .insertInto('rate_limit')
    .values({ key, window_start: now, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql<number>`case when ${expired} then 1 else ${sql.ref('rate_limit.count')} + 1 end`,
        window_start: sql<string>`case when ${expired} then ${now} else ${sql.ref('rate_limit.window_start')} end`,
      }),
    )
    .returning(['count', 'window_start as windowStart'])
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), windowStart: row.windowStart };
}

/** Gives back one hit in the window it was counted in (a successful sign-in is not a guess). */
export async function refundRateLimit(db: Executor, key: string, windowStart: string): Promise<void> {
  await db
    .updateTable('rate_limit')
    .set((eb) => ({ count: eb('count', '-', 1) }))
    .where('key', '=', key)
    .where('window_start', '=', windowStart)
    .where('count', '>', 0)
    .execute();
}
