import { setTimeout as delay } from 'node:timers/promises';
import { beforeEach, expect, it } from 'vitest';
import { enqueueJob } from './queue';
import { describeEachSharedDatabase } from './test-shared-database';
import { JobWorker } from './worker';

describeEachSharedDatabase('job workers on two instances', (handles) => {
  beforeEach(async () => {
    await handles()[0].db.deleteFrom('job').execute();
  });

  it('run every job exactly once when they claim concurrently', async () => {
    const [first, second] = handles();
    const jobCount = 60;
    for (let n = 0; n < jobCount; n += 1) await enqueueJob(first.db, { name: 'count', payload: { n } });

    const calls: { n: number; workerId: string }[] = [];
    const makeWorker = (db: typeof first, workerId: string) =>
      new JobWorker({
        db,
        workerId,
        handlers: {
          count: async (payload, ctx) => {
            calls.push({ n: (payload as { n: number }).n, workerId: ctx.workerId });
            await delay(2);
          },
        },
      });
    const workers = [makeWorker(first, 'instance-a'), makeWorker(second, 'instance-b')];
    // Several loops per worker, each claiming until nothing is due, all at once.
    const drain = async (worker: JobWorker) => {
      while (await worker.runOnce()) {}
    };
    await Promise.all(workers.flatMap((worker) => Array.from({ length: 4 }, () => drain(worker))));

    expect(calls.map((call) => call.n).sort((a, b) => a - b)).toEqual(
      Array.from({ length: jobCount }, (_, n) => n),
    );
    expect(new Set(calls.map((call) => call.workerId))).toEqual(new Set(['instance-a', 'instance-b']));
    const rows = await second.db.selectFrom('job').select(['status', 'attempts', 'locked_by']).execute();
    expect(rows).toHaveLength(jobCount);
    for (const row of rows) expect(row).toMatchObject({ status: 'done', attempts: 1 });
  });
});
