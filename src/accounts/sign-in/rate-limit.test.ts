/** The rate limit's fixed windows, counted atomically in the database. */
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases';
import { consumeRateLimit, refundRateLimitHit } from './rate-limit';
import { later, minute, t0 } from './service-fixtures';

describeEachDatabase('signing in (service, fixed clock)', (current) => {
  const db = () => current().db;

  it('counts hits in a fixed window per key, atomically, and starts a new window when it ends', async () => {
    const rule = { limit: 3, windowMs: minute };
    const hits = [];
    for (let i = 0; i < 5; i++) hits.push(await consumeRateLimit(db(), 'test:window', rule, t0));
    expect(hits.map((h) => [h.count, h.allowed, h.firstRefusal])).toEqual([
      [1, true, false],
      [2, true, false],
      [3, true, false],
      [4, false, true],
      [5, false, false],
    ]);
    expect((await consumeRateLimit(db(), 'test:window', rule, later(minute - 1))).allowed).toBe(false);
    const fresh = await consumeRateLimit(db(), 'test:window', rule, later(minute));
    expect([fresh.count, fresh.allowed, fresh.windowStart]).toEqual([1, true, later(minute).toISOString()]);
    await refundRateLimitHit(db(), fresh);
    expect((await consumeRateLimit(db(), 'test:window', rule, later(minute))).count).toBe(1);
    // Another key has a window of its own.
    expect((await consumeRateLimit(db(), 'test:other', rule, t0)).count).toBe(1);

    // Parallel hits each get their own count: the upsert is one atomic statement.
    const parallel = await Promise.all(
      Array.from({ length: 25 }, () => consumeRateLimit(db(), 'test:parallel', rule, t0)),
    );
    expect(parallel.map((h) => h.count).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 25 }, (_, i) => i + 1),
    );
  });
});
