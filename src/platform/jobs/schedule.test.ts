import { setTimeout as delay } from 'node:timers/promises';
import { Cron } from 'croner';
import { beforeEach, describe, expect, it } from 'vitest';
import { enqueueScheduledRun, type Schedule, Scheduler, scheduledRunKey, scheduledTimeOf } from './schedule';
import { findJobByDedupeKey } from './store';
import { describeEachSharedDatabase } from './test-shared-database';

const weeklyDigest: Schedule = {
  name: 'weekly opportunity digest',
  cron: '0 9 * * 1',
  jobName: 'digest.send',
  payload: { edition: 'weekly' },
};

describe('scheduled times', () => {
  it('reads patterns in Tokyo time', () => {
    const cron = new Cron(weeklyDigest.cron, { timezone: 'Asia/Tokyo' });
    // Monday 2030-01-07 09:00 in Tokyo is 00:00 UTC.
    expect(cron.nextRun(new Date('2030-01-03T00:00:00Z'))?.toISOString()).toBe('2030-01-07T00:00:00.000Z');
  });

  it('gives a late or early-in-the-second firing the time it was scheduled for', () => {
    const cron = new Cron(weeklyDigest.cron, { timezone: 'Asia/Tokyo' });
    for (const firedAt of [
      '2030-01-07T00:00:00.000Z',
      '2030-01-07T00:00:00.020Z',
      '2030-01-07T00:00:03.500Z',
    ]) {
      expect(scheduledTimeOf(cron, new Date(firedAt))?.toISOString()).toBe('2030-01-07T00:00:00.000Z');
    }
    const everyTenSeconds = new Cron('*/10 * * * * *', { timezone: 'Asia/Tokyo' });
    expect(scheduledTimeOf(everyTenSeconds, new Date('2030-01-07T00:00:19.999Z'))?.toISOString()).toBe(
      '2030-01-07T00:00:10.000Z',
    );
  });

  it('keys a run by job name and scheduled time', () => {
    expect(scheduledRunKey(weeklyDigest, new Date('2030-01-07T00:00:00Z'))).toBe(
      'digest.send@2030-01-07T00:00:00.000Z',
    );
  });

  it('refuses a bad pattern, and two schedules of one job, at construction', () => {
    expect(
      () => new Scheduler({ db: undefined as never, schedules: [{ ...weeklyDigest, cron: '61 * * * *' }] }),
    ).toThrow();
    expect(
      () =>
        new Scheduler({ db: undefined as never, schedules: [weeklyDigest, { ...weeklyDigest, name: 'x' }] }),
    ).toThrow(/digest\.send/);
  });
});

describeEachSharedDatabase('scheduled jobs on two instances', (handles) => {
  beforeEach(async () => {
    await handles()[0].db.deleteFrom('job').execute();
  });

  it('enqueue one job per scheduled time however many instances tick', async () => {
    const [first, second] = handles();
    const scheduledAt = new Date('2030-01-07T00:00:00Z');
    const fromFirst = await enqueueScheduledRun(first.db, weeklyDigest, scheduledAt);
    const fromSecond = await enqueueScheduledRun(second.db, weeklyDigest, scheduledAt);
    await enqueueScheduledRun(second.db, weeklyDigest, new Date('2030-01-14T00:00:00Z'));

    expect(fromFirst).toEqual(expect.any(String));
    expect(fromSecond).toBeNull();
    const jobs = await first.db
      .selectFrom('job')
      .select(['id', 'name', 'payload', 'run_at'])
      .orderBy('run_at')
      .execute();
    expect(jobs).toEqual([
      {
        id: fromFirst,
        name: 'digest.send',
        payload: '{"edition":"weekly"}',
        run_at: '2030-01-07T00:00:00.000Z',
      },
      expect.objectContaining({ run_at: '2030-01-14T00:00:00.000Z' }),
    ]);
    expect((await findJobByDedupeKey(second.db, 'digest.send@2030-01-07T00:00:00.000Z'))?.id).toBe(fromFirst);
  });

  it('enqueue each tick once when two running schedulers fire', async () => {
    const [first, second] = handles();
    const everySecond: Schedule = { name: 'heartbeat', cron: '* * * * * *', jobName: 'heartbeat' };
    const schedulers = [
      new Scheduler({ db: first.db, schedules: [everySecond] }),
      new Scheduler({ db: second.db, schedules: [everySecond] }),
    ];
    for (const scheduler of schedulers) scheduler.start();
    await delay(2300);
    for (const scheduler of schedulers) scheduler.stop();
    await delay(100);

    const jobs = await first.db
      .selectFrom('job')
      .select(['run_at', 'dedupe_key'])
      .orderBy('run_at')
      .execute();
    // 2.3 s hold two or three whole-second ticks; keys from firing times would give one per instance.
    expect(jobs.length).toBeGreaterThanOrEqual(2);
    expect(jobs.length).toBeLessThanOrEqual(3);
    for (const job of jobs) {
      expect(job.run_at).toMatch(/\.000Z$/);
      expect(job.dedupe_key).toBe(`heartbeat@${job.run_at}`);
    }
    expect(new Set(jobs.map((job) => job.run_at)).size).toBe(jobs.length);
  });
});
