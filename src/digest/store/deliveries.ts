/**
 * The SQL of the digest's delivery rows, one per edition and subscriber: inserting them, leasing
 * due ones to a sender (claimDeliveries), recording each outcome, and counting progress.
 * Columns are named, never selectAll.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Dialect } from '../../platform/db/connection';
import type { Database, DigestDeliveryStatus, DigestDeliveryTable } from '../../platform/db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

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
