/**
 * The SQL of the digest's subscribers: reading and writing subscriber rows, the recipients of an
 * edition, and the count of permanent failures that pauses an address. Columns are named, never
 * selectAll.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database, DigestSubscriberStatus, DigestSubscriberTable } from '../../platform/db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

const subscriberColumns = [
  'id',
  'email',
  'name',
  'organisation_name',
  'user_id',
  'organisation_id',
  'status',
  'municipalities',
  'work_forms',
  'tasks',
  'weekly',
  'skip_empty',
  'confirm_expires_at',
  'confirmed_at',
  'approved_at',
  'unsubscribed_at',
  'permanent_failures',
  'paused_at',
  'created_at',
  'updated_at',
] as const;

export type SubscriberRow = Pick<DigestSubscriberTable, (typeof subscriberColumns)[number]>;

export async function insertSubscriber(db: Executor, row: DigestSubscriberTable): Promise<void> {
  await db.insertInto('digest_subscriber').values(row).execute();
}

export async function findSubscriber(db: Executor, id: string): Promise<SubscriberRow | undefined> {
  return db.selectFrom('digest_subscriber').select(subscriberColumns).where('id', '=', id).executeTakeFirst();
}

export async function findSubscriberByEmail(db: Executor, email: string): Promise<SubscriberRow | undefined> {
  return db
    .selectFrom('digest_subscriber')
    .select(subscriberColumns)
    .where('email', '=', email)
    .executeTakeFirst();
}

export async function findSubscriberByUser(db: Executor, userId: string): Promise<SubscriberRow | undefined> {
  return db
    .selectFrom('digest_subscriber')
    .select(subscriberColumns)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function findSubscriberByConfirmHash(
  db: Executor,
  hash: string,
): Promise<SubscriberRow | undefined> {
  return db
    .selectFrom('digest_subscriber')
    .select(subscriberColumns)
    .where('confirm_token_hash', '=', hash)
    .executeTakeFirst();
}

export type SubscriberPatch = Partial<Omit<DigestSubscriberTable, 'id' | 'created_at'>>;

export async function updateSubscriber(db: Executor, id: string, patch: SubscriberPatch): Promise<number> {
  const result = await db.updateTable('digest_subscriber').set(patch).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function deleteSubscriber(db: Executor, id: string): Promise<number> {
  const result = await db.deleteFrom('digest_subscriber').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function listSubscribers(
  db: Executor,
  { status, limit, offset }: { status?: DigestSubscriberStatus; limit: number; offset: number },
): Promise<SubscriberRow[]> {
  let query = db
    .selectFrom('digest_subscriber')
    .select(subscriberColumns)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .offset(offset);
  if (status) query = query.where('status', '=', status);
  return query.execute();
}

export async function countSubscribers(db: Executor, status?: DigestSubscriberStatus): Promise<number> {
  let query = db.selectFrom('digest_subscriber').select((eb) => eb.fn.countAll<number | string>().as('n'));
  if (status) query = query.where('status', '=', status);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

export type RecipientRow = Pick<
  DigestSubscriberTable,
  'id' | 'email' | 'name' | 'municipalities' | 'work_forms' | 'tasks' | 'skip_empty'
>;

/** Active subscribers (all, or those who asked for the weekly mail), in a stable order. */
export async function listActiveRecipients(db: Executor, { weeklyOnly }: { weeklyOnly: boolean }) {
  let query = db
    .selectFrom('digest_subscriber')
    .select(['id', 'email', 'name', 'municipalities', 'work_forms', 'tasks', 'skip_empty'])
    .where('status', '=', 'active')
    .orderBy('id');
  if (weeklyOnly) query = query.where('weekly', '=', 1);
  return query.execute() as Promise<RecipientRow[]>;
}

export async function listRecipientsByIds(db: Executor, ids: readonly string[]): Promise<RecipientRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('digest_subscriber')
    .select(['id', 'email', 'name', 'municipalities', 'work_forms', 'tasks', 'skip_empty'])
    .where('id', 'in', ids)
    .execute();
}

/**
 * Counts a permanent failure; the third in a row pauses the address. Returns the new count.
 * A successful delivery resets the count (`resetFailures`).
 */
export async function recordPermanentFailure(db: Executor, id: string, now: string): Promise<number> {
  await db
    .updateTable('digest_subscriber')
    .set((eb) => ({ permanent_failures: eb('permanent_failures', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .execute();
  await db
    .updateTable('digest_subscriber')
    .set({ status: 'paused', paused_at: now, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .where('permanent_failures', '>=', 3)
    .execute();
  const row = await db
    .selectFrom('digest_subscriber')
    .select('permanent_failures')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.permanent_failures ?? 0;
}

export async function resetFailures(db: Executor, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('digest_subscriber')
    .set({ permanent_failures: 0 })
    .where('id', 'in', ids)
    .where('permanent_failures', '>', 0)
    .execute();
}
