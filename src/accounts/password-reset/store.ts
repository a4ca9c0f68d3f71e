/** SQL for password resets. A link's token is stored only as its SHA-256. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

/** The account a reset may be sent to: only an active one. */
export async function findActiveUserByEmail(db: Executor, email: string) {
  return db
    .selectFrom('app_user')
    .select(['id', 'name', 'email', 'organisation_id'])
    .where('email', '=', email)
    .where('active', '=', 1)
    .executeTakeFirst();
}

export async function countResetsSince(db: Executor, userId: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('password_reset')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('user_id', '=', userId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function insertPasswordReset(
  db: Executor,
  reset: { id: string; token_hash: string; user_id: string; created_at: string; expires_at: string },
): Promise<void> {
  await db.insertInto('password_reset').values(reset).execute();
}

/** The reset behind a link, whatever its state, with its user. */
export async function findPasswordResetByTokenHash(db: Executor, tokenHash: string) {
  return db
    .selectFrom('password_reset as r')
    .innerJoin('app_user as u', 'u.id', 'r.user_id')
    .select([
      'r.id as id',
      'r.expires_at as expiresAt',
      'r.used_at as usedAt',
      'u.id as userId',
      'u.email as email',
      'u.active as active',
      'u.organisation_id as organisationId',
    ])
    .where('r.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/**
 * Marks this reset used if it still can be (false when another request used it first, or it
 * expired), then every other open reset of the user, so an older link dies with it.
 */
export async function markResetUsed(db: Executor, id: string, userId: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('password_reset')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await db
    .updateTable('password_reset')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
  return true;
}

/** Sets a new password and clears the sign-in lockout. */
export async function setPasswordHash(db: Executor, userId: string, passwordHash: string, now: string) {
  await db
    .updateTable('app_user')
    .set({ password_hash: passwordHash, failed_sign_ins: 0, locked_until: null, updated_at: now })
    .where('id', '=', userId)
    .execute();
}
