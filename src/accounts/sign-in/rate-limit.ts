/**
 * Fixed-window rate limits kept in the `rate_limit` table, so every app instance counts against
 * the same number. A hit is counted before the work it guards (so parallel guesses cannot slip
 * past the limit) and may be given back afterwards when it turned out not to be a guess.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema';
import { nowIso } from '../../platform/db/time';
import { hitRateLimit, refundRateLimit } from './store';

type Executor = Kysely<Database> | Transaction<Database>;

export type RateLimitRule = { limit: number; windowMs: number };

/** Sign-in attempts (passwords and second-factor codes) from one client address. */
export const signInAttemptsPerAddress: RateLimitRule = { limit: 20, windowMs: 10 * 60 * 1000 };

export type RateLimitHit = {
  key: string;
  /** False once this hit is over the limit. */
  allowed: boolean;
  count: number;
  windowStart: string;
  /** The first refused hit of a window, the one worth an audit row. */
  firstRefusal: boolean;
};

export async function consumeRateLimit(
  db: Executor,
  key: string,
  rule: RateLimitRule,
  now = new Date(),
): Promise<RateLimitHit> {
  const { count, windowStart } = await hitRateLimit(
    db,
    key,
    nowIso(now),
    nowIso(new Date(now.getTime() - rule.windowMs)),
  );
  return { key, allowed: count <= rule.limit, count, windowStart, firstRefusal: count === rule.limit + 1 };
}

export async function refundRateLimitHit(db: Executor, hit: RateLimitHit): Promise<void> {
  await refundRateLimit(db, hit.key, hit.windowStart);
}

export function signInAddressKey(ip: string): string {
  return `sign-in:ip:${ip}`;
}
