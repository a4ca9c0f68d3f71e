/**
 * Every SQL statement of はたらく場情報 by e-mail: subscribers, editions and their frozen items,
 * and the delivery rows the sender claims with a lease. Columns are named, never selectAll.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Dialect } from '../platform/db/connection';
import type {
  Database,
  DigestDeliveryStatus,
  DigestDeliveryTable,
  DigestEditionItemTable,
  DigestEditionKind,
  DigestEditionStatus,
  DigestEditionTable,
  DigestSubscriberStatus,
  DigestSubscriberTable,
} from '../platform/db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

// ---- subscribers ---------------------------------------------------------------------------

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

// ---- editions ------------------------------------------------------------------------------

const editionColumns = [
  'id',
  'kind',
  'title',
  'status',
  'scheduled_for',
  'since',
  'frozen_at',
  'recipients',
  'created_by',
  'created_at',
  'finished_at',
  'cancelled_at',
] as const;

export type EditionRow = Pick<DigestEditionTable, (typeof editionColumns)[number]>;

export async function insertEdition(db: Executor, row: DigestEditionTable): Promise<void> {
  await db.insertInto('digest_edition').values(row).execute();
}

export async function findEdition(db: Executor, id: string): Promise<EditionRow | undefined> {
  return db.selectFrom('digest_edition').select(editionColumns).where('id', '=', id).executeTakeFirst();
}

export async function listEditions(
  db: Executor,
  { statuses, limit, offset }: { statuses?: readonly DigestEditionStatus[]; limit: number; offset: number },
): Promise<EditionRow[]> {
  let query = db
    .selectFrom('digest_edition')
    .select(editionColumns)
    .orderBy('scheduled_for', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset);
  if (statuses && statuses.length > 0) query = query.where('status', 'in', statuses);
  return query.execute();
}

export async function countEditions(
  db: Executor,
  statuses?: readonly DigestEditionStatus[],
): Promise<number> {
  let query = db.selectFrom('digest_edition').select((eb) => eb.fn.countAll<number | string>().as('n'));
  if (statuses && statuses.length > 0) query = query.where('status', 'in', statuses);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

/** Whether an edition of `kind` (not cancelled) is scheduled between `from` and `to`. */
export async function hasEditionBetween(
  db: Executor,
  kind: DigestEditionKind,
  { from, to }: { from: string; to: string },
): Promise<boolean> {
  const row = await db
    .selectFrom('digest_edition')
    .select('id')
    .where('kind', '=', kind)
    .where('status', '!=', 'cancelled')
    .where('scheduled_for', '>=', from)
    .where('scheduled_for', '<=', to)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** When the last frozen edition of `kind` was taken: the start of the next one's changes. */
export async function lastFrozenAt(db: Executor, kind: DigestEditionKind): Promise<string | undefined> {
  const row = await db
    .selectFrom('digest_edition')
    .select('frozen_at')
    .where('kind', '=', kind)
    .where('frozen_at', 'is not', null)
    .orderBy('frozen_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.frozen_at ?? undefined;
}

/**
 * Takes a scheduled edition for sending: true for exactly one caller. Inside the freezing
 * transaction, so the items and deliveries are written by the one that won.
 */
export async function startEdition(
  db: Executor,
  id: string,
  { since, frozenAt, recipients }: { since: string; frozenAt: string; recipients: number },
): Promise<boolean> {
  const result = await db
    .updateTable('digest_edition')
    .set({ status: 'sending', since, frozen_at: frozenAt, recipients })
    .where('id', '=', id)
    .where('status', '=', 'scheduled')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function cancelScheduledEdition(db: Executor, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('digest_edition')
    .set({ status: 'cancelled', cancelled_at: now })
    .where('id', '=', id)
    .where('status', '=', 'scheduled')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function finishEdition(db: Executor, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('digest_edition')
    .set({ status: 'sent', finished_at: now })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Editions still sending: the resume schedule enqueues a sender for each. */
export async function listSendingEditionIds(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('digest_edition').select('id').where('status', '=', 'sending').execute();
  return rows.map((r) => r.id);
}

export async function insertItems(db: Executor, rows: readonly DigestEditionItemTable[]): Promise<void> {
  for (let start = 0; start < rows.length; start += 100) {
    await db
      .insertInto('digest_edition_item')
      .values(rows.slice(start, start + 100))
      .execute();
  }
}

export async function listItems(db: Executor, editionId: string) {
  return db
    .selectFrom('digest_edition_item')
    .select(['opportunity_id', 'change', 'is_open', 'municipality_code', 'snapshot'])
    .where('edition_id', '=', editionId)
    .orderBy('position')
    .execute();
}

// ---- deliveries ----------------------------------------------------------------------------

export async function insertDeliveries(db: Executor, rows: readonly DigestDeliveryTable[]): Promise<void> {
  for (let start = 0; start < rows.length; start += 200) {
    await db
      .insertInto('digest_delivery')
      .values(rows.slice(start, start + 200))
      .onConflict((oc) => oc.columns(['edition_id', 'subscriber_id']).doNothing())
      .execute();
  }
}

export type ClaimedDelivery = Pick<
  DigestDeliveryTable,
  'id' | 'subscriber_id' | 'email' | 'attempts' | 'message_id'
>;

/**
 * Leases up to `limit` deliveries of an edition that are due (waiting), or whose lease ran out
 * (their sender died), to `owner` until `leaseUntil`, counting the attempt. One statement; on
 * PostgreSQL the subquery skips rows other senders are claiming.
 */
export async function claimDeliveries(
  db: Executor,
  dialect: Dialect,
  {
    editionId,
    owner,
    now,
    leaseUntil,
    limit,
  }: { editionId: string; owner: string; now: string; leaseUntil: string; limit: number },
): Promise<ClaimedDelivery[]> {
  return db
    .updateTable('digest_delivery')
    .set((eb) => ({
      status: 'sending',
      lease_owner: owner,
      lease_until: leaseUntil,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', 'in', (eb) => {
      const due = eb
        .selectFrom('digest_delivery')
        .select('id')
        .where('edition_id', '=', editionId)
        .where((w) =>
          w.or([
            w.and([w('status', '=', 'waiting'), w('next_attempt_at', '<=', now)]),
            w.and([w('status', '=', 'sending'), w('lease_until', '<', now)]),
          ]),
        )
        .orderBy('content_key')
        .orderBy('id')
        .limit(limit);
      return dialect === 'postgres' ? due.forUpdate().skipLocked() : due;
    })
    .returning(['id', 'subscriber_id', 'email', 'attempts', 'message_id'])
    .execute();
}

function whereLeased(db: Executor, id: string, owner: string) {
  return db
    .updateTable('digest_delivery')
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('lease_owner', '=', owner);
}

/**
 * Marks many deliveries sent in one statement (the sender records them in batches); only rows
 * still leased to `owner`. Returns how many were.
 */
export async function markDeliveriesSent(
  db: Executor,
  ids: readonly string[],
  owner: string,
  now: string,
): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable('digest_delivery')
    .set({ status: 'sent', sent_at: now, lease_owner: null, lease_until: null, last_error: null })
    .where('id', 'in', ids)
    .where('status', '=', 'sending')
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function markDeliverySkipped(db: Executor, id: string, owner: string) {
  await whereLeased(db, id, owner)
    .set({ status: 'skipped', lease_owner: null, lease_until: null })
    .executeTakeFirst();
}

export async function markDeliveryRetry(
  db: Executor,
  id: string,
  owner: string,
  { nextAttemptAt, error }: { nextAttemptAt: string; error: string },
) {
  await whereLeased(db, id, owner)
    .set({
      status: 'waiting',
      next_attempt_at: nextAttemptAt,
      last_error: error,
      lease_owner: null,
      lease_until: null,
    })
    .executeTakeFirst();
}

export async function markDeliveryFailed(db: Executor, id: string, owner: string, error: string) {
  const result = await whereLeased(db, id, owner)
    .set({ status: 'failed', last_error: error, lease_owner: null, lease_until: null })
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export type DeliveryCounts = Record<DigestDeliveryStatus, number>;

export async function deliveryCounts(db: Executor, editionId: string): Promise<DeliveryCounts> {
  const rows = await db
    .selectFrom('digest_delivery')
    .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('edition_id', '=', editionId)
    .groupBy('status')
    .execute();
  const counts: DeliveryCounts = { waiting: 0, sending: 0, sent: 0, failed: 0, skipped: 0 };
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}

/** The earliest moment a not-yet-final delivery of the edition can be claimed, if any. */
export async function nextDeliveryDue(db: Executor, editionId: string): Promise<string | undefined> {
  const waiting = await db
    .selectFrom('digest_delivery')
    .select((eb) => eb.fn.min('next_attempt_at').as('at'))
    .where('edition_id', '=', editionId)
    .where('status', '=', 'waiting')
    .executeTakeFirst();
  const leased = await db
    .selectFrom('digest_delivery')
    .select((eb) => eb.fn.min('lease_until').as('at'))
    .where('edition_id', '=', editionId)
    .where('status', '=', 'sending')
    .executeTakeFirst();
  const times = [waiting?.at, leased?.at].filter((t): t is string => typeof t === 'string');
  return times.sort()[0];
}

export async function listDeliveries(
  db: Executor,
  editionId: string,
  { status, limit }: { status?: DigestDeliveryStatus; limit: number },
) {
  let query = db
    .selectFrom('digest_delivery')
    .select(['id', 'subscriber_id', 'email', 'status', 'attempts', 'last_error', 'sent_at'])
    .where('edition_id', '=', editionId)
    .orderBy('email')
    .limit(limit);
  if (status) query = query.where('status', '=', status);
  return query.execute();
}
