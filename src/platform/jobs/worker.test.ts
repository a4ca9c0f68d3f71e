import { setTimeout as delay } from 'node:timers/promises';
import pino from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases';
import { nowIso } from '../db/time';
import { retryDelayMs } from './backoff';
import { PermanentJobError } from './errors';
import type { Logger } from './logger';
import { enqueueJob } from './queue';
import { findJobByDedupeKey, getJob } from './store';
import { type JobContext, type JobHandler, JobWorker } from './worker';

describe('retryDelayMs', () => {
  it('doubles from the base and stops at the cap', () => {
    const options = { baseMs: 30_000, maxMs: 3_600_000 };
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, options))).toEqual([
      30_000, 60_000, 120_000, 240_000,
    ]);
    expect(retryDelayMs(20, options)).toBe(3_600_000);
    expect(retryDelayMs(3, { baseMs: 0, maxMs: 3_600_000 })).toBe(0);
  });

  it('accepts a pino logger as its logger type', () => {
    const logger: Logger = pino({ level: 'silent' });
    expect(logger).toBeDefined();
  });
});

describeEachDatabase('job worker', (current) => {
  let clock: Date;
  const now = () => clock;
  const advance = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };

  beforeEach(async () => {
    await current().db.deleteFrom('job').execute();
    // A little ahead of the wall clock, so jobs enqueued "now" are due for the worker.
    clock = new Date(Date.now() + 1000);
  });

  function worker(handlers: Record<string, JobHandler>, options: { workerId?: string } = {}) {
    return new JobWorker({ db: current(), handlers, now, ...options });
  }

  it('runs an enqueued job once with its payload and marks it done', async () => {
    const { db } = current();
    const seen: { payload: unknown; ctx: JobContext }[] = [];
    const id = await enqueueJob(db, { name: 'greet', payload: { name: '東村山市', n: 1 } });
    const w = worker({
      greet: async (payload, ctx) => {
        seen.push({ payload, ctx });
      },
    });

    expect(await w.runOnce()).toBe(true);
    expect(await w.runOnce()).toBe(false);

    expect(seen).toHaveLength(1);
    expect(seen[0]?.payload).toEqual({ name: '東村山市', n: 1 });
    expect(seen[0]?.ctx).toMatchObject({ jobId: id, attempt: 1, maxAttempts: 5, isLastAttempt: false });
    const job = await getJob(db, id ?? '');
    expect(job).toMatchObject({ status: 'done', attempts: 1, locked_by: w.workerId, last_error: null });
    expect(job?.finished_at).toBe(nowIso(clock));
  });

  it('leaves a job alone until its run time', async () => {
    const { db } = current();
    const ran: string[] = [];
    await enqueueJob(db, { name: 'later', runAt: new Date(clock.getTime() + 60_000) });
    const w = worker({ later: async () => void ran.push('later') });

    expect(await w.runOnce()).toBe(false);
    advance(60_000);
    expect(await w.runOnce()).toBe(true);
    expect(ran).toEqual(['later']);
  });

  it('runs due jobs in run-time order', async () => {
    const { db } = current();
    const ran: unknown[] = [];
    await enqueueJob(db, { name: 'order', payload: 2, runAt: new Date(clock.getTime() - 1000) });
    await enqueueJob(db, { name: 'order', payload: 1, runAt: new Date(clock.getTime() - 2000) });
    await enqueueJob(db, { name: 'order', payload: 3 });
    const w = worker({ order: async (payload) => void ran.push(payload) });
    while (await w.runOnce()) {}
    expect(ran).toEqual([1, 2, 3]);
  });

  it('creates a job with a dedupe key once', async () => {
    const { db } = current();
    const first = await enqueueJob(db, { name: 'digest', dedupeKey: 'digest@2030-01-06T00:00:00.000Z' });
    const second = await enqueueJob(db, {
      name: 'digest',
      payload: { other: true },
      dedupeKey: 'digest@2030-01-06T00:00:00.000Z',
    });

    expect(first).toEqual(expect.any(String));
    expect(second).toBeNull();
    const rows = await db.selectFrom('job').select(['id', 'payload']).execute();
    expect(rows).toEqual([{ id: first, payload: '{}' }]);
    expect((await findJobByDedupeKey(db, 'digest@2030-01-06T00:00:00.000Z'))?.id).toBe(first);
  });

  it("enqueues inside the caller's transaction: a rollback leaves no job", async () => {
    const { db } = current();
    await expect(
      db.transaction().execute(async (trx) => {
        await enqueueJob(trx, { name: 'rolled-back' });
        throw new Error('use case failed');
      }),
    ).rejects.toThrow('use case failed');
    await db.transaction().execute(async (trx) => {
      await enqueueJob(trx, { name: 'committed' });
    });
    const names = await db.selectFrom('job').select('name').execute();
    expect(names).toEqual([{ name: 'committed' }]);
  });

  it('retries a failing job with growing back-off, then fails it on the last attempt', async () => {
    const { db } = current();
    const attempts: Pick<JobContext, 'attempt' | 'isLastAttempt'>[] = [];
    const id = (await enqueueJob(db, { name: 'flaky', maxAttempts: 3 })) ?? '';
    const w = worker({
      flaky: async (_payload, { attempt, isLastAttempt }) => {
        attempts.push({ attempt, isLastAttempt });
        throw new Error(`SMTP 451 一時的なエラー (attempt ${attempt})`);
      },
    });

    expect(await w.runOnce()).toBe(true);
    let job = await getJob(db, id);
    expect(job).toMatchObject({ status: 'queued', attempts: 1, locked_by: null, locked_at: null });
    expect(job?.run_at).toBe(nowIso(new Date(clock.getTime() + 30_000)));
    expect(job?.last_error).toBe('Error: SMTP 451 一時的なエラー (attempt 1)');

    advance(29_999);
    expect(await w.runOnce()).toBe(false);
    advance(1);
    expect(await w.runOnce()).toBe(true);
    job = await getJob(db, id);
    expect(job).toMatchObject({ status: 'queued', attempts: 2 });
    expect(job?.run_at).toBe(nowIso(new Date(clock.getTime() + 60_000)));

    advance(60_000);
    expect(await w.runOnce()).toBe(true);
    job = await getJob(db, id);
    expect(job).toMatchObject({ status: 'failed', attempts: 3, finished_at: nowIso(clock) });
    expect(job?.last_error).toContain('attempt 3');
    expect(attempts).toEqual([
      { attempt: 1, isLastAttempt: false },
      { attempt: 2, isLastAttempt: false },
      { attempt: 3, isLastAttempt: true },
    ]);

    advance(24 * 3_600_000);
    expect(await w.runOnce()).toBe(false);
  });

  it('retries at once when the back-off base is 0', async () => {
    const { db } = current();
    let calls = 0;
    const id = (await enqueueJob(db, { name: 'quick', maxAttempts: 2 })) ?? '';
    const w = new JobWorker({
      db: current(),
      now,
      backoff: { baseMs: 0 },
      handlers: {
        quick: async () => {
          calls += 1;
          if (calls === 1) throw new Error('first time fails');
        },
      },
    });
    expect(await w.runOnce()).toBe(true);
    expect(await w.runOnce()).toBe(true);
    expect(await getJob(db, id)).toMatchObject({
      status: 'done',
      attempts: 2,
      last_error: 'Error: first time fails',
    });
  });

  it('fails a job at once on a PermanentJobError', async () => {
    const { db } = current();
    const id = (await enqueueJob(db, { name: 'hopeless' })) ?? '';
    const w = worker({
      hopeless: async () => {
        throw new PermanentJobError('mail_message 123 does not exist');
      },
    });
    expect(await w.runOnce()).toBe(true);
    expect(await getJob(db, id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: 'PermanentJobError: mail_message 123 does not exist',
    });
  });

  it('fails a job whose name has no handler, saying so', async () => {
    const { db } = current();
    const unknown = (await enqueueJob(db, { name: 'no.such.job' })) ?? '';
    const prototypeName = (await enqueueJob(db, { name: 'toString' })) ?? '';
    const w = worker({});
    expect(await w.runOnce()).toBe(true);
    expect(await w.runOnce()).toBe(true);
    expect(await getJob(db, unknown)).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: 'PermanentJobError: No handler is registered for job "no.such.job"',
    });
    expect((await getJob(db, prototypeName))?.status).toBe('failed');
  });

  it('fails a job whose payload is not JSON', async () => {
    const { db } = current();
    const id = (await enqueueJob(db, { name: 'broken' })) ?? '';
    await db.updateTable('job').set({ payload: '{not json' }).where('id', '=', id).execute();
    let called = false;
    const w = worker({
      broken: async () => {
        called = true;
      },
    });
    expect(await w.runOnce()).toBe(true);
    expect(called).toBe(false);
    expect(await getJob(db, id)).toMatchObject({
      status: 'failed',
      last_error: expect.stringContaining('JSON'),
    });
  });

  it('puts back jobs locked by a dead instance, and fails those on their last attempt', async () => {
    const { db } = current();
    const stale = (await enqueueJob(db, { name: 'stale', maxAttempts: 3 })) ?? '';
    const exhausted = (await enqueueJob(db, { name: 'stale', maxAttempts: 1 })) ?? '';
    const fresh = (await enqueueJob(db, { name: 'stale' })) ?? '';
    const sixteenMinutesAgo = nowIso(new Date(clock.getTime() - 16 * 60_000));
    const aMinuteAgo = nowIso(new Date(clock.getTime() - 60_000));
    for (const [id, lockedAt] of [
      [stale, sixteenMinutesAgo],
      [exhausted, sixteenMinutesAgo],
      [fresh, aMinuteAgo],
    ] as const) {
      await db
        .updateTable('job')
        .set({ status: 'running', locked_by: 'dead-instance', locked_at: lockedAt, attempts: 1 })
        .where('id', '=', id)
        .execute();
    }
    const ran: string[] = [];
    const w = worker({ stale: async (_payload, ctx) => void ran.push(`${ctx.jobId}#${ctx.attempt}`) });

    expect(await w.runOnce()).toBe(false);
    expect(await w.releaseStaleJobs()).toEqual({ requeued: 1, failed: 1 });
    expect(await getJob(db, stale)).toMatchObject({ status: 'queued', locked_by: null });
    expect(await getJob(db, exhausted)).toMatchObject({
      status: 'failed',
      last_error: expect.stringContaining('Lock expired'),
    });
    expect(await getJob(db, fresh)).toMatchObject({ status: 'running', locked_by: 'dead-instance' });

    expect(await w.runOnce()).toBe(true);
    expect(await w.runOnce()).toBe(false);
    expect(ran).toEqual([`${stale}#2`]);
    expect(await getJob(db, stale)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('does not let a worker whose lock expired overwrite the outcome of the next one', async () => {
    const { db } = current();
    const id = (await enqueueJob(db, { name: 'slow' })) ?? '';
    let release: () => void = () => {};
    const slowFinished = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = worker(
      {
        slow: async () => {
          await slowFinished;
          throw new Error('too late');
        },
      },
      { workerId: 'slow' },
    );
    const slowRun = slow.runOnce();
    await expect.poll(async () => (await getJob(db, id))?.status).toBe('running');

    advance(16 * 60_000);
    const fast = worker({ slow: async () => {} }, { workerId: 'fast' });
    expect(await fast.releaseStaleJobs()).toEqual({ requeued: 1, failed: 0 });
    expect(await fast.runOnce()).toBe(true);
    release();
    expect(await slowRun).toBe(true);

    expect(await getJob(db, id)).toMatchObject({ status: 'done', locked_by: 'fast', attempts: 2 });
  });

  it('polls when started, and stop() waits for the running job', async () => {
    const { db } = current();
    const events: string[] = [];
    let started: () => void = () => {};
    const jobStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    const w = new JobWorker({
      db: current(),
      pollIntervalMs: 10,
      handlers: {
        slow: async () => {
          events.push('start');
          started();
          await delay(100);
          events.push('end');
        },
      },
    });
    w.start();
    const id = (await enqueueJob(db, { name: 'slow' })) ?? '';
    await jobStarted;
    await w.stop();
    events.push('stopped');

    expect(events).toEqual(['start', 'end', 'stopped']);
    expect((await getJob(db, id))?.status).toBe('done');
    await enqueueJob(db, { name: 'slow' });
    expect(await w.runOnce()).toBe(false);
  });
});
