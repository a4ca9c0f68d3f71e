/**
 * Every SQL statement on the job table. Each state change is one statement, so the worker never
 * holds a transaction open while a handler runs (on SQLite that would block every other writer).
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../db/connection';
import type { Database, Job } from '../db/schema';

/** A Kysely instance or a transaction: both extend Kysely. */
type Executor = Kysely<Database>;

const jobColumns = [
  'id',
  'name',
  'payload',
  'status',
  'run_at',
  'attempts',
  'max_attempts',
  'dedupe_key',
  'last_error',
  'locked_by',
  'locked_at',
  'created_at',
  'finished_at',
] as const;

export type JobRow = Pick<Job, (typeof jobColumns)[number]>;

/** What a worker needs to run a job it has claimed. */
export type ClaimedJob = Pick<Job, 'id' | 'name' | 'payload' | 'attempts' | 'max_attempts'>;

export type NewJobRow = Pick<
  Job,
  'id' | 'name' | 'payload' | 'run_at' | 'max_attempts' | 'dedupe_key' | 'created_at'
>;

/** Inserts a queued job; returns false when a job with the same dedupe key already exists. */
export async function insertJob(db: Executor, row: NewJobRow): Promise<boolean> {
  const insert = db.insertInto('job').values({ ...row, status: 'queued', attempts: 0 });
  const inserted = await (row.dedupe_key === null
    ? insert
    : insert.onConflict((oc) => oc.column('dedupe_key').doNothing())
  )
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * Claims the next due job for `workerId` and counts the attempt, in one statement. On PostgreSQL
 * the subquery skips rows other workers have locked, so concurrent claims never wait on or take
 * the same row; SQLite has no row locks but runs one writer at a time, so the single
 * UPDATE … RETURNING is atomic there.
 */
export async function claimNextJob(
  db: Executor,
  dialect: Dialect,
  { workerId, now }: { workerId: string; now: string },
): Promise<ClaimedJob | undefined> {
  return db
    .updateTable('job')
    .set((eb) => ({
      status: 'running',
      locked_by: workerId,
      locked_at: now,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', '=', (eb) => {
      const due = eb
        .selectFrom('job')
        .select('id')
        .where('status', '=', 'queued')
        .where('run_at', '<=', now)
        .orderBy('run_at')
        .orderBy('id')
        .limit(1);
      return dialect === 'postgres' ? due.forUpdate().skipLocked() : due;
    })
    .returning(['id', 'name', 'payload', 'attempts', 'max_attempts'])
    .executeTakeFirst();
}

/**
 * The attempt a worker holds: a job released as stale and claimed again has a higher attempt
 * count, so a slow first worker finishing late cannot overwrite the second one's outcome.
 */
export type JobLease = { id: string; workerId: string; attempts: number };

function whereLeaseHeld(db: Executor, lease: JobLease) {
  return db
    .updateTable('job')
    .where('id', '=', lease.id)
    .where('status', '=', 'running')
    .where('locked_by', '=', lease.workerId)
    .where('attempts', '=', lease.attempts);
}

/** Marks the job done; false when the lease was lost (the job was released as stale). */
export async function markJobDone(db: Executor, lease: JobLease, now: string): Promise<boolean> {
  const result = await whereLeaseHeld(db, lease).set({ status: 'done', finished_at: now }).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Puts the job back in the queue to run again at `runAt`. */
export async function requeueJob(
  db: Executor,
  lease: JobLease,
  { runAt, error }: { runAt: string; error: string },
): Promise<boolean> {
  const result = await whereLeaseHeld(db, lease)
    .set({ status: 'queued', run_at: runAt, last_error: error, locked_by: null, locked_at: null })
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Marks the job failed for good. */
export async function markJobFailed(
  db: Executor,
  lease: JobLease,
  { now, error }: { now: string; error: string },
): Promise<boolean> {
  const result = await whereLeaseHeld(db, lease)
    .set({ status: 'failed', finished_at: now, last_error: error })
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Releases jobs left 'running' by an instance that died: back to the queue, or failed when that
 * was their last attempt (a job that crashes its process must not loop for ever).
 */
export async function releaseStaleJobs(
  db: Executor,
  { lockedBefore, now }: { lockedBefore: string; now: string },
): Promise<{ requeued: number; failed: number }> {
  const error = `Lock expired: the worker running it stopped before finishing (locked before ${lockedBefore})`;
  const failed = await db
    .updateTable('job')
    .set({ status: 'failed', finished_at: now, last_error: error })
    .where('status', '=', 'running')
    .where('locked_at', '<', lockedBefore)
    .whereRef('attempts', '>=', 'max_attempts')
    .executeTakeFirst();
  const requeued = await db
    .updateTable('job')
    .set({ status: 'queued', run_at: now, last_error: error, locked_by: null, locked_at: null })
    .where('status', '=', 'running')
    .where('locked_at', '<', lockedBefore)
    .whereRef('attempts', '<', 'max_attempts')
    .executeTakeFirst();
  return { requeued: Number(requeued.numUpdatedRows), failed: Number(failed.numUpdatedRows) };
}

export async function getJob(db: Executor, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('job').select(jobColumns).where('id', '=', id).executeTakeFirst();
}

export async function findJobByDedupeKey(db: Executor, dedupeKey: string): Promise<JobRow | undefined> {
  return db.selectFrom('job').select(jobColumns).where('dedupe_key', '=', dedupeKey).executeTakeFirst();
}
