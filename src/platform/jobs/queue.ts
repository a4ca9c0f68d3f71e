/**
 * Enqueueing jobs. Takes a Kysely instance or the caller's transaction, so a use case that
 * enqueues work commits it together with the data the work is about, or not at all.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { newId, nowIso } from '../db/time';
import { insertJob } from './store';

export type EnqueueJobInput = {
  name: string;
  /** Stored as JSON; the handler receives it parsed. */
  payload?: unknown;
  /** When the job may run; now when left out. */
  runAt?: Date;
  maxAttempts?: number;
  /** A job with this key is created once; later enqueues with the same key do nothing. */
  dedupeKey?: string;
};

export const defaultMaxAttempts = 5;

/**
 * Adds a job to the queue. Returns its id, or null when `dedupeKey` was given and a job with
 * that key already exists (whatever its status).
 */
export async function enqueueJob(db: Kysely<Database>, input: EnqueueJobInput): Promise<string | null> {
  const maxAttempts = input.maxAttempts ?? defaultMaxAttempts;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError(`maxAttempts must be a positive integer, not ${maxAttempts}`);
  }
  const id = newId();
  const now = nowIso();
  const inserted = await insertJob(db, {
    id,
    name: input.name,
    payload: JSON.stringify(input.payload ?? {}),
    run_at: input.runAt ? nowIso(input.runAt) : now,
    max_attempts: maxAttempts,
    dedupe_key: input.dedupeKey ?? null,
    created_at: now,
  });
  return inserted ? id : null;
}
