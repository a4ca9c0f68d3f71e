/** SQL for API tokens. Only a token's SHA-256 and a short prefix are stored, never the token. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

export async function insertApiToken(
  db: Executor,
  token: {
    id: string;
    user_id: string;
    name: string;
    token_hash: string;
    token_prefix: string;
    created_at: string;
    expires_at: string;
  },
): Promise<void> {
  await db.insertInto('api_token').values(token).execute();
}

/** The caller's own tokens, newest first; revoked ones are left out. */
export async function listApiTokens(db: Executor, userId: string) {
  return db
    .selectFrom('api_token')
    .select(['id', 'name', 'token_prefix', 'created_at', 'expires_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function findApiToken(db: Executor, userId: string, id: string) {
  return db
    .selectFrom('api_token')
    .select(['id', 'name', 'token_prefix'])
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function revokeApiToken(
  db: Executor,
  userId: string,
  id: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('api_token')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** On deactivation: every token of the user stops working. Returns how many were revoked. */
export async function revokeApiTokensOfUser(db: Executor, userId: string, now: string): Promise<number> {
  const result = await db
    .updateTable('api_token')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The user behind a live token: not revoked, not expired, and the user still active. */
export async function findApiTokenUser(db: Executor, tokenHash: string, now: string) {
  return db
    .selectFrom('api_token as t')
    .innerJoin('app_user as u', 'u.id', 't.user_id')
    .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select([
      't.id as tokenId',
      't.last_used_at as lastUsedAt',
      'u.id as id',
      'u.name as name',
      'u.email as email',
      'u.role as role',
      'u.organisation_id as organisationId',
      'o.name as organisationName',
      'o.kind as organisationKind',
    ])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .where('t.expires_at', '>', now)
    .where('u.active', '=', 1)
    .executeTakeFirst();
}

export async function touchApiToken(db: Executor, id: string, now: string): Promise<void> {
  await db.updateTable('api_token').set({ last_used_at: now }).where('id', '=', id).execute();
}
