/** SQL of two-factor authentication: a user's TOTP secret, its replay guard, and recovery codes. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema';
import { newId } from '../../platform/db/time';

type Executor = Kysely<Database> | Transaction<Database>;

/** The caller's own two-factor state and what the account page shows about it. */
export async function findTwoFactorOfUser(db: Executor, userId: string) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select([
      'u.totp_enabled_at as totpEnabledAt',
      'u.password_hash as passwordHash',
      'o.two_factor_required as twoFactorRequired',
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst();
}

export async function saveTotpSecret(
  db: Executor,
  userId: string,
  secret: string,
  enabledAt: string,
  acceptedStep: number,
): Promise<void> {
  await db
    .updateTable('app_user')
    .set({
      totp_secret: secret,
      totp_enabled_at: enabledAt,
      totp_last_step: acceptedStep,
      updated_at: enabledAt,
    })
    .where('id', '=', userId)
    .execute();
}

export async function clearTotpSecret(db: Executor, userId: string, now: string): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null, updated_at: now })
    .where('id', '=', userId)
    .execute();
}

/**
 * Records `step` as used, only if it is later than the last used step. False when another
 * request used this step (or a later one) first: the check and the write are one statement.
 */
export async function claimTotpStep(db: Executor, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('app_user')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Replaces all of a user's recovery codes with new ones (hashes only). */
export async function replaceRecoveryCodes(
  db: Executor,
  userId: string,
  codeHashes: string[],
  now: string,
): Promise<void> {
  await db.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
  if (codeHashes.length === 0) return;
  await db
    .insertInto('recovery_code')
    .values(codeHashes.map((code_hash) => ({ id: newId(), user_id: userId, code_hash, created_at: now })))
    .execute();
}

export async function deleteRecoveryCodes(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
}

/** Marks an unused code of this user as used; false if there is none (wrong, or already used). */
export async function useRecoveryCode(
  db: Executor,
  userId: string,
  codeHash: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('recovery_code')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function countUnusedRecoveryCodes(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_code')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
